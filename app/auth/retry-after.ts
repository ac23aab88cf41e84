import type { Locale } from "~/i18n/locales";

/** Rate-limit waits are shown in whole minutes, rounded up (never "in 0 minutes"). */
export function retryAfterMinutes(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}

/**
 * "in 5 minutes" / "dans 5 minutes" / "خلال 5 دقائق" for the {when} of
 * auth.errors.tooManyAttempts: Intl.RelativeTimeFormat knows each language's
 * plural forms, which matters for Arabic.
 */
export function retryWhen(locale: Locale, minutes: number): string {
  return new Intl.RelativeTimeFormat(locale === "ar" ? "ar-MA" : locale, { numeric: "auto" }).format(minutes, "minute");
}
