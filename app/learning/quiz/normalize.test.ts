import { describe, expect, it } from "vitest";
import { comparisonKey, normalizeText, parseLocaleNumber } from "./normalize";

describe("normalizeText", () => {
  it("ignores case and Latin accents", () => {
    expect(normalizeText("Travail FORCÉ")).toBe("travail force");
    expect(comparisonKey("Œuvre à l'Été")).toBe(comparisonKey("oeuvre a l ete"));
  });

  it("drops Arabic tashkeel and tatweel", () => {
    expect(normalizeText("الإتِّجَارُ")).toBe(normalizeText("الاتجار"));
    expect(normalizeText("الاتـــجار")).toBe("الاتجار");
  });

  it("folds alef variants, alef maqsura and taa marbuta", () => {
    for (const alef of ["أ", "إ", "آ", "ٱ"]) expect(normalizeText(`${alef}من`)).toBe("امن");
    expect(normalizeText("مستشفى")).toBe(normalizeText("مستشفي"));
    expect(normalizeText("حماية")).toBe(normalizeText("حمايه"));
    expect(comparisonKey("الحِمَايَةُ القَانُونِيَّةُ")).toBe(comparisonKey("الحمايه القانونيه"));
  });

  it("reads Arabic-Indic digits as digits and ignores punctuation and spaces when comparing", () => {
    expect(comparisonKey("قانون رقم ٢٧.١٤")).toBe(comparisonKey("قانون رقم 27-14"));
    expect(comparisonKey("  loi   27 – 14 ! ")).toBe("loi2714");
    expect(comparisonKey("؟،")).toBe("");
  });

  it("keeps different words different", () => {
    expect(comparisonKey("traite")).not.toBe(comparisonKey("trafic"));
    expect(comparisonKey("مهاجر")).not.toBe(comparisonKey("مهجر"));
  });
});

describe("parseLocaleNumber", () => {
  it.each([
    // English: a comma groups thousands, a dot is the decimal mark.
    ["en", "12,000", 12000],
    ["en", "1,335", 1335],
    ["en", "1,234,567.5", 1234567.5],
    ["en", "3.5", 3.5],
    ["en", "0.25", 0.25],
    ["en", ".5", 0.5],
    ["en", "1 000", 1000],
    ["en", "-2", -2],
    ["en", "−2.25", -2.25],
    ["en", "+4", 4],
    // …and where the English reading is impossible, the other one: "3,5" is not a grouping.
    ["en", "3,5", 3.5],
    ["en", "1.000,25", 1000.25],
    // French: a comma is the decimal mark; a dot or a space groups thousands.
    ["fr", "1.000", 1000],
    ["fr", "12.000", 12000],
    ["fr", "3,5", 3.5],
    ["fr", " 3,50 ", 3.5],
    ["fr", "1 000", 1000],
    ["fr", "1\u202f000,5", 1000.5],
    ["fr", "1\u00a0234", 1234],
    ["fr", "1.000.000", 1_000_000],
    ["fr", "1.000,25", 1000.25],
    ["fr", "12,000", 12],
    ["fr", "3.5", 3.5],
    ["fr", "1,000.25", 1000.25],
    // Arabic, as written in Morocco (Western digits) and with Arabic-Indic digits.
    ["ar", "1.000", 1000],
    ["ar", "3,5", 3.5],
    ["ar", "٣٫٥", 3.5],
    ["ar", "٣,٥", 3.5],
    ["ar", "١٬٠٠٠", 1000],
    ["ar", "١٠٠٠", 1000],
    ["ar", "۱۲", 12],
    ["ar", "12٫75", 12.75],
    ["en", "٣٫٥", 3.5],
    ["fr", 7.25, 7.25],
  ] as const)("reads %s %j as %d", (locale, raw, expected) => {
    expect(parseLocaleNumber(raw, locale)).toBe(expected);
  });

  it.each([
    "",
    "abc",
    "3 ans",
    "3,5,6.1,2",
    ",",
    "1-2",
    "1 5",
    "12 34",
    "1.00.0",
    "1,0000,000",
    null,
    NaN,
    {},
  ])("rejects %j in every language", (raw) => {
    for (const locale of ["fr", "ar", "en"] as const) expect(parseLocaleNumber(raw, locale)).toBeNull();
  });
});
