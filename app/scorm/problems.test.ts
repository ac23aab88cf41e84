import { describe, expect, test } from "vitest";
import { catalogs } from "~/i18n/catalog";
import { LOCALES } from "~/i18n/locales";
import { translate } from "~/i18n/translate";
import { problemMessageKey, SCORM_PROBLEMS, type ScormProblemCode } from "./problems";

const codes = Object.keys(SCORM_PROBLEMS) as ScormProblemCode[];

describe("every refusal has its message", () => {
  test.each(LOCALES)("%s: one message per code, with exactly the code's placeholders", (locale) => {
    const wrong = codes.filter((code) => {
      const message = catalogs[locale][problemMessageKey(code)];
      if (message === undefined) return true;
      const placeholders = [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      return JSON.stringify(placeholders) !== JSON.stringify([...SCORM_PROBLEMS[code]].sort());
    });
    expect(wrong).toEqual([]);
  });

  test.each(LOCALES)("%s: no message is left over from a code that no longer exists", (locale) => {
    const keys = Object.keys(catalogs[locale]).filter((k) => k.startsWith("scorm.errors."));
    expect(keys.filter((k) => !codes.some((code) => problemMessageKey(code) === k))).toEqual([]);
  });

  test("a filled message names what is wrong", () => {
    expect(translate(catalogs.fr, "fr", problemMessageKey("launchMissing"), { file: "sco1/index.html" })).toBe(
      "Le fichier sco1/index.html, que le manifeste fait ouvrir, n'est pas dans le zip.",
    );
    expect(translate(catalogs.ar, "ar", problemMessageKey("tooLarge"), { megabytes: 500 })).toContain("500");
  });
});
