import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { detectLocale } from "~/i18n/detect.server";
import { useI18n } from "~/i18n/react";
import { factLabel } from "~/organisations/fact-labels";
import { requireOrgManager } from "~/organisations/guards.server";
import { OrgHeader } from "~/organisations/org-nav";
import { orgMembers } from "~/organisations/org-members.server";
import { pageTitle } from "~/ui/page-title";
import { Pagination } from "~/ui/pagination";
import peopleCss from "~/styles/people.css?url";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["admin", "organisations", "people"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: peopleCss }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "organisations.org.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, organisation } = await requireOrgManager(request);
  const params = new URL(request.url).searchParams;
  const q = (params.get("q") ?? "").trim().slice(0, 200);
  const page = Math.floor(Number(params.get("page") ?? "1")) || 1;
  const list = await orgMembers(organisation.id, { q, page }, detectLocale(request, user.locale));
  return { organisation: { name: organisation.name }, q, ...list };
}

export default function OrgMembersPage() {
  const { t, formatDate } = useI18n();
  const { organisation, q, members, total, page, pages } = useLoaderData<typeof loader>();
  return (
    <div className="page stack">
      <h1>{t("organisations.org.title")}</h1>
      <OrgHeader organisation={organisation} />
      <p>{t("organisations.org.intro")}</p>
      <Form method="get" className="form filters" role="search" aria-label={t("organisations.org.searchTitle")}>
        <div className="field">
          <label htmlFor="member-q">{t("organisations.org.searchLabel")}</label>
          <input id="member-q" name="q" type="search" defaultValue={q} maxLength={200} dir="auto" />
        </div>
        <p className="actions">
          <button type="submit" className="button">
            {t("organisations.admin.search")}
          </button>
          {q ? <Link to="/org">{t("organisations.admin.clear")}</Link> : null}
        </p>
      </Form>
      <p role="status">{t("organisations.org.count", { count: total })}</p>
      {members.length ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("organisations.org.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("organisations.page.person")}</th>
                <th scope="col">{t("organisations.fields.role")}</th>
                <th scope="col">{t("people.facts.sex.label")}</th>
                <th scope="col">{t("people.facts.ageBand.label")}</th>
                <th scope="col">{t("people.facts.profession.label")}</th>
                <th scope="col">{t("people.facts.place")}</th>
                <th scope="col">{t("organisations.page.since")}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    <Link to={`/org/members/${m.id}`}>
                      <bdi>{m.name}</bdi>
                    </Link>
                    {m.email ? (
                      <>
                        <br />
                        <span className="muted" dir="ltr">
                          {m.email}
                        </span>
                      </>
                    ) : null}
                  </th>
                  <td>{t(`organisations.role.${m.role}`)}</td>
                  <td>{factLabel(t, "sex", m.sex)}</td>
                  <td>{factLabel(t, "ageBand", m.ageBand)}</td>
                  <td>{factLabel(t, "profession", m.profession)}</td>
                  <td>
                    {[m.region, m.city].filter(Boolean).length ? (
                      <bdi>{[m.region, m.city].filter(Boolean).join(" · ")}</bdi>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td>{formatDate(m.since, { dateStyle: "medium" })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{q ? t("organisations.org.noMatch") : t("organisations.org.empty")}</p>
      )}
      <Pagination page={page} pages={pages} />
    </div>
  );
}
