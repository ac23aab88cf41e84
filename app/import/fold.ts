/**
 * How a header or a value from a spreadsheet is compared with the words we
 * know: case, accents and Arabic spelling variants (hamza forms of alif, tā'
 * marbūṭa, alif maqṣūra, tatweel, short vowels) do not matter, nor does
 * punctuation between words. "Tranche d'âge", "tranche_d_age" and
 * "TRANCHE D AGE" are the same header; "امرأة" and "امراة" the same value.
 * Arabic-Indic digits are read as digits.
 */
export function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\u0640/g, "")
    .replace(/[\u0671]/g, "\u0627")
    .replace(/\u0629/g, "\u0647")
    .replace(/\u0649/g, "\u064A")
    .replace(/[^\p{L}\p{N}+<]+/gu, " ")
    .trim();
}

/** A lookup from folded words to codes; the same word for two codes is a programming error, caught at load. */
export function vocabulary<Code extends string>(words: Record<Code, readonly string[]>): Map<string, Code> {
  const map = new Map<string, Code>();
  for (const [code, list] of Object.entries(words) as [Code, readonly string[]][]) {
    for (const word of [code, ...list]) {
      const key = fold(word);
      const known = map.get(key);
      if (known && known !== code) throw new Error(`"${word}" means both ${known} and ${code}`);
      map.set(key, code);
    }
  }
  return map;
}
