import { getCatalog } from "~/catalog/catalog.server";
import { contentLanguage, textIn } from "~/catalog/outline";
import { db } from "~/db/client.server";
import { serverT } from "~/i18n/detect.server";
import type { Locale } from "~/i18n/locales";
import { definitionFromSearch, searchFromDefinition } from "./definition";
import { exportFileName, exportRows, toCsv, toXlsx } from "./export.server";
import { runReport } from "./report.server";
import { type Audience, listSavedReports } from "./saved-reports.server";

/**
 * What the report pages (/admin/reports, and /org/reports for a manager)
 * load, and the files they download. The organisation of a manager's page is
 * passed in by the route from requireOrgManager (their membership): nothing
 * in the query string can widen it.
 */
export type ReportViewer = { userId: string; hasEmail: boolean } & ({ audience: "all" } | { audience: "organisation"; organisationId: string });

const scopeOf = (viewer: ReportViewer) => ({ organisationId: viewer.audience === "organisation" ? viewer.organisationId : null });
const audienceOf = (viewer: ReportViewer): Audience => viewer.audience;

/** The choices the report form offers: what exists, in the reader's language. */
export async function reportOptions(viewer: ReportViewer, locale: Locale) {
  const scope = scopeOf(viewer);
  const [catalog, themes, organisations, regions, years] = await Promise.all([
    getCatalog().then((c) => c.courses, () => []),
    db.trainingSession.findMany({ where: { theme: { not: null } }, distinct: ["theme"], select: { theme: true }, orderBy: { theme: "asc" }, take: 500 }),
    viewer.audience === "all" ? db.organisation.findMany({ select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }], take: 2000 }) : [],
    db.region.findMany({ orderBy: { position: "asc" } }),
    db.trainingRecord.findMany({
      where: scope.organisationId ? { organisationId: scope.organisationId } : {},
      distinct: ["year"],
      select: { year: true },
      orderBy: { year: "desc" },
    }),
  ]);
  const thisYear = new Date().getUTCFullYear();
  return {
    courses: catalog.map((c) => ({ slug: c.slug, title: textIn(c.definition.title, contentLanguage(c.definition.languages, locale).lang) })),
    themes: themes.flatMap((s) => (s.theme ? [s.theme] : [])),
    organisations,
    regions: regions.map((r) => ({ id: r.id, name: (r.names as Record<string, string>)[locale] ?? r.id })),
    years: [...new Set([thisYear, ...years.map((y) => y.year)])].sort((a, b) => b - a),
  };
}

export async function reportPageData(request: Request, viewer: ReportViewer, locale: Locale) {
  const params = new URL(request.url).searchParams;
  const { definition, invalid } = definitionFromSearch(params);
  const [report, options, saved] = await Promise.all([
    runReport(definition, scopeOf(viewer), { locale }),
    reportOptions(viewer, locale),
    listSavedReports(viewer.userId, audienceOf(viewer)),
  ]);
  return {
    report,
    invalid,
    // The canonical query string: what the export links and the save form carry.
    search: searchFromDefinition(definition).toString(),
    options,
    saved,
    hasEmail: viewer.hasEmail,
  };
}

/** The report as a CSV or XLSX download: the same definition, hence the same figures, as the page. */
export async function reportDownload(request: Request, viewer: ReportViewer, locale: Locale): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const format = params.get("format") === "csv" ? "csv" : "xlsx";
  const { definition } = definitionFromSearch(params);
  const report = await runReport(definition, scopeOf(viewer), { locale });
  return reportFile(report, format, locale);
}

export async function reportFile(report: Awaited<ReturnType<typeof runReport>>, format: "csv" | "xlsx", locale: Locale): Promise<Response> {
  const t = serverT(locale);
  const rows = exportRows(report, t);
  const headers = {
    "Content-Disposition": `attachment; filename="${exportFileName(report, format)}"`,
    "Cache-Control": "private, no-store",
  };
  if (format === "csv") return new Response(toCsv(rows, locale), { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" } });
  const file = await toXlsx(rows, locale, t("reports.file.sheet"));
  return new Response(new Uint8Array(file), { headers: { ...headers, "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } });
}

export async function reportPrintData(request: Request, viewer: ReportViewer, locale: Locale) {
  const { definition } = definitionFromSearch(new URL(request.url).searchParams);
  const report = await runReport(definition, scopeOf(viewer), { locale });
  return { report, search: searchFromDefinition(definition).toString() };
}
