import type { Locale } from "~/i18n/locales";
import { intlLocale, type T } from "~/i18n/translate";
import type { Dimension } from "./definition";
import type { Report } from "./report.server";

/**
 * The report's figures as sentences an officer can paste into a donor
 * report: "En 2025, 404 personnes ont été formées, dont 44 travailleurs
 * sociaux, …". Built from the same Report as the tables, so masked counts
 * stay masked here too; plurals come from the catalog's plural forms (six in
 * Arabic).
 */

/** Dimensions whose values have their own counted phrase ("44 travailleurs sociaux"); the others say "{count} in {label}". */
const PHRASED: readonly Dimension[] = ["profession", "sex", "organisationType", "modality", "ageBand"];
/** A sentence names this many groups at most (the largest first, or in the list's order). */
export const MAX_SENTENCE_ITEMS = 12;

export function donorSentences(report: Report, t: T, locale: Locale): string[] {
  const list = (items: string[]) => new Intl.ListFormat(intlLocale(locale), { style: "long", type: "conjunction" }).format(items);
  const period = report.periodText;
  const people = report.totals.people;
  const threshold = String(report.threshold);
  if (people === null) return [t("reports.sentence.tooFew", { period, threshold })];
  if (people === 0) return [t("reports.sentence.nobody", { period })];

  const organisation = report.scope?.organisationName;
  let headline = organisation
    ? t("reports.sentence.headlineIn", { period, count: people, organisation })
    : t("reports.sentence.headline", { period, count: people });
  const breakdown = report.breakdown;
  if (breakdown) {
    const items = breakdown.rows
      .filter((row): row is typeof row & { people: number } => row.people !== null && row.people > 0)
      .slice(0, MAX_SENTENCE_ITEMS)
      .map((row) => {
        if (row.key === null) return t("reports.sentence.notStated", { count: row.people });
        if (PHRASED.includes(breakdown.dimension)) return t(`reports.sentence.item.${breakdown.dimension}.${row.key}`, { count: row.people });
        return t(`reports.sentence.item.${breakdown.dimension}`, { count: row.people, label: row.label });
      });
    if (items.length > 0) headline += `${locale === "ar" ? "، " : ", "}${t("reports.sentence.among", { list: list(items) })}`;
  }
  const sentences = [`${headline}.`, t(`reports.sentence.definition.${report.definition.trained}`)];
  if (report.totals.trainings !== null && report.totals.trainings !== people) {
    sentences.push(t("reports.sentence.trainings", { count: report.totals.trainings }));
  }
  if (report.definition.filters.currentOnly) sentences.push(t("reports.sentence.current"));
  if (report.hidden > 0) sentences.push(t("reports.sentence.hiddenGroups", { threshold }));
  return sentences;
}
