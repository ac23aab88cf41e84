/**
 * Words as a word processor counts them: runs of text between spaces that
 * hold at least one letter or digit ("l'angle" is one word, a lone dash is
 * none). The same function counts in the browser, live under the text box,
 * and on the server, which enforces the limits: both always agree.
 */
export function countWords(text: string): number {
  let count = 0;
  for (const run of text.split(/\s+/u)) if (/[\p{L}\p{N}]/u.test(run)) count++;
  return count;
}

export type WordLimits = { min: number | null; max: number | null };

/** The catalog key of the limit a number of words breaks, or null. */
export function wordCountError(count: number, limits: WordLimits | null): string | null {
  if (!limits) return null;
  if (limits.min !== null && count < limits.min) return "assignment.errors.tooFewWords";
  if (limits.max !== null && count > limits.max) return "assignment.errors.tooManyWords";
  return null;
}

/** The same for a text; an empty one breaks none (whether text is required is checked on its own). */
export function wordLimitError(text: string, limits: WordLimits | null): string | null {
  return text.trim() ? wordCountError(countWords(text), limits) : null;
}
