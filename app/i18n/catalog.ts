import { LOCALES, type Locale } from "./locales";
import type { Namespace } from "./namespaces";
import ar from "./locales/ar";
import en from "./locales/en";
import fr from "./locales/fr";

/**
 * Message catalogs: app/i18n/locales/<lang>/<namespace>.json, nested objects
 * flattened to "namespace.a.b" keys. Every language has the same keys
 * (app/i18n/catalog.test.ts enforces it).
 */
export type Messages = Record<string, string>;

/** Plain imports rather than import.meta.glob: the catalogs also serve the Express server and the command-line scripts, which Vite does not build. */
const sources: Record<Locale, Record<string, unknown>> = { fr, ar, en };

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
  for (const locale of LOCALES) {
    for (const [namespace, content] of Object.entries(sources[locale])) flatten(namespace, content, catalogs[locale]);
  }
  return catalogs;
}

export const catalogs = build();

/** The whole catalogue of a language: for the server (mail, PDFs, exports), never for a page. */
export function messagesFor(locale: Locale): Messages {
  return catalogs[locale];
}

const subsets = new Map<string, Messages>();

/**
 * The messages of some namespaces only, what a page is sent
 * (app/i18n/route-messages.server.ts). One object per locale and set of
 * namespaces, kept: pages ask for the same few sets again and again.
 */
export function messagesIn(locale: Locale, namespaces: readonly Namespace[]): Messages {
  const id = `${locale}:${[...namespaces].sort().join(",")}`;
  let found = subsets.get(id);
  if (!found) {
    const prefixes = namespaces.map((ns) => `${ns}.`);
    found = Object.fromEntries(Object.entries(catalogs[locale]).filter(([key]) => prefixes.some((p) => key.startsWith(p))));
    subsets.set(id, found);
  }
  return found;
}
