import { db } from "~/db/client.server";
import type { Prisma } from "~/db/generated/client";
import type { Locale } from "~/i18n/locales";

/** Regions (reference data inserted by the migrations), named in the page's language. */
export type RegionOption = { id: string; name: string };

export function regionName(names: Prisma.JsonValue, locale: Locale): string {
  const byLocale = (names ?? {}) as Partial<Record<Locale, string>>;
  return byLocale[locale] ?? byLocale.fr ?? "";
}

export async function listRegions(locale: Locale): Promise<RegionOption[]> {
  const rows = await db.region.findMany({ orderBy: [{ country: "asc" }, { position: "asc" }] });
  return rows.map((row) => ({ id: row.id, name: regionName(row.names, locale) }));
}

export async function regionExists(id: string): Promise<boolean> {
  return (await db.region.count({ where: { id } })) > 0;
}
