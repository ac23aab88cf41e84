import { z } from "zod";

/**
 * What a report asks: which trainings count as "trained", over which period,
 * for whom (filters), broken down by what. The same definition drives the
 * page, the exports, the printable view, saved and scheduled reports and the
 * API, so they always agree. It travels as URL search parameters (a report
 * is a link) and is stored as JSON in SavedReport.definition.
 */

export const TRAINED = ["either", "online", "attended"] as const;
export type Trained = (typeof TRAINED)[number];

export const MODALITIES = ["online", "in_person", "webinar"] as const;
export const ORGANISATION_TYPES = ["government", "civil_society", "academic", "media", "international", "private", "other"] as const;
export const SEXES = ["woman", "man", "other", "undisclosed"] as const;
export const AGE_BANDS = ["under_18", "from_18_to_24", "from_25_to_34", "from_35_to_44", "from_45_to_54", "from_55_to_64", "from_65"] as const;
export const PROFESSIONS = [
  "social_worker",
  "police_gendarmerie",
  "justice",
  "health",
  "labour_employment",
  "teacher",
  "journalist_media",
  "student",
  "association_staff",
  "public_servant",
  "other",
] as const;

/** What a table or a chart can be broken down by. */
export const DIMENSIONS = ["course", "modality", "organisationType", "organisation", "profession", "sex", "ageBand", "region", "city", "year", "quarter", "month"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const PERIOD_KINDS = ["all", "year", "quarter", "range", "lastMonth", "lastQuarter", "yearToDate"] as const;
export type Period =
  | { kind: "all" }
  | { kind: "year"; year: number }
  | { kind: "quarter"; year: number; quarter: 1 | 2 | 3 | 4 }
  | { kind: "range"; from: string; to: string }
  /** Relative periods, for scheduled reports: resolved on the day the report runs. */
  | { kind: "lastMonth" }
  | { kind: "lastQuarter" }
  | { kind: "yearToDate" };

export type Filters = {
  courses: string[];
  themes: string[];
  modalities: (typeof MODALITIES)[number][];
  organisationTypes: (typeof ORGANISATION_TYPES)[number][];
  organisations: string[];
  professions: (typeof PROFESSIONS)[number][];
  sexes: (typeof SEXES)[number][];
  ageBands: (typeof AGE_BANDS)[number][];
  regions: string[];
  cities: string[];
  /** Only trainings still valid today (courses with a validity period; others never expire). */
  currentOnly: boolean;
};

export type ReportDefinition = {
  trained: Trained;
  period: Period;
  filters: Filters;
  /** The breakdown shown (and charted); a second one makes a cross-table. */
  rows: Dimension | null;
  columns: Dimension | null;
  /** Cells under the threshold hidden, as in anything shared outside. */
  mask: boolean;
};

export const DEFAULT_MASK_THRESHOLD = 5;

export const EMPTY_FILTERS: Filters = {
  courses: [],
  themes: [],
  modalities: [],
  organisationTypes: [],
  organisations: [],
  professions: [],
  sexes: [],
  ageBands: [],
  regions: [],
  cities: [],
  currentOnly: false,
};

export const DEFAULT_DEFINITION: ReportDefinition = {
  trained: "either",
  period: { kind: "all" },
  filters: EMPTY_FILTERS,
  rows: "profession",
  columns: null,
  mask: true,
};

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const year = z.coerce.number().int().min(2000).max(2100);

const periodSchema: z.ZodType<Period> = z.union([
  z.object({ kind: z.literal("all") }),
  z.object({ kind: z.literal("year"), year }),
  z.object({ kind: z.literal("quarter"), year, quarter: z.coerce.number().int().min(1).max(4) as unknown as z.ZodType<1 | 2 | 3 | 4> }),
  z.object({ kind: z.literal("range"), from: isoDate, to: isoDate }).refine((p) => p.from <= p.to && !Number.isNaN(Date.parse(p.from)) && !Number.isNaN(Date.parse(p.to)), { path: ["to"] }),
  z.object({ kind: z.literal("lastMonth") }),
  z.object({ kind: z.literal("lastQuarter") }),
  z.object({ kind: z.literal("yearToDate") }),
]) as z.ZodType<Period>;

const list = <T extends z.ZodTypeAny>(item: T) => z.array(item).max(200).default([]);
const id = z.string().min(1).max(64).regex(/^[\w-]+$/);

/** Each filter's values: the URL form drops the values that do not pass. */
const FILTER_SCHEMAS = {
  courses: list(id),
  themes: list(z.string().trim().min(1).max(200)),
  modalities: list(z.enum(MODALITIES)),
  organisationTypes: list(z.enum(ORGANISATION_TYPES)),
  organisations: list(id),
  professions: list(z.enum(PROFESSIONS)),
  sexes: list(z.enum(SEXES)),
  ageBands: list(z.enum(AGE_BANDS)),
  regions: list(z.string().regex(/^[A-Z]{2}-\d{2}$/)),
  cities: list(z.string().trim().min(1).max(100)),
} satisfies Record<Exclude<keyof Filters, "currentOnly">, z.ZodTypeAny>;

export const definitionSchema = z
  .object({
    trained: z.enum(TRAINED).default("either"),
    period: periodSchema.default({ kind: "all" }),
    filters: z.object({ ...FILTER_SCHEMAS, currentOnly: z.boolean().default(false) }).default({}),
    rows: z.enum(DIMENSIONS).nullable().default("profession"),
    columns: z.enum(DIMENSIONS).nullable().default(null),
    mask: z.boolean().default(true),
  })
  .refine((d) => !d.columns || (d.rows && d.rows !== d.columns), { path: ["columns"] });

/** A stored or received definition, or null when it does not hold together. */
export function parseDefinition(value: unknown): ReportDefinition | null {
  const parsed = definitionSchema.safeParse(value);
  return parsed.success ? (parsed.data as ReportDefinition) : null;
}

// URL form -------------------------------------------------------------------

const FILTER_PARAMS: Record<Exclude<keyof Filters, "currentOnly">, string> = {
  courses: "course",
  themes: "theme",
  modalities: "modality",
  organisationTypes: "orgType",
  organisations: "org",
  professions: "profession",
  sexes: "sex",
  ageBands: "age",
  regions: "region",
  cities: "city",
};

/**
 * Reads a definition from the report form's query string. Anything unknown or
 * malformed is dropped (a filter value that no longer exists, a hand-edited
 * URL) rather than failing the page, and the errors say which fields.
 */
export function definitionFromSearch(params: URLSearchParams): { definition: ReportDefinition; invalid: string[] } {
  const invalid: string[] = [];
  const one = (name: string) => params.get(name) ?? undefined;
  const periodKind = one("period") ?? "all";
  const rawPeriod: Record<string, unknown> = { kind: periodKind, year: one("year"), quarter: one("quarter"), from: one("from"), to: one("to") };
  const period = periodSchema.safeParse(rawPeriod);
  if (!period.success) invalid.push("period");

  const filters = { ...EMPTY_FILTERS } as Filters;
  for (const [key, name] of Object.entries(FILTER_PARAMS) as [Exclude<keyof Filters, "currentOnly">, string][]) {
    // Cities are typed, several in one field: "Oujda, Nador".
    const raw = params.getAll(name);
    const values = (key === "cities" ? raw.flatMap((v) => v.split(",")).map((v) => v.trim()) : raw).filter((v) => v !== "");
    const shape: z.ZodTypeAny = FILTER_SCHEMAS[key];
    const parsed = shape.safeParse(values);
    if (parsed.success) (filters as Record<string, unknown>)[key] = parsed.data;
    else {
      invalid.push(name);
      (filters as Record<string, unknown>)[key] = values.filter((v) => shape.safeParse([v]).success);
    }
  }
  filters.currentOnly = params.get("current") === "1";

  const dimension = (name: string, fallback: Dimension | null) => {
    const value = params.get(name);
    if (value === null) return fallback;
    if (value === "") return null;
    if ((DIMENSIONS as readonly string[]).includes(value)) return value as Dimension;
    invalid.push(name);
    return fallback;
  };
  const rows = dimension("rows", DEFAULT_DEFINITION.rows);
  let columns = dimension("columns", null);
  if (columns && (!rows || columns === rows)) {
    invalid.push("columns");
    columns = null;
  }
  const trainedValue = params.get("trained");
  const trained = (TRAINED as readonly string[]).includes(trainedValue ?? "") ? (trainedValue as Trained) : "either";
  if (trainedValue && trained !== trainedValue) invalid.push("trained");
  return {
    definition: {
      trained,
      period: period.success ? period.data : { kind: "all" },
      filters,
      rows,
      columns,
      // Unmasked only when asked: a report is shared more often than not.
      // The form sends a hidden "0" then the box's "1" when ticked: the last value is the box's state.
      mask: params.getAll("mask").at(-1) !== "0",
    },
    invalid,
  };
}

/** The query string of a definition (the inverse of definitionFromSearch). */
export function searchFromDefinition(definition: ReportDefinition): URLSearchParams {
  const params = new URLSearchParams();
  params.set("trained", definition.trained);
  params.set("period", definition.period.kind);
  const p = definition.period;
  if (p.kind === "year" || p.kind === "quarter") params.set("year", String(p.year));
  if (p.kind === "quarter") params.set("quarter", String(p.quarter));
  if (p.kind === "range") {
    params.set("from", p.from);
    params.set("to", p.to);
  }
  for (const [key, name] of Object.entries(FILTER_PARAMS) as [Exclude<keyof Filters, "currentOnly">, string][]) {
    for (const value of definition.filters[key]) params.append(name, value);
  }
  if (definition.filters.currentOnly) params.set("current", "1");
  params.set("rows", definition.rows ?? "");
  if (definition.columns) params.set("columns", definition.columns);
  if (!definition.mask) params.set("mask", "0");
  return params;
}

// Periods ---------------------------------------------------------------------

/** The period as a half-open UTC interval [from, to); null bounds for "all". */
export function periodBounds(period: Period, today = new Date()): { from: Date | null; to: Date | null } {
  const utc = (y: number, m: number, d = 1) => new Date(Date.UTC(y, m, d));
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth();
  switch (period.kind) {
    case "all":
      return { from: null, to: null };
    case "year":
      return { from: utc(period.year, 0), to: utc(period.year + 1, 0) };
    case "quarter":
      return { from: utc(period.year, (period.quarter - 1) * 3), to: utc(period.year, period.quarter * 3) };
    case "range":
      return { from: new Date(`${period.from}T00:00:00Z`), to: new Date(new Date(`${period.to}T00:00:00Z`).getTime() + 86_400_000) };
    case "lastMonth":
      return { from: utc(y, m - 1), to: utc(y, m) };
    case "lastQuarter": {
      const q = Math.floor(m / 3);
      return { from: utc(y, (q - 1) * 3), to: utc(y, q * 3) };
    }
    case "yearToDate":
      return { from: utc(y, 0), to: utc(y, m, today.getUTCDate() + 1) };
  }
}
