/**
 * Comparing what a learner typed with what the author accepted. Learners type
 * on phones, in French, Arabic and English, with or without accents, harakat
 * or the "right" alef, so an answer must not fail on spelling variants that a
 * human marker would not notice.
 */

const ARABIC_LETTER_VARIANTS: Record<string, string> = {
  "\u0671": "\u0627", // ٱ alef wasla → ا (أ إ آ lose their hamza/madda as combining marks below)
  "\u0649": "\u064A", // ى alef maqsura → ي
  "\u0629": "\u0647", // ة taa marbuta → ه
};

const LATIN_LIGATURES: Record<string, string> = { œ: "oe", æ: "ae", ß: "ss" };

/**
 * NFKD splits accented letters and hamza/madda forms (أ = ا + ٔ) and folds
 * Arabic presentation forms; dropping every combining mark then removes Latin
 * accents and Arabic tashkeel alike.
 */
export function normalizeText(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/\u0640/g, "") // tatweel, used only to stretch words
    .toLowerCase()
    .replace(/[\u0671\u0649\u0629]/g, (c) => ARABIC_LETTER_VARIANTS[c])
    .replace(/[œæß]/g, (c) => LATIN_LIGATURES[c])
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\p{P}\p{S}\p{Z}\s]+/gu, " ")
    .trim();
}

/** Key used to compare short answers: spaces and punctuation do not count at all. */
export function comparisonKey(value: string): string {
  return normalizeText(value).replace(/ /g, "");
}

/**
 * Reads a number as people write it: "3,5" and "3.5", "1 000" and "1.000,5",
 * Arabic-Indic digits (٣٫٥), a leading minus in any of its forms.
 * Returns null for anything else (a unit, two numbers, letters): a learner's
 * "about 3" is not silently read as 3.
 */
export function parseLocaleNumber(raw: unknown): number | null {
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : null;
  if (typeof raw !== "string") return null;
  let s = raw
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\u066B/g, ",") // Arabic decimal separator
    .replace(/[\u066C\s\u00A0\u202F\u2009']/g, "") // Arabic thousands separator, spaces, apostrophes
    .replace(/^[\u2212\u2012\u2013\u2014]/, "-")
    .replace(/^\+/, "");
  if (!/^-?[\d.,]+$/.test(s) || !/\d/.test(s)) return null;

  const negative = s.startsWith("-");
  if (negative) s = s.slice(1);
  const lastComma = s.lastIndexOf(",");
  const lastDot = s.lastIndexOf(".");
  const commas = s.split(",").length - 1;
  const dots = s.split(".").length - 1;
  let decimalSeparator: "," | "." | null = null;
  if (commas && dots) decimalSeparator = lastComma > lastDot ? "," : ".";
  else if (commas === 1) decimalSeparator = ",";
  else if (dots === 1) decimalSeparator = ".";

  let digits: string;
  if (decimalSeparator) {
    const thousands = decimalSeparator === "," ? "." : ",";
    const at = s.lastIndexOf(decimalSeparator);
    const integer = s.slice(0, at);
    if (integer.includes(decimalSeparator)) return null;
    digits = `${integer.split(thousands).join("")}.${s.slice(at + 1)}`;
  } else {
    // Several identical separators can only be thousands separators: 1.000.000
    digits = s.replace(/[.,]/g, "");
  }
  if (!/^\d*\.?\d+$/.test(digits) && !/^\d+\.?$/.test(digits)) return null;
  const value = Number(digits);
  if (!Number.isFinite(value)) return null;
  return negative ? -value : value;
}
