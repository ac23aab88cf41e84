import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useI18n } from "~/i18n/react";
import type { ReportFormOptions } from "./report-form";
import { ReportForm } from "./report-form";
import type { Report } from "./report.server";
import { ReportDescription, ReportResults } from "./report-results";
import type { SavedReportOutcome } from "./saved-reports.server";

/** The page both /admin/reports and /org/reports render, around their own loaders. */
export type ReportPageData = {
  report: Report;
  invalid: string[];
  search: string;
  options: ReportFormOptions;
  saved: { id: string; name: string; schedule: "none" | "monthly" | "quarterly"; format: "xlsx" | "csv"; lastSentAt: string | null; search: string }[];
  hasEmail: boolean;
};

const DONE = ["saved", "updated", "deleted"] as const;

export function ReportPage({ data, basePath, title, titleNode, header, intro, done, outcome }: {
  data: ReportPageData;
  basePath: string;
  title: string;
  /** The heading with the organisation's name isolated (<bdi>), when there is one. */
  titleNode?: ReactNode;
  /** Shown above the heading: a manager's page has their organisation's sub-navigation. */
  header?: ReactNode;
  intro: string;
  done: string | null;
  outcome: SavedReportOutcome | undefined;
}) {
  const { t, formatList } = useI18n();
  const { report, invalid, search, options } = data;
  const errors = outcome && !outcome.ok ? outcome.errors : {};
  const params = outcome && !outcome.ok ? outcome.params : undefined;
  const doneKey = DONE.find((d) => d === done);

  return (
    <div className="page stack report-page">
      {header}
      <h1>{titleNode ?? title}</h1>
      <p className="lead">{intro}</p>
      {doneKey ? (
        <p className="alert alert-success" role="status">
          {t(`reports.saved.done.${doneKey}`)}
        </p>
      ) : null}
      {invalid.length > 0 ? (
        <p className="alert alert-error" role="alert">
          {t("reports.invalid", { fields: formatList(invalid) })}
        </p>
      ) : null}

      <div className="report-layout">
        <section aria-labelledby="report-question" className="report-question">
          <h2 id="report-question" className="visually-hidden">
            {t("reports.filters.legend")}
          </h2>
          <ReportForm definition={report.definition} options={options} scoped={report.scope !== null} action={basePath} />
        </section>

        <section aria-labelledby="report-results" className="report-answer stack">
          <h2 id="report-results">{t("reports.results.heading")}</h2>
          <ReportDescription report={report} />
          <ReportResults report={report} />

          <nav aria-labelledby="report-exports" className="report-exports">
            <h3 id="report-exports">{t("reports.exports.heading")}</h3>
            <ul>
              <li>
                <a href={`${basePath}/export?${search}&format=csv`} download>
                  {t("reports.exports.csv")}
                </a>
              </li>
              <li>
                <a href={`${basePath}/export?${search}&format=xlsx`} download>
                  {t("reports.exports.xlsx")}
                </a>
              </li>
              <li>
                <Link to={`${basePath}/print?${search}`}>{t("reports.exports.print")}</Link>
              </li>
            </ul>
          </nav>
        </section>
      </div>

      <SavedReports data={data} basePath={basePath} errors={errors} params={params} typedName={outcome && !outcome.ok ? outcome.name : undefined} />
    </div>
  );
}

function SavedReports({
  data,
  basePath,
  errors,
  params,
  typedName,
}: {
  data: ReportPageData;
  basePath: string;
  errors: Record<string, string[]>;
  params?: Record<string, string>;
  typedName?: string;
}) {
  const { t, tx, formatDate } = useI18n();
  const formError = errors.form?.[0];
  const nameError = errors.name?.[0];
  return (
    <section aria-labelledby="saved-reports" className="stack saved-reports">
      <h2 id="saved-reports">{t("reports.saved.heading")}</h2>
      {formError ? (
        <p className="alert alert-error" role="alert" id="saved-report-error">
          {t(formError, params)}
        </p>
      ) : null}
      {!data.hasEmail ? <p className="muted">{t("reports.saved.noEmail")}</p> : null}
      {data.saved.length === 0 ? (
        <p>{t("reports.saved.empty")}</p>
      ) : (
        <ul className="saved-report-list">
          {data.saved.map((saved) => (
            <li key={saved.id} className="card stack">
              <h3>
                <Link to={`${basePath}?${saved.search}`} dir="auto">
                  {saved.name}
                </Link>
              </h3>
              <p className="muted">{saved.lastSentAt ? t("reports.saved.lastSent", { date: formatDate(saved.lastSentAt) }) : t("reports.saved.neverSent")}</p>
              <Form method="post" className="form saved-report-schedule">
                <input type="hidden" name="intent" value="update" />
                <input type="hidden" name="id" value={saved.id} />
                <div className="field-row">
                  <ScheduleFields idPrefix={`saved-${saved.id}`} schedule={saved.schedule} format={saved.format} />
                </div>
                <p className="actions">
                  <button type="submit" className="button button-secondary">
                    {t("reports.saved.update")}
                  </button>
                </p>
              </Form>
              <Form method="post">
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="id" value={saved.id} />
                <button type="submit" className="button button-small button-danger">
                  {tx("reports.saved.delete", { name: <bdi>{saved.name}</bdi> })}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}

      <Form method="post" className="form save-report" aria-labelledby="save-report">
        <h3 id="save-report">{t("reports.saved.saveHeading")}</h3>
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="search" value={data.search} />
        <div className="field">
          <label htmlFor="save-report-name">{t("reports.saved.name")}</label>
          <input
            id="save-report-name"
            name="name"
            required
            maxLength={200}
            defaultValue={typedName}
            dir="auto"
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? "save-report-name-error" : undefined}
          />
          {nameError ? (
            <p id="save-report-name-error" className="field-error">
              {t(nameError)}
            </p>
          ) : null}
        </div>
        <div className="field-row">
          <ScheduleFields idPrefix="save-report" schedule="none" format="xlsx" />
        </div>
        <p className="field-hint">{t("reports.saved.relativeTip")}</p>
        <p className="actions">
          <button type="submit" className="button">
            {t("reports.saved.save")}
          </button>
        </p>
      </Form>
    </section>
  );
}

function ScheduleFields({ idPrefix, schedule, format }: { idPrefix: string; schedule: string; format: string }) {
  const { t } = useI18n();
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-schedule`}>{t("reports.saved.schedule")}</label>
        <select id={`${idPrefix}-schedule`} name="schedule" defaultValue={schedule}>
          {(["none", "monthly", "quarterly"] as const).map((v) => (
            <option key={v} value={v}>
              {t(`reports.saved.scheduleValues.${v}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-format`}>{t("reports.saved.format")}</label>
        <select id={`${idPrefix}-format`} name="format" defaultValue={format}>
          {(["xlsx", "csv"] as const).map((v) => (
            <option key={v} value={v}>
              {t(`reports.saved.formatValues.${v}`)}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
