/**
 * Percentiles for the benchmarks. Nearest rank (the smallest value with at
 * least p % of the values at or below it): every figure printed is a time
 * that was really measured, never an interpolation between two.
 */
export function percentile(values: readonly number[], p: number, { sorted = false } = {}): number {
  if (values.length === 0) return Number.NaN;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile: p must be within 0–100, not ${p}`);
  const ordered = sorted ? values : [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * ordered.length));
  return ordered[rank - 1];
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export type Summary = { count: number; p50: number; p95: number; p99: number; max: number };

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50, { sorted: true }),
    p95: percentile(sorted, 95, { sorted: true }),
    p99: percentile(sorted, 99, { sorted: true }),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
  };
}
