import { describe, expect, test } from "vitest";
import { dateTimeFormat, listFormat, numberFormat, pluralRules } from "./intl-formats";
import { LOCALES } from "./locales";
import { intlLocale, translate } from "./translate";

describe("kept Intl formatters", () => {
  test("one per locale and options, formatting exactly as a new one does", () => {
    const options = { maximumFractionDigits: 1 };
    expect(numberFormat("fr", options)).toBe(numberFormat("fr", { maximumFractionDigits: 1 }));
    expect(numberFormat("fr", options)).not.toBe(numberFormat("fr"));
    expect(numberFormat("fr")).not.toBe(numberFormat("ar-MA"));
    for (const locale of LOCALES.map(intlLocale)) {
      expect(numberFormat(locale, options).format(12345.67)).toBe(new Intl.NumberFormat(locale, options).format(12345.67));
      const date = new Date("2026-12-03T14:05:00Z");
      const dateOptions = { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" } as const;
      expect(dateTimeFormat(locale, dateOptions).format(date)).toBe(new Intl.DateTimeFormat(locale, dateOptions).format(date));
      const list = { style: "long", type: "conjunction" } as const;
      expect(listFormat(locale, list).format(["a", "b", "c"])).toBe(new Intl.ListFormat(locale, list).format(["a", "b", "c"]));
      expect(pluralRules(locale).select(2)).toBe(new Intl.PluralRules(locale).select(2));
    }
  });

  test("translate's kept small numbers and plural forms are what Intl says, in every locale", () => {
    const messages = { n: "{value}", c_zero: "zero {count}", c_one: "one {count}", c_two: "two {count}", c_few: "few {count}", c_many: "many {count}", c_other: "other {count}" };
    for (const locale of LOCALES) {
      const numbers = new Intl.NumberFormat(intlLocale(locale));
      const plurals = new Intl.PluralRules(locale);
      // Twice each: the second answer comes from what was kept.
      for (const round of [1, 2]) {
        for (const value of [0, 1, 2, 3, 11, 100, 999, 1000, 1200, 12.5, -0, -3]) {
          expect(translate(messages, locale, "n", { value }), `${locale} ${value} round ${round}`).toBe(numbers.format(value));
          expect(translate(messages, locale, "c", { count: value }), `${locale} count ${value}`).toBe(`${plurals.select(value)} ${numbers.format(value)}`);
        }
      }
    }
  });
});
