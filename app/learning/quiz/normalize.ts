import type { Locale } from "~/i18n/locales";

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
 * Reads a number the way people write it in the language of the attempt:
 * - in English a comma groups thousands and a dot is the decimal mark:
 *   "12,000" is twelve thousand, "1,335" one thousand three hundred and thirty-five;
 * - in French and Arabic a comma (or the Arabic ٫) is the decimal mark and a dot,
 *   a space or the Arabic ٬ groups thousands: "1.000" is a thousand, "3,5" three and a half.
 * Groups must be of three digits ("1.000.000", "1 000,5"). Where the language's
 * reading is impossible but the other is not ("3.5" in French, "1,5" in English),
 * the other is taken: a learner is not marked wrong for a well-formed number.
 * Arabic-Indic and Persian digits are read as digits, any kind of minus as minus.
 * Anything else (a unit, two numbers, letters) is null: "about 3" is not 3.
 */
export function parseLocaleNumber(raw: unknown, locale: Locale): number | null {
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : null;
  if (typeof raw !== "string") return null;
  const s = raw
    .trim()
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/^[\u2212\u2012\u2013\u2014-]/, "-")
    .replace(/^\+/, "")
    // Spaces of every width, apostrophes (Swiss style) and the Arabic thousands separator only ever group.
    .replace(/[\s\u00A0\u202F\u2009'\u2019\u066C]+/g, "_")
    // The Arabic decimal separator is only ever a decimal mark.
    .replace(/\u066B/g, "d");
  if (!/^-?[\d.,_d]+$/.test(s) || !/\d/.test(s)) return null;
  const [decimal, group] = locale === "en" ? [".", ","] : [",", "."];
  return readNumber(s, decimal, group) ?? readNumber(s, group, decimal);
}

/** `s` read with `decimal` as the decimal mark and `group` (or "_") between groups of three digits; null if it does not fit. */
function readNumber(s: string, decimal: string, group: string): number | null {
  const negative = s.startsWith("-");
  const body = (negative ? s.slice(1) : s).split(group).join("_").split(decimal).join("d");
  if (/[.,]/.test(body)) return null;
  const [integer, fraction, extra] = body.split("d");
  if (extra !== undefined) return null;
  if (fraction !== undefined && !/^\d*$/.test(fraction)) return null;
  if (integer.includes("_") ? !/^\d{1,3}(_\d{3})+$/.test(integer) : !/^\d*$/.test(integer)) return null;
  if (!integer && !fraction) return null;
  const value = Number(`${integer.replace(/_/g, "") || "0"}.${fraction || "0"}`);
  if (!Number.isFinite(value)) return null;
  return negative ? -value : value;
}
