import type { Locale } from "~/i18n/locales";
import { intlLocale } from "~/i18n/translate";

/** Rate-limit waits travel in whole seconds, rounded up (never "in 0 seconds"). */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/**
 * "in 40 seconds" / "dans 5 minutes" / "خلال 5 دقائق" for the {when} of the
 * "too many attempts" messages: seconds under a minute, then whole minutes
 * rounded up. Intl.RelativeTimeFormat knows each language's plural forms,
 * which matters for Arabic.
 */
export function retryWhen(locale: Locale, seconds: number): string {
  const format = new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: "auto" });
  return seconds < 60 ? format.format(Math.max(1, Math.ceil(seconds)), "second") : format.format(Math.ceil(seconds / 60), "minute");
}
