import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { catalogs } from "./catalog";
import { LOCALES } from "./locales";

const PLURAL = /_(zero|one|two|few|many|other)$/;

function baseKeys(locale: (typeof LOCALES)[number]) {
  return new Set(Object.keys(catalogs[locale]).map((k) => k.replace(PLURAL, "")));
}

function placeholders(text: string) {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

describe("message catalogs", () => {
  test.each(LOCALES)("%s: every namespace file on disk is in the catalog", (locale) => {
    const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "locales", locale);
    const onDisk = fs.readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => f.replace(/\.json$/, "")).sort();
    const loaded = [...new Set(Object.keys(catalogs[locale]).map((k) => k.split(".")[0]))].sort();
    expect(loaded).toEqual(onDisk);
  });

  test("every language has messages", () => {
    for (const locale of LOCALES) expect(Object.keys(catalogs[locale]).length).toBeGreaterThan(20);
  });

  test.each(LOCALES.filter((l) => l !== "fr"))("%s has exactly the keys French has", (locale) => {
    const reference = baseKeys("fr");
    const other = baseKeys(locale);
    const missing = [...reference].filter((k) => !other.has(k)).sort();
    const extra = [...other].filter((k) => !reference.has(k)).sort();
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  test.each(LOCALES)("%s: plural keys always have an _other form", (locale) => {
    const keys = Object.keys(catalogs[locale]);
    const plurals = new Set(keys.filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, "")));
    const withoutOther = [...plurals].filter((base) => !(`${base}_other` in catalogs[locale]));
    expect(withoutOther).toEqual([]);
  });

  test.each(LOCALES)("%s: no empty message", (locale) => {
    const empty = Object.entries(catalogs[locale]).filter(([, v]) => v.trim() === "").map(([k]) => k);
    expect(empty).toEqual([]);
  });

  test.each(LOCALES.filter((l) => l !== "fr"))("%s uses the same placeholders as French", (locale) => {
    const mismatched: string[] = [];
    for (const [key, fr] of Object.entries(catalogs.fr)) {
      const base = key.replace(PLURAL, "");
      const candidates = Object.keys(catalogs[locale]).filter((k) => k === key || k.replace(PLURAL, "") === base);
      const expected = new Set(placeholders(fr));
      for (const k of candidates) {
        const got = placeholders(catalogs[locale][k]);
        // A plural form may leave out {count} (Arabic "one"/"two" forms name the number in words).
        if (got.some((p) => !expected.has(p)) || [...expected].some((p) => p !== "count" && !got.includes(p))) {
          mismatched.push(k);
        }
      }
    }
    expect(mismatched).toEqual([]);
  });

  test("Arabic messages that count something are plural keys", () => {
    // A number next to a counted noun needs the plural forms: 3–10 take نقاط, 11–99 نقطةً… ("0 من 10 نقطة" was wrong).
    const nouns = "نقطة|نقاط|دقيقة|دقائق|محاولة|محاولات|سؤال|أسئلة|درس|دروس|ساعة|ساعات|مرة|مرات|يوم|أيام|شخص|أشخاص|شهادة|شهادات|كلمة|كلمات";
    const counted = new RegExp(`\\{\\w+\\}\\s+(${nouns})`);
    const singular = Object.entries(catalogs.ar)
      .filter(([key, text]) => !PLURAL.test(key) && counted.test(text))
      .map(([key]) => key);
    expect(singular).toEqual([]);
  });

  test("Arabic messages are written in Arabic script", () => {
    const latinOnly = Object.entries(catalogs.ar)
      // Placeholders are not words: "{label}: {value}" has nothing to translate.
      .filter(([, v]) => /[A-Za-z]{4,}/.test(v.replace(/\{\w+\}/g, "")) && !/[\u0600-\u06FF]/.test(v))
      .map(([k]) => k)
      // Proper nouns and codes that stay in Latin script.
      .filter((k) => !["common.appName"].includes(k));
    expect(latinOnly).toEqual([]);
  });
});
