import type { Messages } from "./catalog";
import { numberFormat, pluralRules } from "./intl-formats";
import type { Locale } from "./locales";

export type TParams = Record<string, string | number>;
export type T = (key: string, params?: TParams) => string;

/** Arabic as written in Morocco: Western digits ("ar-MA"), Arabic words. */
export function intlLocale(locale: Locale): string {
  return locale === "ar" ? "ar-MA" : locale;
}

/**
 * Counts and numbers in messages are mostly small whole numbers (positions, minutes, percentages): their
 * plural category and formatted text are kept per locale once computed, exactly as Intl gave them.
 */
const SMALL = 1000;
// -0 is left to Intl: it formats as "-0".
const isSmall = (n: number) => Number.isInteger(n) && (n > 0 || Object.is(n, 0)) && n < SMALL;
const smallPlurals = new Map<Locale, string[]>();
const smallNumbers = new Map<Locale, string[]>();

function memo(table: Map<Locale, string[]>, locale: Locale): string[] {
  let found = table.get(locale);
  if (!found) table.set(locale, (found = []));
  return found;
}

function pluralCategory(locale: Locale, count: number): string {
  if (!isSmall(count)) return pluralRules(locale).select(count);
  const known = memo(smallPlurals, locale);
  return (known[count] ??= pluralRules(locale).select(count));
}

function formatNumber(locale: Locale, value: number): string {
  if (!isSmall(value)) return numberFormat(intlLocale(locale)).format(value);
  const known = memo(smallNumbers, locale);
  return (known[value] ??= numberFormat(intlLocale(locale)).format(value));
}

/**
 * Looks a key up and fills {placeholders}. When params.count is a number,
 * "key_<plural category>" is tried first (Arabic has six categories), then
 * "key_other", then "key". A missing key returns the key itself, which the
 * catalog test and the e2e console checks make visible.
 */
export function translate(messages: Messages, locale: Locale, key: string, params?: TParams): string {
  let template: string | undefined;
  if (params && typeof params.count === "number") {
    template = messages[`${key}_${pluralCategory(locale, params.count)}`] ?? messages[`${key}_other`];
  }
  template ??= messages[key];
  if (template === undefined) return key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? formatNumber(locale, value) : value;
  });
}

export function makeT(messages: Messages, locale: Locale): T {
  return (key, params) => translate(messages, locale, key, params);
}
