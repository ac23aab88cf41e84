import type { CatalogCourse } from "~/catalog/catalog.server";
import { db } from "~/db/client.server";
import type { Locale } from "~/i18n/locales";
import { intlLocale, type T } from "~/i18n/translate";
import { type Filters, type ReportDefinition, periodBounds } from "./definition";
import { labelsFor } from "./labels.server";

/**
 * A report's definition in words, for the top of every export, the printable
 * view and the email: what counted as trained, the period, the filters and
 * the masking. Exports state what they count, so a figure pasted elsewhere
 * can always be traced back to its question.
 */
export type DescriptionLine = { label: string; value: string };

const dateFormat = (locale: Locale) => new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "long", timeZone: "UTC" });

/** "En 2025", "Du 1 avril 2025 au 30 juin 2025", "Depuis le début". */
export function periodPhrase(definition: ReportDefinition, locale: Locale, t: T, now = new Date()): string {
  const { period } = definition;
  if (period.kind === "all") return t("reports.periodPhrase.all");
  if (period.kind === "year") return t("reports.periodPhrase.year", { year: String(period.year) });
  const { from, to } = periodBounds(period, now);
  const format = dateFormat(locale);
  // The bounds are half-open: the last day is the one before `to`.
  const last = new Date(to!.getTime() - 86_400_000);
  return t("reports.periodPhrase.between", { from: format.format(from!), to: format.format(last) });
}

const FILTER_DIMENSIONS = {
  modalities: "modality",
  organisationTypes: "organisationType",
  organisations: "organisation",
  professions: "profession",
  sexes: "sex",
  ageBands: "ageBand",
  regions: "region",
} as const;

export async function describeDefinition(
  definition: ReportDefinition,
  context: { locale: Locale; t: T; now: Date; threshold: number; organisationName: string | null; catalog?: readonly CatalogCourse[] },
): Promise<DescriptionLine[]> {
  const { locale, t, now, threshold, organisationName, catalog } = context;
  const list = (items: string[]) => new Intl.ListFormat(intlLocale(locale), { style: "long", type: "conjunction" }).format(items);
  const { filters } = definition;
  const pair = (label: string, value: string) => t("reports.describe.pair", { label, value });

  const described: string[] = [];
  const subjects: string[] = [];
  if (filters.courses.length > 0) {
    const rows = await db.course.findMany({ where: { slug: { in: filters.courses } }, select: { id: true } });
    const labels = await labelsFor("course", rows.map((r) => r.id), locale, t, catalog);
    subjects.push(...rows.map((r) => labels.get(r.id) ?? r.id));
  }
  subjects.push(...filters.themes);
  if (subjects.length > 0) described.push(pair(t("reports.dimensions.course"), list(subjects)));
  for (const [key, dimension] of Object.entries(FILTER_DIMENSIONS) as [keyof typeof FILTER_DIMENSIONS, (typeof FILTER_DIMENSIONS)[keyof typeof FILTER_DIMENSIONS]][]) {
    const values = filters[key] as Filters[typeof key];
    if (values.length === 0) continue;
    const labels = await labelsFor(dimension, [...values], locale, t, catalog);
    described.push(pair(t(`reports.dimensions.${dimension}`), list(values.map((v) => labels.get(v) ?? v))));
  }
  if (filters.cities.length > 0) described.push(pair(t("reports.dimensions.city"), list(filters.cities)));
  if (filters.currentOnly) described.push(t("reports.filters.currentOnly"));

  return [
    ...(organisationName ? [{ label: t("reports.describe.scope"), value: organisationName }] : []),
    { label: t("reports.describe.definition"), value: t(`reports.trained.${definition.trained}`) },
    { label: t("reports.describe.period"), value: periodPhrase(definition, locale, t, now) },
    { label: t("reports.describe.filters"), value: described.length > 0 ? described.join(t("reports.describe.separator")) : t("reports.describe.noFilters") },
    {
      label: t("reports.describe.masking"),
      value: definition.mask ? t("reports.describe.masked", { threshold: String(threshold) }) : t("reports.describe.notMasked"),
    },
    { label: t("reports.describe.generated"), value: dateFormat(locale).format(now) },
  ];
}
