import ar from "./locales/ar/common.json";
import en from "./locales/en/common.json";
import fr from "./locales/fr/common.json";
import type { Messages } from "./catalog";
import type { Locale } from "./locales";

/**
 * The "common" namespace only, for the rare page rendered without the root
 * loader's data (the root loader itself failed): enough for the header and
 * the error page, without shipping every catalog in the client bundle.
 */
const sources: Record<Locale, unknown> = { fr, ar, en };

export function fallbackMessages(locale: Locale): Messages {
  const out: Messages = {};
  const walk = (prefix: string, value: unknown) => {
    if (typeof value === "string") out[prefix] = value;
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(`${prefix}.${k}`, v);
  };
  walk("common", sources[locale]);
  return out;
}
