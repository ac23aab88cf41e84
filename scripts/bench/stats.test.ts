import { expect, test } from "vitest";
import { median, percentile, summarize } from "./stats";

test("percentiles are nearest-rank: always a measured value", () => {
  const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted on purpose
  expect(percentile(values, 50)).toBe(50);
  expect(percentile(values, 95)).toBe(95);
  expect(percentile(values, 99)).toBe(99);
  expect(percentile(values, 100)).toBe(100);
  expect(percentile(values, 0)).toBe(1);
  expect(percentile([3, 1, 2], 95)).toBe(3);
  expect(percentile([7], 50)).toBe(7);
  expect(percentile([10, 20, 30, 40], 50)).toBe(20);
});

test("empty lists give NaN, and a p outside 0–100 is refused", () => {
  expect(percentile([], 50)).toBeNaN();
  expect(median([])).toBeNaN();
  expect(() => percentile([1], 101)).toThrow(RangeError);
  expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
});

test("the median of an even count is the mean of the middle two", () => {
  expect(median([4, 1, 3, 2])).toBe(2.5);
  expect(median([5, 1, 3])).toBe(3);
});

test("summarize gives count, p50, p95, p99 and max without changing its input", () => {
  const values = [5, 1, 4, 2, 3];
  expect(summarize(values)).toEqual({ count: 5, p50: 3, p95: 5, p99: 5, max: 5 });
  expect(values).toEqual([5, 1, 4, 2, 3]);
});
