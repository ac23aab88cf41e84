/**
 * SCORM's two ways of writing a length of time: SCORM 1.2's CMITimespan
 * (HHHH:MM:SS.SS) and SCORM 2004's ISO 8601 duration (P1DT2H3M4.5S). Read
 * into seconds, to add sessions up into total_time, and written back.
 */

const TIMESPAN_12 = /^(\d{2,4}):([0-5]\d):([0-5]\d)(\.\d{1,2})?$/;

/** Seconds, or null when the text is not a SCORM 1.2 CMITimespan. */
export function parseTimespan12(text: string): number | null {
  const m = TIMESPAN_12.exec(text);
  if (!m) return null;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) + (m[4] ? Number(m[4]) : 0);
}

// The designators in their only allowed order; at least one number, and a T only when a time part follows.
const DURATION_2004 = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,2})?)S)?)?$/;

/**
 * Seconds, or null when the text is not a SCORM 2004 timeinterval. Years and
 * months have no fixed length: they count as 365 and 30 days, as ADL's own
 * sample runtime counts them.
 */
export function parseDuration2004(text: string): number | null {
  const m = DURATION_2004.exec(text);
  if (!m || text === "P" || text.endsWith("T")) return null;
  const [years, months, days, hours, minutes, seconds] = m.slice(1).map((part) => (part ? Number(part) : 0));
  return ((years * 365 + months * 30 + days) * 24 + hours) * 3600 + minutes * 60 + seconds;
}

function round2(seconds: number): number {
  return Math.round(seconds * 100) / 100;
}

/** "0012:03:04.5" style, hours on at least two and at most four digits (longer totals stop at 9999 hours). */
export function formatTimespan12(totalSeconds: number): string {
  const s = Math.min(round2(Math.max(0, totalSeconds)), 9999 * 3600 + 59 * 60 + 59.99);
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = round2(s - hours * 3600 - minutes * 60);
  const [whole, fraction] = seconds.toFixed(2).split(".");
  const secondsText = `${whole.padStart(2, "0")}${fraction === "00" ? "" : `.${fraction.replace(/0$/, "")}`}`;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}:${secondsText}`;
}

/** "PT1H2M3.5S" style (hours, not days, so the value reads the same however days are counted). */
export function formatDuration2004(totalSeconds: number): string {
  const s = round2(Math.max(0, totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = round2(s - hours * 3600 - minutes * 60);
  return `PT${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${seconds || (!hours && !minutes) ? `${seconds}S` : ""}`;
}
