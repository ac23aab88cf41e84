/**
 * Intl formatters kept per locale and options, for the server and the browser alike: constructing an
 * Intl.NumberFormat, DateTimeFormat, ListFormat or PluralRules costs far more than using one (on the
 * lesson page, the quiz panel's percentages built a NumberFormat per number; on /courses, every card a
 * ListFormat). Formatters are immutable, so one per locale and options serves every request. The options
 * come from the app's code, never from user input; the cap only guards against a caller that varies them.
 */
const kept = new Map<string, unknown>();
const MAX_KEPT = 256;

function keep<F>(kind: string, locale: string, options: object | undefined, make: () => F): F {
  const key = `${kind}\u0000${locale}\u0000${options ? JSON.stringify(options) : ""}`;
  let found = kept.get(key) as F | undefined;
  if (found === undefined) {
    if (kept.size >= MAX_KEPT) kept.clear();
    kept.set(key, (found = make()));
  }
  return found;
}

export function numberFormat(locale: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  return keep("number", locale, options, () => new Intl.NumberFormat(locale, options));
}

export function dateTimeFormat(locale: string, options?: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return keep("date", locale, options, () => new Intl.DateTimeFormat(locale, options));
}

export function listFormat(locale: string, options?: Intl.ListFormatOptions): Intl.ListFormat {
  return keep("list", locale, options, () => new Intl.ListFormat(locale, options));
}

export function pluralRules(locale: string, options?: Intl.PluralRulesOptions): Intl.PluralRules {
  return keep("plural", locale, options, () => new Intl.PluralRules(locale, options));
}
