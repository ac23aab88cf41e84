import { createContext, Fragment, useContext, useMemo, type ReactNode } from "react";
import type { Messages } from "./catalog";
import { directionOf, foreignLang, type Locale } from "./locales";
import { dateTimeFormat, listFormat, numberFormat } from "./intl-formats";
import { intlLocale, makeT, type T } from "./translate";

type I18n = {
  locale: Locale;
  messages: Messages;
  dir: "rtl" | "ltr";
  t: T;
  /**
   * Like t, with some placeholders filled by elements: user text placed in a
   * sentence goes in <bdi>, so a name in Arabic inside a French sentence (or
   * the reverse) cannot reorder the words around it.
   */
  tx: (key: string, params: Record<string, ReactNode>) => ReactNode;
  formatDate: (date: Date | string, options?: Intl.DateTimeFormatOptions) => string;
  formatNumber: (value: number, options?: Intl.NumberFormatOptions) => string;
  /** "French, Arabic and English" / "الفرنسية والعربية والإنجليزية": each language's own list words and commas. */
  formatList: (items: readonly string[]) => string;
};

const I18nContext = createContext<I18n | null>(null);

const LONG_DATE: Intl.DateTimeFormatOptions = { dateStyle: "long" };
const LIST: Intl.ListFormatOptions = { style: "long", type: "conjunction" };

export function I18nProvider({ locale, messages, children }: { locale: Locale; messages: Messages; children: ReactNode }) {
  const value = useMemo<I18n>(() => {
    const intl = intlLocale(locale);
    return {
      locale,
      messages,
      dir: directionOf(locale),
      t: makeT(messages, locale),
      tx: (key, params) => richText(makeT(messages, locale), key, params),
      // Formatters are kept per locale and options (./intl-formats): building one costs more than using it.
      formatDate: (date, options = LONG_DATE) => dateTimeFormat(intl, { timeZone: "UTC", ...options }).format(new Date(date)),
      formatNumber: (value, options) => numberFormat(intl, options).format(value),
      formatList: (items) => listFormat(intl, LIST).format(items),
    };
  }, [locale, messages]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/**
 * More messages for part of a page: a lesson's islands (quiz, assignment…)
 * bring their kinds' namespaces in the lesson loader's data, sent only to
 * lessons that contain them (docs/decisions/028). The outer catalogue is the
 * prototype of the merged one rather than copied into it: a lookup reads
 * through, and a page no longer copies a thousand messages to add a few.
 */
export function WithMessages({ messages, children }: { messages: Messages; children: ReactNode }) {
  const outer = useI18n();
  const merged = useMemo(
    () => Object.assign(Object.create(outer.messages) as Messages, messages),
    [outer.messages, messages],
  );
  return (
    <I18nProvider locale={outer.locale} messages={merged}>
      {children}
    </I18nProvider>
  );
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

const MARK = "\u0000";

function richText(t: T, key: string, params: Record<string, ReactNode>): ReactNode {
  const plain: Record<string, string | number> = {};
  const nodes = new Map<string, ReactNode>();
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === "string" || typeof value === "number") plain[name] = value;
    else {
      plain[name] = `${MARK}${name}${MARK}`;
      nodes.set(name, value);
    }
  }
  const parts = t(key, plain).split(MARK);
  // Odd parts are the names of the rich parameters, even parts the text between them.
  return parts.map((part, i) => <Fragment key={i}>{i % 2 === 1 ? (nodes.get(part) ?? part) : part}</Fragment>);
}
