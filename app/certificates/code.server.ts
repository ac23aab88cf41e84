import { randomBytes } from "node:crypto";

/**
 * Verification codes: 20 characters of Crockford's base32 (no I, L, O or U, so
 * nothing reads as another letter), 5 random bits each = 100 bits, far past
 * guessing even without the rate limit on /verify. Stored without dashes,
 * shown as ABCD-EFGH-JKMN-PQRS-TVWX.
 */
export const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 20;
const GROUP = 4;

export function generateCertificateCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  let code = "";
  // 256 is a multiple of 32, so taking 5 bits of each byte keeps every character equally likely.
  for (const byte of bytes) code += CODE_ALPHABET[byte & 31];
  return code;
}

export function formatCertificateCode(code: string): string {
  const canonical = normalizeCertificateCode(code) ?? code;
  return canonical.match(new RegExp(`.{1,${GROUP}}`, "g"))?.join("-") ?? canonical;
}

const LOOKALIKES: Record<string, string> = { O: "0", I: "1", L: "1" };

function westernDigit(ch: string): string {
  const cp = ch.codePointAt(0)!;
  // Arabic keyboards type ٠١٢… (U+0660) or ۰۱۲… (U+06F0) for digits.
  if (cp >= 0x0660 && cp <= 0x0669) return String(cp - 0x0660);
  if (cp >= 0x06f0 && cp <= 0x06f9) return String(cp - 0x06f0);
  return ch;
}

/**
 * The stored form of a code as someone typed or pasted it: any case, with or
 * without dashes and spaces, full-width or Arabic-Indic digits, O for 0 and
 * I or L for 1. Null when it cannot be a code, so callers skip the lookup.
 */
export function normalizeCertificateCode(input: string): string | null {
  const cleaned = Array.from(input.normalize("NFKC").toUpperCase(), westernDigit)
    .join("")
    .replace(/[\s\-_.‐-―−]/g, "");
  const mapped = Array.from(cleaned, (ch) => LOOKALIKES[ch] ?? ch).join("");
  if (mapped.length !== CODE_LENGTH) return null;
  for (const ch of mapped) if (!CODE_ALPHABET.includes(ch)) return null;
  return mapped;
}
