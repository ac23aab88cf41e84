import { Prisma } from "~/db/generated/client";
import { db } from "~/db/client.server";
import { type Dimension, type ReportDefinition, periodBounds } from "./definition";

/**
 * The trained counts, aggregated in SQL over TrainingRecord only (the one
 * source of truth for "trained": no report looks at completions, attempts or
 * attendance). Plain SQL that runs on SQLite and PostgreSQL alike: integer
 * arithmetic for quarters and months (year and month are stored), COUNT
 * (DISTINCT …), IN lists and bound parameters. Nothing is loaded row by row.
 */

/** Whose figures: everything (admins), or one organisation's (a manager or an API token: from their membership, never from the request). */
export type Scope = { organisationId: string | null };

export type Counts = { people: number; trainings: number };
export type Group = Counts & { key: string | null };
export type CrossCell = { row: string | null; column: string | null; people: number };

const r = (column: string) => Prisma.raw(`r."${column}"`);

/**
 * The columns a dimension groups by, and how a group's key is made from
 * them. Plain columns, in the order of the report indexes (schema.prisma),
 * so that SQLite walks an index instead of sorting; the key is assembled
 * here, not in SQL. Null means "not stated".
 */
type DimensionSql = { columns: Prisma.Sql[]; key: (values: unknown[]) => string | null };
const one = (column: string): DimensionSql => ({ columns: [r(column)], key: ([v]) => (v === null || v === undefined ? null : String(v)) });
const DIMENSION_SQL: Record<Dimension, DimensionSql> = {
  // An attendance at a session on a theme (no course) groups under its theme.
  course: { columns: [r("courseId"), r("theme")], key: ([course, theme]) => (course ? String(course) : theme ? `theme:${String(theme)}` : null) },
  modality: one("modality"),
  organisationType: one("organisationType"),
  organisation: one("organisationId"),
  profession: one("profession"),
  sex: one("sex"),
  ageBand: one("ageBand"),
  region: one("regionId"),
  city: one("city"),
  year: one("year"),
  quarter: { columns: [r("year"), Prisma.sql`(${r("month")} - 1) / 3`], key: ([y, q]) => String(Number(y) * 10 + Number(q) + 1) },
  month: { columns: [r("year"), r("month")], key: ([y, m]) => String(Number(y) * 100 + Number(m)) },
};

const inList = (column: Prisma.Sql, values: readonly string[]) => Prisma.sql`${column} IN (${Prisma.join(values)})`;
/** An enum column compared with bound text: PostgreSQL has no enum = text operator, CAST to TEXT works in both. */
const enumIn = (column: string, values: readonly string[]) => inList(Prisma.sql`CAST(${r(column)} AS TEXT)`, values);

const monthKey = (d: Date) => d.getUTCFullYear() * 100 + d.getUTCMonth() + 1;
const firstOfMonth = (d: Date) => d.getUTCDate() === 1 && d.getTime() % 86_400_000 === 0;

/**
 * The period on the stored year and month (held by every report index), and
 * on the date itself only for the days of a month a period covers in part
 * (custom dates, "since 1 January").
 */
function periodConditions(definition: ReportDefinition, now: Date): Prisma.Sql[] {
  const { from, to } = periodBounds(definition.period, now);
  const parts: Prisma.Sql[] = [];
  const ym = Prisma.sql`(${r("year")} * 100 + ${r("month")})`;
  if (from) {
    parts.push(Prisma.sql`${r("year")} >= ${from.getUTCFullYear()}`, Prisma.sql`${ym} >= ${monthKey(from)}`);
    if (!firstOfMonth(from)) parts.push(Prisma.sql`${r("occurredAt")} >= ${from}`);
  }
  if (to) {
    const last = new Date(to.getTime() - 1);
    parts.push(Prisma.sql`${r("year")} <= ${last.getUTCFullYear()}`, Prisma.sql`${ym} <= ${monthKey(last)}`);
    if (!firstOfMonth(to)) parts.push(Prisma.sql`${r("occurredAt")} < ${to}`);
  }
  return parts;
}

/** The conditions on the records a report counts: its definition of trained, its period and filters, inside the scope. */
export type Conditions = Prisma.Sql[];

const whereOf = (conditions: Conditions) => (conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty);

/**
 * Always true (every record has a person), but it lets SQLite's planner walk
 * the person index (TrainingRecord_report_person_idx), which holds every
 * column a report reads, in person order: distinct people are then counted
 * without a look-up per record. PostgreSQL ignores it.
 */
const BY_PERSON = Prisma.sql`r."userId" > ''`;

export function reportConditions(definition: ReportDefinition, scope: Scope, now = new Date()): Conditions {
  const { filters } = definition;
  const parts: Prisma.Sql[] = [];
  if (scope.organisationId) parts.push(Prisma.sql`${r("organisationId")} = ${scope.organisationId}`);
  if (definition.trained === "online") parts.push(Prisma.sql`${r("kind")} = 'completion'`);
  if (definition.trained === "attended") parts.push(Prisma.sql`${r("kind")} = 'attendance'`);

  parts.push(...periodConditions(definition, now));
  if (filters.currentOnly) parts.push(Prisma.sql`(${r("validUntil")} IS NULL OR ${r("validUntil")} > ${now})`);

  // A course or a theme: either matches.
  const subject: Prisma.Sql[] = [];
  if (filters.courses.length > 0) {
    subject.push(Prisma.sql`${r("courseId")} IN (SELECT c."id" FROM "Course" c WHERE c."slug" IN (${Prisma.join(filters.courses)}))`);
  }
  if (filters.themes.length > 0) subject.push(inList(r("theme"), filters.themes));
  if (subject.length > 0) parts.push(Prisma.sql`(${Prisma.join(subject, " OR ")})`);

  if (filters.modalities.length > 0) parts.push(enumIn("modality", filters.modalities));
  if (filters.organisationTypes.length > 0) parts.push(enumIn("organisationType", filters.organisationTypes));
  if (filters.organisations.length > 0) parts.push(inList(r("organisationId"), filters.organisations));
  if (filters.professions.length > 0) parts.push(enumIn("profession", filters.professions));
  if (filters.sexes.length > 0) parts.push(enumIn("sex", filters.sexes));
  if (filters.ageBands.length > 0) parts.push(enumIn("ageBand", filters.ageBands));
  if (filters.regions.length > 0) parts.push(inList(r("regionId"), filters.regions));
  if (filters.cities.length > 0) {
    parts.push(inList(Prisma.sql`LOWER(${r("city")})`, filters.cities.map((c) => c.toLowerCase())));
  }
  return parts;
}

const num = (value: unknown) => Number(value ?? 0);

/** Unique people trained, and trainings (records), for the whole report. */
export async function totals(conditions: Conditions): Promise<Counts> {
  const [row] = await db.$queryRaw<{ people: bigint | number; trainings: bigint | number }[]>`
    SELECT COUNT(DISTINCT r."userId") AS "people", COUNT(*) AS "trainings"
    FROM "TrainingRecord" r ${whereOf([BY_PERSON, ...conditions])}`;
  return { people: num(row?.people), trainings: num(row?.trainings) };
}

const aliased = (columns: Prisma.Sql[], prefix: string) => Prisma.join(columns.map((c, i) => Prisma.sql`${c} AS ${Prisma.raw(`"${prefix}${i}"`)}`));
const valuesOf = (row: Record<string, unknown>, prefix: string, count: number) => Array.from({ length: count }, (_, i) => row[`${prefix}${i}`]);

/**
 * People and trainings per value of one dimension. A person trained in two
 * courses is in both courses' rows: the report's total counts them once, so
 * the rows of a dimension that varies per training add up to more than it.
 */
export async function breakdown(conditions: Conditions, dimension: Dimension): Promise<Group[]> {
  const { columns, key } = DIMENSION_SQL[dimension];
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT ${aliased(columns, "k")}, COUNT(DISTINCT r."userId") AS "people", COUNT(*) AS "trainings"
    FROM "TrainingRecord" r ${whereOf(conditions)}
    GROUP BY ${Prisma.join(columns)}`;
  return rows.map((row) => ({ key: key(valuesOf(row, "k", columns.length)), people: num(row.people), trainings: num(row.trainings) }));
}

/** People per pair of values of two dimensions (the margins are `breakdown` of each). */
export async function crossTable(conditions: Conditions, rows: Dimension, columns: Dimension): Promise<CrossCell[]> {
  const a = DIMENSION_SQL[rows];
  const b = DIMENSION_SQL[columns];
  const result = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT ${aliased(a.columns, "a")}, ${aliased(b.columns, "b")}, COUNT(DISTINCT r."userId") AS "people"
    FROM "TrainingRecord" r ${whereOf([BY_PERSON, ...conditions])}
    GROUP BY ${Prisma.join([...a.columns, ...b.columns])}`;
  return result.map((cell) => ({
    row: a.key(valuesOf(cell, "a", a.columns.length)),
    column: b.key(valuesOf(cell, "b", b.columns.length)),
    people: num(cell.people),
  }));
}

export type SeriesStep = "year" | "month";

/**
 * Trained people over time: per month when the report spans at most two
 * calendar years, per year otherwise. Each step counts the people trained in
 * it (a person trained in March and in May is in both months). A bounded
 * period decides alone; "since the beginning" looks at the years found.
 */
export async function overTime(conditions: Conditions, definition: ReportDefinition, now = new Date()): Promise<{ step: SeriesStep; points: Group[] }> {
  const { from, to } = periodBounds(definition.period, now);
  if (from && to) {
    const step = to.getUTCFullYear() - from.getUTCFullYear() <= 1 ? "month" : "year";
    return { step, points: await breakdown(conditions, step) };
  }
  const years = await breakdown(conditions, "year");
  if (years.length <= 2) return { step: "month", points: await breakdown(conditions, "month") };
  return { step: "year", points: years };
}
