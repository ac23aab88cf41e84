import ExcelJS from "exceljs";
import type { Locale } from "~/i18n/locales";
import type { T } from "~/i18n/translate";
import type { Report, Value } from "./report.server";

/**
 * CSV and XLSX files of a report. Both are written from one list of rows
 * (exportRows), so they hold the same figures as each other and as the page:
 * the description (definition, period, filters, masking) first, then the
 * totals, the breakdown, the cross-table and the series.
 */

export type ExportCell = string | number | null;
export type ExportRow = { cells: ExportCell[]; heading?: boolean };

export function exportRows(report: Report, t: T): ExportRow[] {
  const hidden = t("reports.hidden");
  const value = (v: Value): ExportCell => (v === null ? hidden : v);
  const rows: ExportRow[] = [{ cells: [report.scope ? t("reports.orgTitle", { organisation: report.scope.organisationName }) : t("reports.title")], heading: true }];
  for (const line of report.description) rows.push({ cells: [line.label, line.value] });
  rows.push({ cells: [] });
  rows.push({ cells: [t("reports.results.people"), value(report.totals.people)] });
  rows.push({ cells: [t("reports.results.trainings"), value(report.totals.trainings)] });

  if (report.breakdown) {
    rows.push({ cells: [] });
    rows.push({ cells: [t(`reports.dimensions.${report.breakdown.dimension}`), t("reports.results.people"), t("reports.results.trainings")], heading: true });
    for (const row of report.breakdown.rows) rows.push({ cells: [row.label, value(row.people), value(row.trainings)] });
    rows.push({ cells: [t("reports.results.total"), value(report.totals.people), value(report.totals.trainings)], heading: true });
  }

  if (report.cross) {
    const cross = report.cross;
    rows.push({ cells: [] });
    rows.push({
      cells: [
        t("reports.results.crossCaption", { rows: t(`reports.dimensionsInline.${cross.rows}`), columns: t(`reports.dimensionsInline.${cross.columns}`) }),
      ],
      heading: true,
    });
    rows.push({ cells: [t(`reports.dimensions.${cross.rows}`), ...cross.columnLabels.map((c) => c.label), t("reports.results.total")], heading: true });
    cross.rowLabels.forEach((row, i) => rows.push({ cells: [row.label, ...cross.cells[i].map(value), value(cross.rowTotals[i])] }));
    rows.push({ cells: [t("reports.results.total"), ...cross.columnTotals.map(value), value(report.totals.people)], heading: true });
  }

  if (report.series.points.length > 0) {
    rows.push({ cells: [] });
    rows.push({ cells: [t(`reports.dimensions.${report.series.step}`), t("reports.results.people")], heading: true });
    for (const point of report.series.points) rows.push({ cells: [point.label, value(point.people)] });
  }
  return rows;
}

/**
 * Text a spreadsheet would run as a formula (=, +, -, @, and the tab or
 * carriage return some read as such) gets a leading apostrophe, the usual
 * way to say "this is text" (OWASP's CSV injection advice).
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** The separator Excel expects in that language: French and Arabic locales use ";" (the comma is their decimal mark). */
export function csvSeparator(locale: Locale): string {
  return locale === "en" ? "," : ";";
}

function csvField(cell: ExportCell, separator: string): string {
  if (cell === null) return "";
  if (typeof cell === "number") return String(cell);
  const text = neutraliseFormula(cell);
  return /["\r\n]/.test(text) || text.includes(separator) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a byte-order mark (so Excel reads Arabic right), CRLF line ends as RFC 4180 says. */
export function toCsv(rows: ExportRow[], locale: Locale): string {
  const separator = csvSeparator(locale);
  return `\uFEFF${rows.map((row) => row.cells.map((cell) => csvField(cell, separator)).join(separator)).join("\r\n")}\r\n`;
}

export async function toXlsx(rows: ExportRow[], locale: Locale, sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Tadrib";
  workbook.created = new Date();
  // Sheet names cannot hold []:*?/\ and stop at 31 characters.
  const sheet = workbook.addWorksheet(sheetName.replace(/[[\]:*?/\\]/g, " ").slice(0, 31), {
    views: [{ rightToLeft: locale === "ar" }],
  });
  for (const row of rows) {
    // A string is written as a string cell, never as a formula (ExcelJS makes
    // a formula only from { formula }), so "=…" stays text exactly as typed.
    const added = sheet.addRow(row.cells);
    if (row.heading) added.font = { bold: true };
  }
  sheet.getColumn(1).width = 42;
  for (let i = 2; i <= Math.max(2, ...rows.map((r) => r.cells.length)); i++) sheet.getColumn(i).width = 16;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** An ASCII file name (no header encoding needed), dated. */
export function exportFileName(report: Report, extension: "csv" | "xlsx"): string {
  return `tadrib-report-${report.generatedAt.slice(0, 10)}.${extension}`;
}
