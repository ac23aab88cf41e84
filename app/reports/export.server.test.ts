import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { CatalogCourse } from "~/catalog/catalog.server";
import { db } from "~/db/client.server";
import { serverT } from "~/i18n/detect.server";
import type { Locale } from "~/i18n/locales";
import { calendarOf } from "~/training/records.server";
import { DEFAULT_DEFINITION, EMPTY_FILTERS, type ReportDefinition } from "./definition";
import { exportRows, neutraliseFormula, toCsv, toXlsx } from "./export.server";
import { runReport } from "./report.server";
import { donorSentences } from "./sentences";
import { catalogCourse, createUser } from "../../tests/setup/db-fixtures";

/**
 * Files and sentences of one report: 44 social workers and 6 police officers
 * trained in 2025 in an organisation whose name a spreadsheet would run as a
 * formula, with 3 students and 2 health workers (counts small enough to be
 * hidden), all in the city "+Oujda".
 */

const NOW = new Date(Date.UTC(2026, 0, 10));
const HOSTILE = '=HYPERLINK("http://evil.example","clic")';
let catalog: CatalogCourse[];

beforeAll(async () => {
  catalog = [await catalogCourse("trafficking", { languages: ["fr", "ar", "en"], title: { fr: "Traite des personnes", ar: "الاتجار بالبشر", en: "Human trafficking" } })];
  const organisation = await db.organisation.create({ data: { name: HOSTILE, type: "civil_society", city: "+Oujda" } });
  const groups = [
    { n: 44, profession: "social_worker" },
    { n: 6, profession: "police_gendarmerie" },
    { n: 3, profession: "student" },
    { n: 2, profession: "health" },
  ] as const;
  for (const { n, profession } of groups) {
    for (let i = 0; i < n; i++) {
      const user = await createUser({ name: `${profession} ${i}` });
      const occurredAt = new Date(Date.UTC(2025, i % 12, 5));
      await db.trainingRecord.create({
        data: {
          userId: user.id,
          kind: "completion",
          courseId: catalog[0].id,
          modality: "online",
          occurredAt,
          ...calendarOf(occurredAt),
          organisationId: organisation.id,
          organisationType: "civil_society",
          profession,
          city: "+Oujda",
        },
      });
    }
  }
});

const definition = (fields: Partial<ReportDefinition> = {}): ReportDefinition => ({
  ...DEFAULT_DEFINITION,
  period: { kind: "year", year: 2025 },
  filters: EMPTY_FILTERS,
  ...fields,
});
const report = (locale: Locale, fields: Partial<ReportDefinition> = {}) => runReport(definition(fields), { organisationId: null }, { locale, now: NOW, catalog });

describe("donor sentences", () => {
  it("give the figures with the right plurals, leaving hidden groups out (French)", async () => {
    const sentences = donorSentences(await report("fr"), serverT("fr"), "fr");
    expect(sentences[0]).toBe("En 2025, 55 personnes ont été formées, dont 44 travailleurs sociaux et 6 policiers ou gendarmes.");
    expect(sentences).toContain("Les groupes de moins de 5 personnes ne sont pas détaillés.");
  });

  it("in English and in Arabic", async () => {
    expect(donorSentences(await report("en"), serverT("en"), "en")[0]).toBe(
      "In 2025, 55 people were trained, including 44 social workers and 6 police or gendarmerie officers.",
    );
    expect(donorSentences(await report("ar"), serverT("ar"), "ar")[0]).toBe(
      "في سنة 2025، استفاد 55 شخصًا من التكوين، منهم 44 من الأخصائيين الاجتماعيين و6 من الشرطة أو الدرك.",
    );
  });

  it("use the dual and the Arabic plural forms the count asks for", async () => {
    const only = (profession: "student" | "health") => ({ filters: { ...EMPTY_FILTERS, professions: [profession] }, mask: false, rows: null });
    expect(donorSentences(await report("ar", only("health")), serverT("ar"), "ar")[0]).toBe("في سنة 2025، استفاد شخصان من التكوين.");
    expect(donorSentences(await report("ar", only("student")), serverT("ar"), "ar")[0]).toBe("في سنة 2025، استفاد 3 أشخاص من التكوين.");
    expect(donorSentences(await report("fr", only("health")), serverT("fr"), "fr")[0]).toBe("En 2025, 2 personnes ont été formées.");
  });

  it("say only that the group is small when the total itself is hidden", async () => {
    const small = await report("fr", { filters: { ...EMPTY_FILTERS, professions: ["student"] } });
    expect(donorSentences(small, serverT("fr"), "fr")).toEqual([
      "En 2025, moins de 5 personnes ont été formées selon ces critères : le détail n'est pas publié.",
    ]);
  });
});

describe("CSV and XLSX exports", () => {
  it("write a CSV Excel opens: BOM, semicolons in French, quotes, the description first, the screen's figures", async () => {
    const result = await report("fr", { rows: "profession", columns: "city" });
    const csv = toCsv(exportRows(result, serverT("fr")), "fr");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const rows: string[][] = parse(csv, { bom: true, delimiter: ";", relax_column_count: true });
    expect(rows[0]).toEqual(["Rapports de formation"]);
    expect(rows).toContainEqual(["Définition de « formé »", "A terminé un cours en ligne ou participé à une session"]);
    expect(rows).toContainEqual(["Période", "En 2025"]);
    expect(rows).toContainEqual(["Personnes formées", "55"]);
    expect(rows).toContainEqual(["Travailleur social ou travailleuse sociale", "44", "44"]);
    expect(rows).toContainEqual(["Étudiant ou étudiante", "masqué", "masqué"]);
    // The city "+Oujda" would run as a formula: it is written as text.
    expect(rows).toContainEqual(["Profession", "'+Oujda", "Total"]);
    expect(rows).toContainEqual(["Total", "55", "55"]);
  });

  it("uses commas in English, and keeps Arabic intact", async () => {
    const en = toCsv(exportRows(await report("en", { rows: "course" }), serverT("en")), "en");
    expect(parse(en, { bom: true, relax_column_count: true })).toContainEqual(["Human trafficking", "55", "55"]);
    const ar = toCsv(exportRows(await report("ar", { rows: "course" }), serverT("ar")), "ar");
    expect(parse(ar, { bom: true, delimiter: ";", relax_column_count: true })).toContainEqual(["الاتجار بالبشر", "55", "55"]);
  });

  it("neutralises every formula trigger", () => {
    expect(["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "Oujda"].map(neutraliseFormula)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "Oujda"]);
  });

  it("writes XLSX with numbers as numbers, hostile text as text, right-to-left in Arabic", async () => {
    const result = await report("ar", { rows: "organisation", mask: false });
    const file = await toXlsx(exportRows(result, serverT("ar")), "ar", "التقرير");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe("التقرير");
    expect(sheet.views[0]).toMatchObject({ rightToLeft: true });
    const cells: { value: unknown; type: number }[][] = [];
    sheet.eachRow((row) => cells.push((row.values as unknown[]).slice(1).map((_, i) => ({ value: row.getCell(i + 1).value, type: row.getCell(i + 1).type }))));
    const hostileRow = cells.find((row) => row[0].value === HOSTILE)!;
    expect(hostileRow[0].type).toBe(ExcelJS.ValueType.String);
    expect(hostileRow.slice(1).map((c) => [c.value, c.type])).toEqual([
      [55, ExcelJS.ValueType.Number],
      [55, ExcelJS.ValueType.Number],
    ]);
    expect(cells.flat().some((c) => c.type === ExcelJS.ValueType.Formula)).toBe(false);
  });
});
