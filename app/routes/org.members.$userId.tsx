import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { detectLocale } from "~/i18n/detect.server";
import { foreignLang, type Locale } from "~/i18n/locales";
import { useI18n } from "~/i18n/react";
import { factLabel } from "~/organisations/fact-labels";
import { requireOrgManager } from "~/organisations/guards.server";
import { OrgHeader } from "~/organisations/org-nav";
import { orgMember } from "~/organisations/org-members.server";
import { countryName } from "~/people/countries";
import { Breadcrumbs } from "~/ui/breadcrumbs";
import { pageTitle } from "~/ui/page-title";
import peopleCss from "~/styles/people.css?url";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["learning", "organisations", "people"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: peopleCss }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "organisations.member.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation } = await requireOrgManager(request);
  const locale = detectLocale(request, user.locale);
  // Only a current member of the manager's own organisation: anyone else is "not found", like an unknown id.
  const page = await orgMember(organisation.id, params.userId ?? "", locale);
  if (!page) throw new Response("Not Found", { status: 404 });
  return {
    organisation: { name: organisation.name },
    ...page,
    nationality: page.member.nationality ? countryName(page.member.nationality, locale) : null,
  };
}

export default function OrgMemberPage() {
  const { t, locale, formatDate, formatNumber } = useI18n();
  const { organisation, member, nationality, enrolments, certificates, attendances, records } = useLoaderData<typeof loader>();
  const date = (iso: string | null) => (iso ? formatDate(iso, { dateStyle: "medium" }) : "—");
  const foreign = (lang: string) => foreignLang(lang as Locale, locale);
  return (
    <div className="page stack">
      <Breadcrumbs items={[{ label: t("organisations.org.title"), to: "/org" }, { label: member.name }]} />
      <h1>
        <bdi>{member.name}</bdi>
      </h1>
      <OrgHeader organisation={organisation} />

      <section aria-labelledby="member-profile">
        <h2 id="member-profile">{t("organisations.member.profileTitle")}</h2>
        <dl className="facts facts-wrap">
          <dt>{t("people.data.account.email")}</dt>
          <dd dir="ltr">{member.email ?? "—"}</dd>
          <dt>{t("people.data.account.phone")}</dt>
          <dd dir="ltr">{member.phone ?? "—"}</dd>
          <dt>{t("organisations.fields.role")}</dt>
          <dd>
            {t(`organisations.role.${member.role}`)} · {t("organisations.member.since", { date: date(member.since) })}
          </dd>
          <dt>{t("people.facts.sex.label")}</dt>
          <dd>{factLabel(t, "sex", member.sex)}</dd>
          <dt>{t("people.facts.ageBand.label")}</dt>
          <dd>{factLabel(t, "ageBand", member.ageBand)}</dd>
          <dt>{t("people.facts.profession.label")}</dt>
          <dd>{factLabel(t, "profession", member.profession)}</dd>
          <dt>{t("people.facts.region")}</dt>
          <dd>{member.region ?? "—"}</dd>
          <dt>{t("people.facts.city")}</dt>
          <dd>
            <bdi>{member.city ?? "—"}</bdi>
          </dd>
          <dt>{t("people.facts.nationality")}</dt>
          <dd>{nationality ?? "—"}</dd>
        </dl>
      </section>

      <section aria-labelledby="member-enrolments">
        <h2 id="member-enrolments">{t("organisations.member.enrolmentsTitle")}</h2>
        {enrolments.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("organisations.member.course")}</th>
                  <th scope="col">{t("organisations.member.enrolledAt")}</th>
                  <th scope="col" className="num">
                    {t("organisations.member.progress")}
                  </th>
                  <th scope="col">{t("organisations.member.completedAt")}</th>
                </tr>
              </thead>
              <tbody>
                {enrolments.map((e) => (
                  <tr key={e.id}>
                    <th scope="row">
                      <span {...foreign(e.course.lang)}>{e.course.title}</span>
                      {e.cohort ? (
                        <>
                          <br />
                          <span className="muted">
                            <bdi>{e.cohort}</bdi>
                          </span>
                        </>
                      ) : null}
                    </th>
                    <td>{date(e.enrolledAt)}</td>
                    <td className="num">{e.percent === null ? "—" : formatNumber(e.percent / 100, { style: "percent" })}</td>
                    <td>{date(e.completedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t("organisations.member.noEnrolments")}</p>
        )}
      </section>

      <section aria-labelledby="member-certificates">
        <h2 id="member-certificates">{t("organisations.member.certificatesTitle")}</h2>
        {certificates.length ? (
          <ul className="plain-list">
            {certificates.map((c) => (
              <li key={c.id}>
                <span {...foreign(c.locale)}>{c.courseTitle}</span> — {t("organisations.member.issuedOn", { date: date(c.issuedAt) })}
                {c.expiresAt ? ` · ${t("organisations.member.expiresOn", { date: date(c.expiresAt) })}` : ""}
                {c.revoked ? (
                  <>
                    {" "}
                    <span className="badge badge-warning">{t("organisations.member.revoked")}</span>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("organisations.member.noCertificates")}</p>
        )}
      </section>

      <section aria-labelledby="member-attendances">
        <h2 id="member-attendances">{t("organisations.member.attendancesTitle")}</h2>
        {attendances.length ? (
          <ul className="plain-list">
            {attendances.map((a) => (
              <li key={a.id}>
                <bdi>{a.title}</bdi> — {date(a.startsAt)} · {t(`organisations.modality.${a.modality}`)}
                {a.city ? (
                  <>
                    {" "}
                    · <bdi>{a.city}</bdi>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("organisations.member.noAttendances")}</p>
        )}
      </section>

      <section aria-labelledby="member-records">
        <h2 id="member-records">{t("organisations.member.recordsTitle")}</h2>
        <p>{t("organisations.member.recordsIntro")}</p>
        {records.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("organisations.member.recordDate")}</th>
                  <th scope="col">{t("organisations.member.recordKind")}</th>
                  <th scope="col">{t("organisations.member.recordWhat")}</th>
                  <th scope="col">{t("organisations.member.recordModality")}</th>
                </tr>
              </thead>
              <tbody>
                {records.map((r) => (
                  <tr key={r.id}>
                    <td>{date(r.occurredAt)}</td>
                    <td>{t(`organisations.recordKind.${r.kind}`)}</td>
                    <td>
                      <bdi>{r.title}</bdi>
                      {r.validUntil ? (
                        <>
                          <br />
                          <span className="muted">{t("organisations.member.validUntil", { date: date(r.validUntil) })}</span>
                        </>
                      ) : null}
                    </td>
                    <td>{t(`organisations.modality.${r.modality}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t("organisations.member.noRecords")}</p>
        )}
      </section>
    </div>
  );
}
