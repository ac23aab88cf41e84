import { type CatalogCourse, getCatalog } from "~/catalog/catalog.server";
import { contentLanguage, textIn } from "~/catalog/outline";
import { db } from "~/db/client.server";
import { intlLocale, type T } from "~/i18n/translate";
import type { Locale } from "~/i18n/locales";
import type { Dimension } from "./definition";

/**
 * What a dimension's values are called in the reader's language: course
 * titles from the catalogue (or the theme of a session without a course),
 * organisation names, region names from the reference data, the enum values
 * from the message catalog, and periods written out. Looked up for the values
 * a report found only, in one query per dimension.
 */
export async function labelsFor(
  dimension: Dimension,
  keys: (string | null)[],
  locale: Locale,
  t: T,
  catalog?: readonly CatalogCourse[],
): Promise<Map<string | null, string>> {
  const labels = new Map<string | null, string>([[null, t("reports.notStated")]]);
  const present = keys.filter((k): k is string => k !== null);
  switch (dimension) {
    case "course": {
      // A report still names courses (by slug) when the course build is missing.
      const courses = catalog ?? (await getCatalog().then((c) => c.courses, () => []));
      const ids = present.filter((k) => !k.startsWith("theme:"));
      const rows = ids.length > 0 ? await db.course.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true } }) : [];
      for (const row of rows) {
        const course = courses.find((c) => c.id === row.id);
        const title = course ? textIn(course.definition.title, contentLanguage(course.definition.languages, locale).lang) : row.slug;
        labels.set(row.id, title);
      }
      for (const k of present.filter((k) => k.startsWith("theme:"))) labels.set(k, k.slice("theme:".length));
      break;
    }
    case "organisation": {
      const rows = present.length > 0 ? await db.organisation.findMany({ where: { id: { in: present } }, select: { id: true, name: true } }) : [];
      for (const row of rows) labels.set(row.id, row.name);
      break;
    }
    case "region": {
      const rows = present.length > 0 ? await db.region.findMany({ where: { id: { in: present } } }) : [];
      for (const row of rows) {
        const names = row.names as Record<string, string>;
        labels.set(row.id, names[locale] ?? names.fr ?? row.id);
      }
      break;
    }
    case "city":
      for (const k of present) labels.set(k, k);
      break;
    case "year":
      for (const k of present) labels.set(k, k);
      break;
    case "quarter":
      for (const k of present) labels.set(k, t("reports.quarterLabel", { quarter: String(Number(k) % 10), year: String(Math.floor(Number(k) / 10)) }));
      break;
    case "month": {
      const format = new Intl.DateTimeFormat(intlLocale(locale), { month: "long", year: "numeric", timeZone: "UTC" });
      for (const k of present) labels.set(k, format.format(new Date(Date.UTC(Math.floor(Number(k) / 100), (Number(k) % 100) - 1, 1))));
      break;
    }
    default:
      for (const k of present) labels.set(k, t(`reports.values.${dimension}.${k}`));
  }
  for (const k of present) if (!labels.has(k)) labels.set(k, k);
  return labels;
}
