import { beforeAll, describe, expect, it } from "vitest";
import type { CatalogCourse } from "~/catalog/catalog.server";
import { db } from "~/db/client.server";
import type { Prisma } from "~/db/generated/client";
import { calendarOf } from "~/training/records.server";
import { DEFAULT_DEFINITION, EMPTY_FILTERS, type Filters, type Period, type ReportDefinition } from "./definition";
import { runReport } from "./report.server";
import { catalogCourse, createUser } from "../../tests/setup/db-fixtures";

/**
 * Trained counts on a small fixture whose answers were worked out by hand.
 *
 *  #  person kind        course/theme   modality   date        organisation  sex    profession     region city
 *  1  P1     completion  trafficking    online     2025-03-10  Amal (civil)  woman  social_worker  MA-02  Oujda
 *  2  P1     attendance  trafficking    in_person  2025-04-02  Amal (civil)  woman  social_worker  MA-02  Oujda
 *  3  P2     completion  trafficking    online     2025-05-20  DGSN (gov)    man    police         MA-01  Tanger
 *  4  P3     attendance  theme "Protection des victimes" in_person 2025-06-11 DGSN (gov) woman justice MA-01 Tanger
 *  5  P4     completion  recruitment    online     2026-01-15  Amal (civil)  man    social_worker  MA-02  Oujda  (valid until 2026-07-15)
 *  6  P5     attendance  recruitment    webinar    2026-02-03  —             —      —              —      —
 *  7  P2     attendance  recruitment    in_person  2026-02-10  DGSN (gov)    man    police         MA-01  Tanger
 */

const NOW = new Date(Date.UTC(2026, 11, 2, 12));
const THEME = "Protection des victimes";
let amal: string;
let dgsn: string;
let trafficking: string;
let recruitment: string;
let catalog: CatalogCourse[];

function definition(fields: Partial<Omit<ReportDefinition, "filters">> & { filters?: Partial<Filters> } = {}): ReportDefinition {
  return { ...DEFAULT_DEFINITION, rows: null, mask: false, ...fields, filters: { ...EMPTY_FILTERS, ...fields.filters } };
}

const run = (d: ReportDefinition, organisationId: string | null = null, threshold?: number) =>
  runReport(d, { organisationId }, { locale: "fr", now: NOW, threshold, catalog });

beforeAll(async () => {
  catalog = [await catalogCourse("trafficking", { title: { fr: "Traite des personnes" } }), await catalogCourse("recruitment", { title: { fr: "Recrutement équitable" } })];
  [trafficking, recruitment] = catalog.map((c) => c.id);
  amal = (await db.organisation.create({ data: { name: "Association Amal", type: "civil_society", regionId: "MA-02", city: "Oujda" } })).id;
  dgsn = (await db.organisation.create({ data: { name: "DGSN", type: "government", regionId: "MA-01", city: "Tanger" } })).id;
  const [p1, p2, p3, p4, p5] = await Promise.all([1, 2, 3, 4, 5].map((n) => createUser({ name: `P${n}` })));
  const civil = { organisationId: amal, organisationType: "civil_society", regionId: "MA-02", city: "Oujda" } as const;
  const gov = { organisationId: dgsn, organisationType: "government", regionId: "MA-01", city: "Tanger" } as const;
  const record = (userId: string, date: string, fields: Omit<Prisma.TrainingRecordUncheckedCreateInput, "userId" | "occurredAt" | "year" | "month">) => {
    const occurredAt = new Date(`${date}T10:00:00Z`);
    return db.trainingRecord.create({ data: { userId, occurredAt, ...calendarOf(occurredAt), ...fields } });
  };
  await record(p1.id, "2025-03-10", { kind: "completion", courseId: trafficking, modality: "online", ...civil, sex: "woman", profession: "social_worker" });
  await record(p1.id, "2025-04-02", { kind: "attendance", courseId: trafficking, modality: "in_person", ...civil, sex: "woman", profession: "social_worker" });
  await record(p2.id, "2025-05-20", { kind: "completion", courseId: trafficking, modality: "online", ...gov, sex: "man", profession: "police_gendarmerie" });
  await record(p3.id, "2025-06-11", { kind: "attendance", theme: THEME, modality: "in_person", ...gov, sex: "woman", profession: "justice" });
  await record(p4.id, "2026-01-15", {
    kind: "completion",
    courseId: recruitment,
    modality: "online",
    ...civil,
    sex: "man",
    profession: "social_worker",
    validUntil: new Date("2026-07-15T10:00:00Z"),
  });
  await record(p5.id, "2026-02-03", { kind: "attendance", courseId: recruitment, modality: "webinar" });
  await record(p2.id, "2026-02-10", { kind: "attendance", courseId: recruitment, modality: "in_person", ...gov, sex: "man", profession: "police_gendarmerie" });
});

describe("who counts as trained", () => {
  it("counts a person trained online and in person once, with both trainings", async () => {
    expect((await run(definition())).totals).toEqual({ people: 5, trainings: 7 });
  });

  it("follows the definition of trained it is given", async () => {
    expect((await run(definition({ trained: "online" }))).totals).toEqual({ people: 3, trainings: 3 });
    expect((await run(definition({ trained: "attended" }))).totals).toEqual({ people: 4, trainings: 4 });
  });

  it("counts only trainings still current when asked (an expired refresher course drops out)", async () => {
    expect((await run(definition({ filters: { currentOnly: true } }))).totals).toEqual({ people: 4, trainings: 6 });
  });
});

describe("periods and filters", () => {
  const totalsFor = async (fields: Parameters<typeof definition>[0], organisationId: string | null = null) => (await run(definition(fields), organisationId)).totals;
  const period = (p: Period) => ({ period: p });

  it("keeps the trainings of the period", async () => {
    expect(await totalsFor(period({ kind: "year", year: 2025 }))).toEqual({ people: 3, trainings: 4 });
    expect(await totalsFor(period({ kind: "year", year: 2026 }))).toEqual({ people: 3, trainings: 3 });
    expect(await totalsFor(period({ kind: "quarter", year: 2025, quarter: 2 }))).toEqual({ people: 3, trainings: 3 });
    // Both ends of a custom range are included.
    expect(await totalsFor(period({ kind: "range", from: "2026-02-03", to: "2026-02-10" }))).toEqual({ people: 2, trainings: 2 });
    expect(await totalsFor(period({ kind: "yearToDate" }))).toEqual({ people: 3, trainings: 3 });
  });

  it("filters by course or theme, organisation type, organisation and city", async () => {
    expect(await totalsFor({ filters: { courses: ["trafficking"] } })).toEqual({ people: 2, trainings: 3 });
    expect(await totalsFor({ filters: { courses: ["trafficking"], themes: [THEME] } })).toEqual({ people: 3, trainings: 4 });
    expect(await totalsFor({ filters: { organisationTypes: ["government"] } })).toEqual({ people: 2, trainings: 3 });
    expect(await totalsFor({ filters: { organisations: [amal] } })).toEqual({ people: 2, trainings: 3 });
    expect(await totalsFor({ filters: { cities: ["oujda"] } })).toEqual({ people: 2, trainings: 3 });
    expect(await totalsFor({ filters: { sexes: ["woman"], professions: ["social_worker", "justice"] } })).toEqual({ people: 2, trainings: 3 });
    expect(await totalsFor({ filters: { modalities: ["webinar", "online"] } })).toEqual({ people: 4, trainings: 4 });
    expect(await totalsFor({ filters: { regions: ["MA-01"], ageBands: ["from_25_to_34"] } })).toEqual({ people: 0, trainings: 0 });
  });

  it("keeps an organisation's report to that organisation, whatever the filters ask", async () => {
    expect(await totalsFor({}, dgsn)).toEqual({ people: 2, trainings: 3 });
    // Another organisation named in the filters is ignored, and its name never comes back.
    const other = await run(definition({ filters: { organisations: [amal] } }), dgsn);
    expect(other.totals).toEqual({ people: 2, trainings: 3 });
    expect(JSON.stringify(other)).not.toContain("Association Amal");
    const report = await run(definition({ rows: "organisation" }), dgsn);
    expect(report.scope).toEqual({ organisationId: dgsn, organisationName: "DGSN" });
    expect(report.breakdown?.rows.map((r) => [r.label, r.people])).toEqual([["DGSN", 2]]);
  });
});

describe("breakdowns and cross-tables", () => {
  it("breaks down by profession in the list's order, 'not stated' last", async () => {
    const report = await run(definition({ rows: "profession" }));
    expect(report.breakdown?.rows.map((r) => [r.key, r.label, r.people, r.trainings])).toEqual([
      ["social_worker", "Travailleur social ou travailleuse sociale", 2, 3],
      ["police_gendarmerie", "Police ou gendarmerie", 1, 2],
      ["justice", "Justice", 1, 1],
      [null, "Non renseigné", 1, 1],
    ]);
  });

  it("names courses by their title and sessions without a course by their theme", async () => {
    const report = await run(definition({ rows: "course" }));
    expect(report.breakdown?.rows.map((r) => [r.label, r.people, r.trainings])).toEqual([
      ["Recrutement équitable", 3, 3],
      ["Traite des personnes", 2, 3],
      [THEME, 1, 1],
    ]);
  });

  it("crosses two dimensions with row and column totals that count people once", async () => {
    const report = await run(definition({ rows: "profession", columns: "year" }));
    const cross = report.cross!;
    expect(cross.columnLabels.map((c) => c.label)).toEqual(["2025", "2026"]);
    expect(cross.rowLabels.map((r) => r.key)).toEqual(["social_worker", "police_gendarmerie", "justice", null]);
    expect(cross.cells).toEqual([
      [1, 1],
      [1, 1],
      [1, 0],
      [0, 1],
    ]);
    expect(cross.rowTotals).toEqual([2, 1, 1, 1]);
    // P2 was trained in both years: each column counts them, the grand total once.
    expect(cross.columnTotals).toEqual([3, 3]);
    expect(report.totals.people).toBe(5);
  });

  it("draws trained people per month when the report spans two years or less", async () => {
    const report = await run(definition());
    expect(report.series.step).toBe("month");
    expect(report.series.points.map((p) => [p.label, p.people])).toEqual([
      ["mars 2025", 1],
      ["avril 2025", 1],
      ["mai 2025", 1],
      ["juin 2025", 1],
      ["janvier 2026", 1],
      ["février 2026", 2],
    ]);
  });
});

describe("masking small counts", () => {
  it("hides counts under the threshold, and one more where a single hidden count could be recovered from the total", async () => {
    const report = await run(definition({ rows: "course", mask: true }), null, 2);
    // Theme (1) is under 2; alone, 5 − 3 − 2 would give it back from the total, so the smallest other row is hidden too.
    expect(report.breakdown?.rows.map((r) => [r.label, r.people, r.trainings])).toEqual([
      ["Recrutement équitable", 3, 3],
      ["Traite des personnes", null, null],
      [THEME, null, null],
    ]);
    expect(report.totals).toEqual({ people: 5, trainings: 7 });
    expect(report.hidden).toBeGreaterThanOrEqual(2);
  });

  it("hides the total itself when it is under the threshold, and every row with it", async () => {
    const report = await run(definition({ rows: "sex", mask: true, filters: { organisationTypes: ["government"] } }));
    expect(report.totals).toEqual({ people: null, trainings: null });
    expect(report.breakdown?.rows.every((r) => r.people === null)).toBe(true);
  });

  it("masks by default, with a threshold of 5", async () => {
    const report = await runReport({ ...DEFAULT_DEFINITION, rows: "profession" }, { organisationId: null }, { locale: "fr", now: NOW });
    expect(report.threshold).toBe(5);
    expect(report.totals.people).toBe(5);
    expect(report.breakdown?.rows.map((r) => r.people)).toEqual([null, null, null, null]);
  });
});
