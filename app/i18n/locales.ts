export const LOCALES = ["fr", "ar", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "fr";

/** Each language's own name, as shown in the language switcher. */
export const LOCALE_NAMES: Record<Locale, string> = { fr: "Français", ar: "العربية", en: "English" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function directionOf(locale: Locale): "rtl" | "ltr" {
  return locale === "ar" ? "rtl" : "ltr";
}

/** lang and dir for text written in `lang` inside a page in `pageLocale`; nothing when they are the same. */
export function foreignLang(lang: Locale, pageLocale: Locale): { lang?: Locale; dir?: "rtl" | "ltr" } {
  return lang !== pageLocale ? { lang, dir: directionOf(lang) } : {};
}
