import { describe, expect, test } from "vitest";
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  formatCertificateCode,
  generateCertificateCode,
  normalizeCertificateCode,
} from "./code.server";

describe("generateCertificateCode", () => {
  test("is 20 characters of Crockford base32, at least 80 bits", () => {
    expect(CODE_ALPHABET).toHaveLength(32);
    expect(new Set(CODE_ALPHABET).size).toBe(32);
    expect(CODE_ALPHABET).not.toMatch(/[ILOU]/);
    expect(CODE_LENGTH * Math.log2(CODE_ALPHABET.length)).toBeGreaterThanOrEqual(80);
    for (let i = 0; i < 200; i++) expect(generateCertificateCode()).toMatch(/^[0-9A-HJKMNP-TV-Z]{20}$/);
  });

  test("never repeats over many codes", () => {
    const codes = new Set(Array.from({ length: 20_000 }, generateCertificateCode));
    expect(codes.size).toBe(20_000);
  });

  test("uses every character equally often, at every position", () => {
    const samples = 4_000;
    const counts = Array.from({ length: CODE_LENGTH }, () => new Map<string, number>());
    for (let i = 0; i < samples; i++) {
      [...generateCertificateCode()].forEach((ch, pos) => counts[pos].set(ch, (counts[pos].get(ch) ?? 0) + 1));
    }
    const expected = samples / 32;
    for (const position of counts) {
      expect(position.size).toBe(32);
      // Chi-square, 31 degrees of freedom: a fair generator passes 80 with p > 0.99999
      // (so 20 positions never flake), while a skewed one lands in the hundreds.
      const chi2 = [...position.values()].reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
      expect(chi2).toBeLessThan(80);
    }
  });
});

describe("formatCertificateCode", () => {
  test("groups by four with dashes, from the stored or a typed form", () => {
    expect(formatCertificateCode("ABCDEFGHJKMNPQRSTVWX")).toBe("ABCD-EFGH-JKMN-PQRS-TVWX");
    expect(formatCertificateCode("abcd efgh jkmn pqrs tvwx")).toBe("ABCD-EFGH-JKMN-PQRS-TVWX");
  });
});

describe("normalizeCertificateCode", () => {
  const stored = "0123456789ABCDEFGHJK";

  test.each([
    ["0123-4567-89AB-CDEF-GHJK", "the shown form"],
    ["0123456789abcdefghjk", "lower case"],
    ["  0123 4567 89ab cdef ghjk ", "spaces"],
    ["0123_4567.89AB–CDEF—GHJK", "other separators"],
    ["O123-4567-89AB-CDEF-GHJK", "letter O for zero"],
    ["0I23-4567-89AB-CDEF-GHJK", "letter I for one"],
    ["0l23-4567-89AB-CDEF-GHJK", "letter l for one"],
    ["٠١٢٣-٤٥٦٧-٨٩AB-CDEF-GHJK", "Arabic-Indic digits"],
    ["۰۱۲۳-۴۵۶۷-۸۹AB-CDEF-GHJK", "Persian digits"],
    ["０１２３-４５６７-８９ＡＢ-ＣＤＥＦ-ＧＨＪＫ", "full-width characters"],
  ])("accepts %s (%s)", (typed) => {
    expect(normalizeCertificateCode(typed)).toBe(stored);
  });

  test.each([
    ["", "empty"],
    ["0123-4567-89AB-CDEF-GHJ", "too short"],
    ["0123-4567-89AB-CDEF-GHJKM", "too long"],
    ["0123-4567-89AB-CDEF-GHJU", "U is not in the alphabet"],
    ["0123-4567-89AB-CDEF-GH!K", "punctuation"],
    ["' OR 1=1 --", "an injection attempt"],
  ])("rejects %s (%s)", (typed) => {
    expect(normalizeCertificateCode(typed)).toBeNull();
  });

  test("round-trips every generated code through its shown form", () => {
    for (let i = 0; i < 500; i++) {
      const code = generateCertificateCode();
      expect(normalizeCertificateCode(formatCertificateCode(code))).toBe(code);
      expect(normalizeCertificateCode(formatCertificateCode(code).toLowerCase())).toBe(code);
    }
  });
});
