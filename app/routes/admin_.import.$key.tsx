import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { readFormData } from "~/http/form.server";
import { detectLocale } from "~/i18n/detect.server";
import { useI18n } from "~/i18n/react";
import { ImportRunner } from "~/import/import-progress";
import { confirmImport, importFormPage, importPage } from "~/import/pages.server";
import { CountList, ProblemTable } from "~/import/report-view";
import { UploadForm } from "~/import/upload-form";
import { Breadcrumbs } from "~/ui/breadcrumbs";
import { pageTitle } from "~/ui/page-title";
import { trainingLinks } from "~/ui/training-links";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["admin", "import", "learning"] };

export const links = trainingLinks;
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "import.report.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  const locale = detectLocale(request, user.locale);
  const page = await importPage(params.key, locale);
  // A file with problems is corrected and uploaded again from here.
  const choices = page.report.problemCount > 0 ? await importFormPage(locale) : null;
  return { ...page, choices };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireRole(request, "admin");
  const form = await readFormData(request);
  if (form.get("intent") !== "import") throw new Response("Bad Request", { status: 400 });
  const poll = form.get("progress") === "poll";
  const outcome = await confirmImport(params.key, !poll);
  if (outcome === "refused") return data({ started: false }, { status: 400 });
  if (poll) return { started: true };
  throw redirect(`/admin/import/${params.key}`);
}

export default function ImportReportPage() {
  const { t, tx, formatDate } = useI18n();
  const page = useLoaderData<typeof loader>();
  const { report, target, job } = page;
  const running = job?.state === "queued" || job?.state === "running";
  const imported = page.status === "imported";
  const valuesOf = {
    target: report.target.kind,
    cohortId: report.target.kind === "cohort" ? report.target.cohortId : "",
    sessionId: report.target.kind === "session" ? report.target.sessionId : "",
  };
  return (
    <div className="page page-reading stack">
      <Breadcrumbs
        items={[
          { label: t("admin.title"), to: "/admin" },
          { label: t("import.upload.title"), to: "/admin/import" },
          { label: page.fileName },
        ]}
      />
      <h1>{imported ? t("import.result.title") : t("import.report.title")}</h1>
      <p>
        {tx("import.report.file", { name: <bdi>{page.fileName}</bdi>, date: formatDate(page.uploadedAt, { dateStyle: "medium", timeStyle: "short" }) })}
        <br />
        {target.kind === "cohort"
          ? tx("import.report.forCohort", { name: <bdi>{target.name}</bdi>, course: <bdi lang={target.lang}>{target.course}</bdi> })
          : target.kind === "session"
            ? tx("import.report.forSession", { name: <bdi>{target.name}</bdi> })
            : t("import.report.forPeople")}
      </p>

      {report.warnings.length ? (
        <div className="alert alert-info">
          {report.warnings.map((w, i) => (
            <p key={i}>{tx(`import.problems.${w.code}`, { column: <bdi>{w.column}</bdi> })}</p>
          ))}
        </div>
      ) : null}

      {imported ? (
        <>
          <p className="alert alert-success" role="status">
            {t("import.result.done", { count: report.counts.rows })}
          </p>
          <CountList counts={report.counts} target={report.target.kind} done />
          <section className="stack" aria-labelledby="people-title">
            <h2 id="people-title">{t("import.result.people")}</h2>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("import.result.name")}</th>
                    <th scope="col">{t("import.result.contact")}</th>
                    <th scope="col">{t("import.result.organisation")}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.people.map((p) => (
                    <tr key={p.id}>
                      <th scope="row">
                        <bdi>{p.name}</bdi>
                      </th>
                      <td dir="ltr">{[p.email, p.phone].filter(Boolean).join(" · ")}</td>
                      <td>{p.organisation ? <bdi>{p.organisation}</bdi> : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {report.counts.rows > page.people.length ? <p className="muted">{t("import.result.more", { count: report.counts.rows - page.people.length })}</p> : null}
          </section>
          <p className="page-actions">
            <Link to="/admin/import">{t("import.result.another")}</Link>
          </p>
        </>
      ) : report.problemCount > 0 ? (
        <>
          <p className="alert alert-error" role="alert">
            {t("import.report.problems", { count: report.problemCount })}
          </p>
          <ProblemTable problems={report.problems} caption={t("import.report.caption")} />
          {report.problemCount > report.problems.length ? <p className="muted">{t("import.report.moreProblems", { count: report.problemCount - report.problems.length })}</p> : null}
          <section className="stack" aria-labelledby="again-title">
            <h2 id="again-title">{t("import.report.againTitle")}</h2>
            <p>{t("import.report.againIntro")}</p>
            {page.choices ? <UploadForm choices={page.choices} values={valuesOf} /> : null}
          </section>
        </>
      ) : (
        <>
          {job?.state === "failed" ? (
            <p className="alert alert-error" role="alert">
              {t("import.run.failed")}
            </p>
          ) : null}
          {running ? null : (
            <p className="alert alert-success" role="status">
              {t("import.report.valid", { count: report.counts.rows })}
            </p>
          )}
          <CountList counts={report.counts} target={report.target.kind} done={false} />
          <p>{t("import.report.oneTransaction")}</p>
          <ImportRunner importKey={page.key} running={running} total={report.counts.rows} />
          <p className="page-actions">
            <Link to="/admin/import">{t("import.report.otherFile")}</Link>
          </p>
        </>
      )}
    </div>
  );
}
