/**
 * The app's own message catalogs, read from disk, so specs find buttons and
 * headings by the text users see without hard-coding it (and keep passing
 * when a translator rewords a label).
 */
import fs from "node:fs";
import path from "node:path";
import { translate, type TParams } from "../../app/i18n/translate";
import type { Locale } from "../../app/i18n/locales";
import { ROOT } from "./e2e-env";

type Messages = Record<string, string>;
const cache = new Map<Locale, Messages>();

function flatten(prefix: string, value: unknown, out: Messages) {
  if (typeof value === "string") out[prefix] = value;
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) flatten(prefix ? `${prefix}.${k}` : k, v, out);
  }
}

function messages(locale: Locale): Messages {
  let found = cache.get(locale);
  if (!found) {
    found = {};
    const dir = path.join(ROOT, "app/i18n/locales", locale);
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json"))) {
      flatten(path.basename(file, ".json"), JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")), found);
    }
    cache.set(locale, found);
  }
  return found;
}

/** t("auth.login.submit") as the app renders it; throws on an unknown key so a renamed key is obvious. */
export function tFor(locale: Locale) {
  return (key: string, params?: TParams): string => {
    const all = messages(locale);
    if (!(key in all) && !Object.keys(all).some((k) => k.startsWith(`${key}_`))) {
      throw new Error(`e2e: no message "${key}" in app/i18n/locales/${locale}`);
    }
    return translate(all, locale, key, params);
  };
}

/** Escapes a translated string for use inside a RegExp. */
export function literal(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
}

/** A message with its {placeholders} left open: matches whatever the app filled in (a date, a name…). */
export function templatePattern(template: string): RegExp {
  return new RegExp(template.split(/\{\w+\}/).map((part) => literal(part).source).join(".+"));
}
