import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { Messages } from "./catalog";
import { directionOf, foreignLang, type Locale } from "./locales";
import { intlLocale, makeT, type T } from "./translate";

type I18n = {
  locale: Locale;
  dir: "rtl" | "ltr";
  t: T;
  formatDate: (date: Date | string, options?: Intl.DateTimeFormatOptions) => string;
  formatNumber: (value: number, options?: Intl.NumberFormatOptions) => string;
};

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ locale, messages, children }: { locale: Locale; messages: Messages; children: ReactNode }) {
  const value = useMemo<I18n>(() => {
    const intl = intlLocale(locale);
    return {
      locale,
      dir: directionOf(locale),
      t: makeT(messages, locale),
      formatDate: (date, options = { dateStyle: "long" }) =>
        new Intl.DateTimeFormat(intl, { timeZone: "UTC", ...options }).format(new Date(date)),
      formatNumber: (value, options) => new Intl.NumberFormat(intl, options).format(value),
    };
  }, [locale, messages]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n must be used inside <I18nProvider>");
  return value;
}

export function useT(): T {
  return useI18n().t;
}

/** The lang and dir attributes for text in `lang` (course content) when the page is in another language. */
export function useForeign(lang: Locale) {
  return foreignLang(lang, useI18n().locale);
}
