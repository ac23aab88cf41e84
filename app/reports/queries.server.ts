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

/** The SQL value a dimension groups by. Null means "not stated". */
const DIMENSION_SQL: Record<Dimension, Prisma.Sql> = {
  // An attendance at a session on a theme (no course) groups under its theme.
  course: Prisma.sql`COALESCE(${r("courseId")}, 'theme:' || ${r("theme")})`,
  modality: r("modality"),
  organisationType: r("organisationType"),
  organisation: r("organisationId"),
  profession: r("profession"),
  sex: r("sex"),
  ageBand: r("ageBand"),
  region: r("regionId"),
  city: r("city"),
  year: r("year"),
  quarter: Prisma.sql`(${r("year")} * 10 + (${r("month")} - 1) / 3 + 1)`,
  month: Prisma.sql`(${r("year")} * 100 + ${r("month")})`,
};

export function dimensionSql(dimension: Dimension): Prisma.Sql {
  return DIMENSION_SQL[dimension];
}

const inList = (column: Prisma.Sql, values: readonly string[]) => Prisma.sql`${column} IN (${Prisma.join(values)})`;
/** An enum column compared with bound text: PostgreSQL has no enum = text operator, CAST to TEXT works in both. */
const enumIn = (column: string, values: readonly string[]) => inList(Prisma.sql`CAST(${r(column)} AS TEXT)`, values);

/** The records a report counts: its definition of trained, its period and filters, inside the scope. */
export function whereClause(definition: ReportDefinition, scope: Scope, now = new Date()): Prisma.Sql {
  const { filters } = definition;
  const parts: Prisma.Sql[] = [];
  if (scope.organisationId) parts.push(Prisma.sql`${r("organisationId")} = ${scope.organisationId}`);
  if (definition.trained === "online") parts.push(Prisma.sql`${r("kind")} = 'completion'`);
  if (definition.trained === "attended") parts.push(Prisma.sql`${r("kind")} = 'attendance'`);

  const { from, to } = periodBounds(definition.period, now);
  if (from) parts.push(Prisma.sql`${r("occurredAt")} >= ${from}`);
  if (to) parts.push(Prisma.sql`${r("occurredAt")} < ${to}`);
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
  return parts.length > 0 ? Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}

const num = (value: unknown) => Number(value ?? 0);
const key = (value: unknown) => (value === null || value === undefined ? null : String(value));

/** Unique people trained, and trainings (records), for the whole report. */
export async function totals(where: Prisma.Sql): Promise<Counts> {
  const [row] = await db.$queryRaw<{ people: bigint | number; trainings: bigint | number }[]>`
    SELECT COUNT(DISTINCT r."userId") AS "people", COUNT(*) AS "trainings"
    FROM "TrainingRecord" r ${where}`;
  return { people: num(row?.people), trainings: num(row?.trainings) };
}

/**
 * People and trainings per value of one dimension. A person trained in two
 * courses is in both courses' rows: the report's total counts them once, so
 * the rows of a dimension that varies per training add up to more than it.
 */
export async function breakdown(where: Prisma.Sql, dimension: Dimension): Promise<Group[]> {
  const value = dimensionSql(dimension);
  const rows = await db.$queryRaw<{ k: unknown; people: bigint | number; trainings: bigint | number }[]>`
    SELECT ${value} AS "k", COUNT(DISTINCT r."userId") AS "people", COUNT(*) AS "trainings"
    FROM "TrainingRecord" r ${where}
    GROUP BY ${value}`;
  return rows.map((row) => ({ key: key(row.k), people: num(row.people), trainings: num(row.trainings) }));
}

/** People per pair of values of two dimensions (the margins are `breakdown` of each). */
export async function crossTable(where: Prisma.Sql, rows: Dimension, columns: Dimension): Promise<CrossCell[]> {
  const rowValue = dimensionSql(rows);
  const columnValue = dimensionSql(columns);
  const result = await db.$queryRaw<{ rk: unknown; ck: unknown; people: bigint | number }[]>`
    SELECT ${rowValue} AS "rk", ${columnValue} AS "ck", COUNT(DISTINCT r."userId") AS "people"
    FROM "TrainingRecord" r ${where}
    GROUP BY ${rowValue}, ${columnValue}`;
  return result.map((cell) => ({ row: key(cell.rk), column: key(cell.ck), people: num(cell.people) }));
}

export type SeriesStep = "year" | "month";

/**
 * Trained people over time: per month when the report spans at most two
 * calendar years, per year otherwise. Each step counts the people trained in
 * it (a person trained in March and in May is in both months).
 */
export async function overTime(where: Prisma.Sql): Promise<{ step: SeriesStep; points: Group[] }> {
  const years = await breakdown(where, "year");
  if (years.length <= 2) return { step: "month", points: await breakdown(where, "month") };
  return { step: "year", points: years };
}
