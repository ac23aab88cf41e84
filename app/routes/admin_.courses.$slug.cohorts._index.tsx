import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { detectLocale } from "~/i18n/detect.server";
import { foreignLang } from "~/i18n/locales";
import { useI18n } from "~/i18n/react";
import { cohortsPage } from "~/learning/cohorts.server";
import { Breadcrumbs } from "~/ui/breadcrumbs";
import { pageTitle } from "~/ui/page-title";
import { trainingLinks } from "~/ui/training-links";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["admin", "cohorts", "learning"] };

export const links = trainingLinks;
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "cohorts.list.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  return cohortsPage(params.slug ?? "", detectLocale(request, user.locale));
}

export default function CohortsPage() {
  const { t, tx, locale, formatDate, formatNumber } = useI18n();
  const { course, cohorts } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const foreign = foreignLang(course.lang, locale);
  const day = (iso: string | null) => (iso ? formatDate(iso, { dateStyle: "medium" }) : "—");
  return (
    <div className="page stack">
      <Breadcrumbs items={[{ label: t("admin.title"), to: "/admin" }, { label: course.title, foreign }]} />
      <h1>{tx("cohorts.list.heading", { course: <bdi {...foreign}>{course.title}</bdi> })}</h1>
      <p>{t("cohorts.list.intro")}</p>
      {params.get("done") === "saved" ? (
        <p className="alert alert-success" role="status">
          {t("cohorts.done.saved")}
        </p>
      ) : null}
      <p className="page-actions">
        <Link to={`/admin/courses/${course.slug}/cohorts/new`} className="button">
          {t("cohorts.list.new")}
        </Link>
      </p>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t("cohorts.list.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("cohorts.list.name")}</th>
              <th scope="col">{t("cohorts.list.dates")}</th>
              <th scope="col" className="num">
                {t("cohorts.list.enrolled")}
              </th>
              <th scope="col">{t("cohorts.list.code")}</th>
              <th scope="col">{t("cohorts.list.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {cohorts.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.isOpen ? t("cohorts.open.name") : <bdi>{c.name}</bdi>}</th>
                <td>{c.isOpen ? t("cohorts.open.dates") : `${day(c.startsAt)} – ${day(c.endsAt)}`}</td>
                <td className="num">
                  {c.capacity === null
                    ? formatNumber(c.enrolled)
                    : t("cohorts.list.ofCapacity", { enrolled: formatNumber(c.enrolled), capacity: formatNumber(c.capacity) })}
                </td>
                <td dir="ltr" className="certificate-code nowrap">
                  {c.inviteCode}
                </td>
                <td>
                  {c.isOpen ? (
                    <span className="muted">{t("cohorts.open.note")}</span>
                  ) : (
                    <Link to={`/admin/courses/${course.slug}/cohorts/${c.id}`}>
                      {t("cohorts.list.edit")}
                      <span className="visually-hidden"> {tx("cohorts.list.editWho", { name: <bdi>{c.name}</bdi> })}</span>
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
