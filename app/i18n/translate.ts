import type { Messages } from "./catalog";
import type { Locale } from "./locales";

export type TParams = Record<string, string | number>;
export type T = (key: string, params?: TParams) => string;

const pluralRules = new Map<Locale, Intl.PluralRules>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** Arabic as written in Morocco: Western digits ("ar-MA"), Arabic words. */
export function intlLocale(locale: Locale): string {
  return locale === "ar" ? "ar-MA" : locale;
}

function pluralCategory(locale: Locale, count: number): string {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(count);
}

/** One formatter per locale: constructing an Intl.NumberFormat costs more than the rest of a lookup. */
function formatNumber(locale: Locale, value: number): string {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(intlLocale(locale))));
  return format.format(value);
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
