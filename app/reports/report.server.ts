import type { CatalogCourse } from "~/catalog/catalog.server";
import { db } from "~/db/client.server";
import { serverT } from "~/i18n/detect.server";
import type { Locale } from "~/i18n/locales";
import {
  AGE_BANDS,
  DEFAULT_MASK_THRESHOLD,
  type Dimension,
  MODALITIES,
  ORGANISATION_TYPES,
  PROFESSIONS,
  type ReportDefinition,
  SEXES,
} from "./definition";
import { type DescriptionLine, describeDefinition, periodPhrase } from "./describe.server";
import { labelsFor } from "./labels.server";
import { suppressBreakdown, suppressCrossTable } from "./masking";
import { type Group, type Scope, type SeriesStep, breakdown, crossTable, overTime, reportConditions, totals } from "./queries.server";

/**
 * A report as every reader gets it — the page, the CSV and XLSX files, the
 * printable sentences, the scheduled email and the API — so that they show
 * the same figures. A hidden (masked) count is null.
 */
export type Value = number | null;
export type Labelled = { key: string | null; label: string };
export type ReportRow = Labelled & { people: Value; trainings: Value };
export type Report = {
  definition: ReportDefinition;
  scope: { organisationId: string; organisationName: string } | null;
  generatedAt: string;
  threshold: number;
  totals: { people: Value; trainings: Value };
  breakdown: { dimension: Dimension; rows: ReportRow[] } | null;
  cross: {
    rows: Dimension;
    columns: Dimension;
    rowLabels: Labelled[];
    columnLabels: Labelled[];
    cells: Value[][];
    rowTotals: Value[];
    columnTotals: Value[];
  } | null;
  /** The cross-table had too many columns to be read (the breakdown is still given). */
  crossTooWide: boolean;
  series: { step: SeriesStep; points: (Labelled & { people: Value })[] };
  /** How many counts are hidden, to say so under the tables. */
  hidden: number;
  /** "En 2025", "Du … au …": the period in words. */
  periodText: string;
  /** The definition, period, filters and masking in words, for the top of exports. */
  description: DescriptionLine[];
};

/** Beyond this, a cross-table is no longer a table anyone reads: the page asks for a narrower one. */
export const MAX_CROSS_COLUMNS = 40;
export const MAX_CROSS_CELLS = 20_000;

const ENUM_ORDER: Partial<Record<Dimension, readonly string[]>> = {
  modality: MODALITIES,
  organisationType: ORGANISATION_TYPES,
  profession: PROFESSIONS,
  sex: SEXES,
  ageBand: AGE_BANDS,
};
const CHRONOLOGICAL = new Set<Dimension>(["year", "quarter", "month"]);

/** Enum values in their own order, periods in time order, the rest largest first; "not stated" last. */
function sortGroups<G extends Group>(dimension: Dimension, groups: G[], labels: Map<string | null, string>): G[] {
  const order = ENUM_ORDER[dimension];
  return [...groups].sort((a, b) => {
    if (a.key === null || b.key === null) return a.key === null ? (b.key === null ? 0 : 1) : -1;
    if (order) return order.indexOf(a.key) - order.indexOf(b.key);
    if (CHRONOLOGICAL.has(dimension)) return Number(a.key) - Number(b.key);
    return b.people - a.people || (labels.get(a.key) ?? "").localeCompare(labels.get(b.key) ?? "");
  });
}

export type RunOptions = {
  locale: Locale;
  now?: Date;
  threshold?: number;
  /** The catalogue to name courses from (the built one by default). */
  catalog?: readonly CatalogCourse[];
  /** Whether to compute the over-time series (the page and the files do; the API asks for it). */
  series?: boolean;
};

export async function runReport(asked: ReportDefinition, scope: Scope, options: RunOptions): Promise<Report> {
  // Inside one organisation's scope an organisation filter means nothing, and
  // naming another organisation's id must not even bring its name back (in the
  // description): it is dropped.
  const definition: ReportDefinition = scope.organisationId ? { ...asked, filters: { ...asked.filters, organisations: [] } } : asked;
  const { locale, now = new Date(), threshold = DEFAULT_MASK_THRESHOLD, catalog, series: withSeries = true } = options;
  const t = serverT(locale);
  const where = reportConditions(definition, scope, now);
  const limit = definition.mask ? threshold : 0;

  const [total, rowGroups, columnGroups, series, organisation] = await Promise.all([
    totals(where),
    definition.rows ? breakdown(where, definition.rows) : Promise.resolve(null),
    definition.columns ? breakdown(where, definition.columns) : Promise.resolve(null),
    withSeries ? overTime(where, definition, now) : Promise.resolve({ step: "year" as const, points: [] }),
    scope.organisationId ? db.organisation.findUnique({ where: { id: scope.organisationId }, select: { id: true, name: true } }) : null,
  ]);
  let hidden = 0;
  const count = (flags: boolean[]) => flags.filter(Boolean).length;
  const totalHidden = suppressBreakdown([], total.people, limit).total;
  hidden += totalHidden ? 1 : 0;

  let rowLabels = new Map<string | null, string>();
  let rowsSorted: Group[] = [];
  if (definition.rows && rowGroups) {
    rowLabels = await labelsFor(definition.rows, rowGroups.map((g) => g.key), locale, t, catalog);
    rowsSorted = sortGroups(definition.rows, rowGroups, rowLabels);
  }
  const rowLabel = (g: Group) => rowLabels.get(g.key) ?? String(g.key);

  // With a cross-table, its row margin is the breakdown: one suppression covers both, so they hide the same rows.
  let rowMask: boolean[] | null = null;
  let cross: Report["cross"] = null;
  let crossTooWide = false;
  if (definition.rows && definition.columns && columnGroups) {
    const columnLabels = await labelsFor(definition.columns, columnGroups.map((g) => g.key), locale, t, catalog);
    const columnsSorted = sortGroups(definition.columns, columnGroups, columnLabels);
    crossTooWide = columnsSorted.length > MAX_CROSS_COLUMNS || columnsSorted.length * rowsSorted.length > MAX_CROSS_CELLS;
    if (!crossTooWide) {
      const cells = await crossTable(where, definition.rows, definition.columns);
      const at = new Map(cells.map((c) => [`${c.row}\u0000${c.column}`, c.people]));
      const grid = rowsSorted.map((r) => columnsSorted.map((c) => at.get(`${r.key}\u0000${c.key}`) ?? 0));
      const mask = suppressCrossTable(grid, rowsSorted.map((r) => r.people), columnsSorted.map((c) => c.people), total.people, limit);
      hidden += count(mask.cells.flat()) + count(mask.columnTotals);
      rowMask = mask.rowTotals;
      cross = {
        rows: definition.rows,
        columns: definition.columns,
        rowLabels: rowsSorted.map((r) => ({ key: r.key, label: rowLabel(r) })),
        columnLabels: columnsSorted.map((c) => ({ key: c.key, label: columnLabels.get(c.key) ?? String(c.key) })),
        cells: grid.map((row, i) => row.map((v, j) => (mask.cells[i][j] ? null : v))),
        rowTotals: rowsSorted.map((r, i) => (mask.rowTotals[i] ? null : r.people)),
        columnTotals: columnsSorted.map((c, j) => (mask.columnTotals[j] ? null : c.people)),
      };
    }
  }

  let breakdownResult: Report["breakdown"] = null;
  if (definition.rows) {
    const mask = rowMask ?? suppressBreakdown(rowsSorted.map((g) => g.people), total.people, limit).parts;
    hidden += count(mask);
    breakdownResult = {
      dimension: definition.rows,
      rows: rowsSorted.map((g, i) => ({
        key: g.key,
        label: rowLabel(g),
        people: mask[i] ? null : g.people,
        trainings: mask[i] ? null : g.trainings,
      })),
    };
  }

  const seriesDimension: Dimension = series.step === "year" ? "year" : "month";
  const seriesLabels = await labelsFor(seriesDimension, series.points.map((p) => p.key), locale, t, catalog);
  const points = sortGroups(seriesDimension, series.points, seriesLabels);
  const seriesMask = suppressBreakdown(points.map((p) => p.people), total.people, limit);

  return {
    definition,
    scope: organisation ? { organisationId: organisation.id, organisationName: organisation.name } : null,
    generatedAt: now.toISOString(),
    threshold,
    totals: { people: totalHidden ? null : total.people, trainings: totalHidden ? null : total.trainings },
    breakdown: breakdownResult,
    cross,
    crossTooWide,
    series: {
      step: series.step,
      points: points.map((p, i) => ({ key: p.key, label: seriesLabels.get(p.key) ?? String(p.key), people: seriesMask.parts[i] ? null : p.people })),
    },
    hidden,
    periodText: periodPhrase(definition, locale, t, now),
    description: await describeDefinition(definition, { locale, t, now, threshold, organisationName: organisation?.name ?? null, catalog }),
  };
}
