import { z } from "zod";

/**
 * What people type is kept as typed, minus what no one types on purpose and
 * what can be used to disguise text: C0 and C1 control characters (NUL
 * included; tab and line breaks only where the field is multi-line), and
 * the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069)
 * that can make "gnp.exe" read "exe.png" or turn a sentence around it.
 * Joiners stay: ZWNJ and ZWJ (U+200C, U+200D) are part of correct Persian,
 * Urdu and some Arabic spelling, and LRM/RLM/ALM are ordinary bidi marks.
 * Text is also put in Unicode NFC, so the same word is stored one way.
 */
const CONTROLS_ONE_LINE = /[\p{Cc}\u202a-\u202e\u2066-\u2069\ufeff]/gu;
const CONTROLS_MULTILINE = /(?:(?![\t\n])\p{Cc}|[\u202a-\u202e\u2066-\u2069\ufeff])/gu;

export function cleanUserText(value: string, options: { multiline?: boolean } = {}): string {
  const normalized = value.normalize("NFC");
  if (!options.multiline) return normalized.replace(CONTROLS_ONE_LINE, "");
  return normalized.replace(/\r\n?/g, "\n").replace(CONTROLS_MULTILINE, "");
}

/** `schema`, applied to the cleaned text (so "\u0000" alone counts as empty). */
export function userText<T extends z.ZodTypeAny>(schema: T, options: { multiline?: boolean } = {}) {
  const cleaned = z.preprocess((value) => (typeof value === "string" ? cleanUserText(value, options) : value), schema);
  // preprocess types its input as unknown; the form field it validates is still the string of `schema`.
  return cleaned as unknown as z.ZodEffects<T, z.output<T>, z.input<T>>;
}
