import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { detectLocale } from "~/i18n/detect.server";
import { useI18n } from "~/i18n/react";
import { sessionsPage } from "~/training/sessions.server";
import { Breadcrumbs } from "~/ui/breadcrumbs";
import { pageTitle } from "~/ui/page-title";
import { trainingLinks } from "~/ui/training-links";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["admin", "learning", "sessions"] };

export const links = trainingLinks;
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "sessions.list.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  return sessionsPage(detectLocale(request, user.locale));
}

type Row = Awaited<ReturnType<typeof loader>>["upcoming"][number];

function SessionTable({ id, rows, caption }: { id: string; rows: Row[]; caption: string }) {
  const { t, tx, formatDate, formatNumber } = useI18n();
  return (
    <div className="table-wrap">
      <table id={id}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("sessions.list.session")}</th>
            <th scope="col">{t("sessions.list.when")}</th>
            <th scope="col">{t("sessions.list.where")}</th>
            <th scope="col" className="num">
              {t("sessions.list.attendance")}
            </th>
            <th scope="col">{t("sessions.list.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                <bdi>{s.title}</bdi>
                <br />
                <span className="muted" lang={s.subject.lang} dir="auto">
                  {s.subject.text}
                </span>
              </th>
              <td>{formatDate(s.startsAt, { dateStyle: "medium", timeStyle: "short" })}</td>
              <td>
                {t(`sessions.modality.${s.modality}`)}
                {s.place ? (
                  <>
                    <br />
                    <bdi className="muted">{s.place}</bdi>
                  </>
                ) : null}
              </td>
              <td className="num">{formatNumber(s.attendance)}</td>
              <td>
                <ul className="plain-list">
                  <li>
                    <Link to={`/admin/sessions/${s.id}/attendance`}>
                      {t("sessions.list.sheet")}
                      <span className="visually-hidden"> {tx("sessions.list.of", { title: <bdi>{s.title}</bdi> })}</span>
                    </Link>
                  </li>
                  <li>
                    <Link to={`/admin/sessions/${s.id}/edit`}>
                      {t("sessions.list.edit")}
                      <span className="visually-hidden"> {tx("sessions.list.of", { title: <bdi>{s.title}</bdi> })}</span>
                    </Link>
                  </li>
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function SessionsPage() {
  const { t } = useI18n();
  const { upcoming, past, limit } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="page stack">
      <Breadcrumbs items={[{ label: t("admin.title"), to: "/admin" }, { label: t("sessions.list.title") }]} />
      <h1>{t("sessions.list.title")}</h1>
      <p>{t("sessions.list.intro")}</p>
      {params.get("done") === "saved" ? (
        <p className="alert alert-success" role="status">
          {t("sessions.done.saved")}
        </p>
      ) : null}
      <p className="page-actions">
        <Link to="/admin/sessions/new" className="button">
          {t("sessions.list.new")}
        </Link>
        <Link to="/admin/import">{t("sessions.list.import")}</Link>
      </p>
      <section className="stack" aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">{t("sessions.list.upcoming")}</h2>
        {upcoming.length ? <SessionTable id="upcoming" rows={upcoming} caption={t("sessions.list.upcoming")} /> : <p className="muted">{t("sessions.list.noneUpcoming")}</p>}
      </section>
      <section className="stack" aria-labelledby="past-title">
        <h2 id="past-title">{t("sessions.list.past")}</h2>
        {past.length ? <SessionTable id="past" rows={past} caption={t("sessions.list.past")} /> : <p className="muted">{t("sessions.list.nonePast")}</p>}
        {past.length >= limit ? <p className="muted">{t("sessions.list.limited", { count: limit })}</p> : null}
      </section>
    </div>
  );
}
