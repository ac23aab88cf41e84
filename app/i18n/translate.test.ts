import { describe, expect, test } from "vitest";
import { localeFromAcceptLanguage, detectLocale, serverT } from "./detect.server";
import { translate } from "./translate";

describe("translate", () => {
  const messages = {
    "x.hello": "Bonjour {name}",
    "x.lessons_one": "{count} leçon",
    "x.lessons_other": "{count} leçons",
    "ar.lessons_two": "درسان",
    "ar.lessons_few": "{count} دروس",
    "ar.lessons_other": "{count} درس",
  };

  test("fills placeholders and leaves unknown ones visible", () => {
    expect(translate(messages, "fr", "x.hello", { name: "Amina" })).toBe("Bonjour Amina");
    expect(translate(messages, "fr", "x.hello")).toBe("Bonjour {name}");
  });

  test("picks the plural form of the language", () => {
    expect(translate(messages, "fr", "x.lessons", { count: 1 })).toBe("1 leçon");
    expect(translate(messages, "fr", "x.lessons", { count: 3 })).toBe("3 leçons");
    expect(translate(messages, "ar", "ar.lessons", { count: 2 })).toBe("درسان");
    expect(translate(messages, "ar", "ar.lessons", { count: 5 })).toBe("5 دروس");
    expect(translate(messages, "ar", "ar.lessons", { count: 11 })).toBe("11 درس");
  });

  test("numbers use Western digits in Arabic, as in Morocco", () => {
    expect(translate({ k: "{count} متعلم" }, "ar", "k", { count: 1200 })).toMatch(/^1[.,\u00a0\u202f]?200 متعلم$/);
  });

  test("returns the key when it is missing, so it shows up in tests", () => {
    expect(translate(messages, "fr", "x.nope")).toBe("x.nope");
  });
});

describe("locale detection", () => {
  const req = (headers: Record<string, string>) => new Request("http://localhost/", { headers });

  test("Accept-Language honours q-values and regional tags", () => {
    expect(localeFromAcceptLanguage("de-DE,ar-MA;q=0.8,fr;q=0.5")).toBe("ar");
    expect(localeFromAcceptLanguage("en-GB;q=0.2, fr-FR;q=0.9")).toBe("fr");
    expect(localeFromAcceptLanguage("de, es")).toBeUndefined();
    expect(localeFromAcceptLanguage(null)).toBeUndefined();
  });

  test("the user's choice beats the cookie, which beats the header; French by default", () => {
    const request = req({ cookie: "lang=en", "accept-language": "ar" });
    expect(detectLocale(request, "ar")).toBe("ar");
    expect(detectLocale(request, null)).toBe("en");
    expect(detectLocale(req({ "accept-language": "ar" }))).toBe("ar");
    expect(detectLocale(req({ cookie: "lang=xx" }))).toBe("fr");
  });
});

describe("plurals in the real catalogs", () => {
  test("a quiz score says points the way each language counts them", () => {
    const score = (locale: "fr" | "ar" | "en", count: number) => serverT(locale)("quiz.result.score", { score: "0", count, percent: "0" });
    expect(score("ar", 10)).toBe("0 من 10 نقاط (0٪)");
    expect(score("ar", 2)).toBe("0 من نقطتين (0٪)");
    expect(score("ar", 12)).toBe("0 من 12 نقطة (0٪)");
    expect(score("fr", 1)).toBe("0 sur 1 point (0 %)");
    expect(score("en", 10)).toBe("0 of 10 points (0%)");
  });
});
