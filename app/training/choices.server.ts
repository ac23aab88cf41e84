import { getCatalog } from "~/catalog/catalog.server";
import { contentLanguage, textIn } from "~/catalog/outline";
import { db } from "~/db/client.server";
import type { Locale } from "~/i18n/locales";

/** The lists the session and import forms choose from: courses, regions, organisations. */

export type Option = { value: string; label: string; lang?: Locale };

/** A region's name in `locale` (its `names` JSON holds fr, ar and en). */
export function regionName(names: unknown, locale: Locale): string {
  const all = (names ?? {}) as Partial<Record<Locale, string>>;
  return all[locale] ?? all.fr ?? "";
}

export async function regionOptions(locale: Locale): Promise<Option[]> {
  const regions = await db.region.findMany({ orderBy: [{ country: "asc" }, { position: "asc" }] });
  return regions.map((r) => ({ value: r.id, label: regionName(r.names, locale) }));
}

export async function courseOptions(locale: Locale): Promise<Option[]> {
  const { courses } = await getCatalog();
  return courses
    .map((course) => {
      const { lang } = contentLanguage(course.definition.languages, locale);
      return { value: course.id, label: textIn(course.definition.title, lang), lang };
    })
    .sort((a, b) => a.label.localeCompare(b.label, locale));
}

export async function organisationOptions(locale: Locale): Promise<Option[]> {
  const organisations = await db.organisation.findMany({ select: { id: true, name: true } });
  return organisations.map((o) => ({ value: o.id, label: o.name })).sort((a, b) => a.label.localeCompare(b.label, locale));
}
