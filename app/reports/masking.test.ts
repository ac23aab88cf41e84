import { describe, expect, it } from "vitest";
import { suppressBreakdown, suppressCrossTable } from "./masking";

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe("suppressing small counts", () => {
  it("hides counts under the threshold but not zeros", () => {
    expect(suppressBreakdown([12, 4, 0, 9, 3], 28, 5)).toEqual({ parts: [false, true, false, false, true], total: false });
  });

  it("hides a second count where one alone could be worked out from the total", () => {
    // 30 − 12 − 9 − 6 = 3: the 3 is recoverable unless another count is hidden with it.
    expect(suppressBreakdown([12, 3, 9, 6], 30, 5)).toEqual({ parts: [false, true, false, true], total: false });
  });

  it("hides the total when only zeros could hide with the one small count", () => {
    expect(suppressBreakdown([0, 3, 0], 7, 5)).toEqual({ parts: [false, true, false], total: true });
  });

  it("shows everything when the threshold is 0 (masking off)", () => {
    expect(suppressBreakdown([1, 2], 3, 0)).toEqual({ parts: [false, false], total: false });
  });

  it("leaves no line of a cross-table with exactly one hidden count under a shown total", () => {
    const next = random(7);
    for (let round = 0; round < 300; round++) {
      const rows = 1 + Math.floor(next() * 6);
      const columns = 1 + Math.floor(next() * 5);
      const cells = Array.from({ length: rows }, () => Array.from({ length: columns }, () => (next() < 0.3 ? 0 : Math.floor(next() * 14))));
      const rowTotals = cells.map((row) => row.reduce((a, b) => a + b, 0));
      const columnTotals = cells[0].map((_, j) => cells.reduce((a, row) => a + row[j], 0));
      const total = rowTotals.reduce((a, b) => a + b, 0);
      const hidden = suppressCrossTable(cells, rowTotals, columnTotals, total, 5);

      const lines: { total: boolean; parts: { value: number; hidden: boolean }[] }[] = [
        ...cells.map((row, i) => ({ total: hidden.rowTotals[i], parts: row.map((value, j) => ({ value, hidden: hidden.cells[i][j] })) })),
        ...columnTotals.map((_, j) => ({ total: hidden.columnTotals[j], parts: cells.map((row, i) => ({ value: row[j], hidden: hidden.cells[i][j] })) })),
        { total: hidden.total, parts: rowTotals.map((value, i) => ({ value, hidden: hidden.rowTotals[i] })) },
        { total: hidden.total, parts: columnTotals.map((value, j) => ({ value, hidden: hidden.columnTotals[j] })) },
      ];
      for (const line of lines) {
        const hiddenParts = line.parts.filter((p) => p.hidden).length;
        if (!line.total) expect(hiddenParts).not.toBe(1);
        else if (line.parts.some((p) => p.value > 0)) expect(hiddenParts).toBeGreaterThan(0);
      }
      // Every small count is hidden.
      cells.flat().forEach((value, k) => {
        if (value > 0 && value < 5) expect(hidden.cells[Math.floor(k / columns)][k % columns]).toBe(true);
      });
    }
  });
});
