import { LOCALES, type Locale } from "./locales";

/**
 * Message catalogs: app/i18n/locales/<lang>/<namespace>.json, nested objects
 * flattened to "namespace.a.b" keys. Every language has the same keys
 * (app/i18n/catalog.test.ts enforces it).
 */
export type Messages = Record<string, string>;

const files = import.meta.glob<Record<string, unknown>>("./locales/*/*.json", {
  eager: true,
  import: "default",
});

function flatten(prefix: string, value: unknown, out: Messages) {
  if (typeof value === "string") {
    out[prefix] = value;
    return;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) flatten(prefix ? `${prefix}.${k}` : k, v, out);
  }
}

function build(): Record<Locale, Messages> {
  const catalogs = Object.fromEntries(LOCALES.map((l) => [l, {} as Messages])) as Record<Locale, Messages>;
  for (const [file, content] of Object.entries(files)) {
    const match = /\.\/locales\/([a-z]{2})\/([\w-]+)\.json$/.exec(file);
    if (!match) continue;
    const [, locale, namespace] = match;
    if (!(locale in catalogs)) continue;
    flatten(namespace, content, catalogs[locale as Locale]);
  }
  return catalogs;
}

export const catalogs = build();

export function messagesFor(locale: Locale): Messages {
  return catalogs[locale];
}
