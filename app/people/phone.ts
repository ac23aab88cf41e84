/**
 * Phone numbers as people write them on attendance sheets and spreadsheets
 * ("06 12 34 56 78", "+212 6-12-34-56-78", "00212612345678", "٠٦١٢٣٤٥٦٧٨"),
 * normalised to E.164 so the same number matches the same person. A national
 * number (leading 0) is read in the default country (Morocco, +212).
 * Returns null for anything that is not a plausible number.
 */
const COUNTRY_CODES: Record<string, string> = { MA: "212" };

export function normalizePhone(raw: string | null | undefined, defaultCountry: keyof typeof COUNTRY_CODES = "MA"): string | null {
  if (!raw) return null;
  const digitsOnly = raw
    .trim()
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
  if (!/^\(?\+?[\d\s().\-/]+$/.test(digitsOnly)) return null;
  let digits = digitsOnly.replace(/\D/g, "");
  if (/^\(?\+/.test(digitsOnly)) {
    // already international
  } else if (digits.startsWith("00")) {
    digits = digits.slice(2);
  } else if (digits.startsWith("0")) {
    digits = COUNTRY_CODES[defaultCountry] + digits.slice(1);
  } else {
    return null;
  }
  // E.164: at most 15 digits; a country code and a subscriber number make at least 8.
  if (digits.length < 8 || digits.length > 15 || digits.startsWith("0")) return null;
  // Moroccan numbers have 9 digits after +212.
  if (digits.startsWith("212") && digits.length !== 12) return null;
  return `+${digits}`;
}
