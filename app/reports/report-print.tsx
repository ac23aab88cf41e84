import { Link } from "@remix-run/react";
import { useI18n } from "~/i18n/react";
import type { Report } from "./report.server";
import { ReportDescription, ReportTables } from "./report-results";
import { donorSentences } from "./sentences";

/**
 * The printable report: the figures as sentences to paste into a donor
 * report, then the tables. Printing (the browser's own command) leaves out
 * the site's header, footer and links (reports.css).
 */
export function ReportPrint({ report, search, basePath }: { report: Report; search: string; basePath: string }) {
  const { t, locale } = useI18n();
  const sentences = donorSentences(report, t, locale);
  return (
    <div className="page stack report-print">
      <p className="no-print">
        <Link to={`${basePath}?${search}`}>{t("reports.print.back")}</Link>
      </p>
      <h1>{report.scope ? t("reports.orgTitle", { organisation: report.scope.organisationName }) : t("reports.print.title")}</h1>
      <ReportDescription report={report} />
      <section aria-labelledby="report-sentences" className="stack">
        <h2 id="report-sentences">{t("reports.print.sentencesHeading")}</h2>
        <p className="muted no-print">{t("reports.print.sentencesHint")}</p>
        <div className="report-sentences">
          {sentences.map((sentence) => (
            <p key={sentence}>{sentence}</p>
          ))}
        </div>
      </section>
      <section aria-labelledby="report-print-tables" className="stack">
        <h2 id="report-print-tables">{t("reports.print.tablesHeading")}</h2>
        <ReportTables report={report} />
      </section>
    </div>
  );
}
