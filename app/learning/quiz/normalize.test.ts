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
    ["3,5", 3.5],
    ["3.5", 3.5],
    [" 3,50 ", 3.5],
    ["-2", -2],
    ["−2,25", -2.25],
    ["+4", 4],
    ["1 000", 1000],
    ["1\u202f000,5", 1000.5],
    ["1.000.000", 1_000_000],
    ["1.000,25", 1000.25],
    ["1,000.25", 1000.25],
    ["٣٫٥", 3.5],
    ["٣,٥", 3.5],
    ["۱۲", 12],
    ["١٬٠٠٠", 1000],
    [".5", 0.5],
    ["7", 7],
    [7.25, 7.25],
  ])("reads %j as %d", (raw, expected) => {
    expect(parseLocaleNumber(raw)).toBe(expected);
  });

  it.each([["", null], ["abc", null], ["3 ans", null], ["3,5,6.1,2", null], [",", null], ["1-2", null], [null, null], [NaN, null], [{}, null]])(
    "rejects %j",
    (raw, expected) => {
      expect(parseLocaleNumber(raw)).toBe(expected);
    },
  );
});
