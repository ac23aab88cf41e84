import { catalogs } from "./catalog";
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "./locales";
import { makeT, type T } from "./translate";

export const LOCALE_COOKIE = "lang";

function cookieValue(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [k, ...rest] = part.trim().split("=");
    if (k === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

/** Picks the best of our locales from an Accept-Language header (q-values honoured). */
export function localeFromAcceptLanguage(header: string | null): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((e) => e.tag && !Number.isNaN(e.q) && e.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split("-")[0];
    if (isLocale(base)) return base;
  }
  return undefined;
}

/** The user's own choice, then the cookie, then Accept-Language, then French. */
export function detectLocale(request: Request, userLocale?: string | null): Locale {
  if (isLocale(userLocale)) return userLocale;
  const fromCookie = cookieValue(request, LOCALE_COOKIE);
  if (isLocale(fromCookie)) return fromCookie;
  return localeFromAcceptLanguage(request.headers.get("accept-language")) ?? DEFAULT_LOCALE;
}

export function localeCookie(locale: Locale, secure: boolean): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax${secure ? "; Secure" : ""}`;
}

export function serverT(locale: Locale): T {
  return makeT(catalogs[locale], locale);
}

export { LOCALES };
