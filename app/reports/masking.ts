/**
 * Small-cell suppression for anything shared outside: a count under the
 * threshold (but not zero) is hidden (primary suppression), and then, so that
 * a shown total minus the shown cells cannot give a hidden one back, every
 * line (a breakdown with its total, a row or a column of a cross-table with
 * its margin) that would hide exactly one of its parts hides one more — the
 * smallest — until no line does (secondary suppression). A hidden total
 * likewise never sits over parts that are all shown.
 *
 * Values are flat; a line names the index of its total and of its parts.
 */

export type Line = { total: number; parts: number[] };

export function suppressedCells(values: readonly number[], lines: readonly Line[], threshold: number): boolean[] {
  const hidden = values.map((v) => v > 0 && v < threshold);
  const smallestShown = (indexes: number[]) =>
    indexes.filter((i) => !hidden[i] && values[i] > 0).sort((a, b) => values[a] - values[b] || a - b)[0];

  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      const hiddenParts = line.parts.filter((i) => hidden[i]).length;
      const lonely = !hidden[line.total] ? hiddenParts === 1 : hiddenParts === 0 && line.parts.some((i) => values[i] > 0);
      if (!lonely) continue;
      const next = smallestShown(line.parts);
      // Nothing else to hide in the line (the others are zeros): hide its total instead.
      const target = next ?? line.total;
      if (hidden[target]) continue;
      hidden[target] = true;
      changed = true;
    }
  }
  return hidden;
}

/** One breakdown and its total: values [...parts, total]. */
export function suppressBreakdown(parts: readonly number[], total: number, threshold: number): { parts: boolean[]; total: boolean } {
  const values = [...parts, total];
  const hidden = suppressedCells(values, [{ total: parts.length, parts: parts.map((_, i) => i) }], threshold);
  return { parts: hidden.slice(0, parts.length), total: hidden[parts.length] };
}

/** A cross-table with its row totals, column totals and grand total. */
export function suppressCrossTable(
  cells: readonly (readonly number[])[],
  rowTotals: readonly number[],
  columnTotals: readonly number[],
  total: number,
  threshold: number,
): { cells: boolean[][]; rowTotals: boolean[]; columnTotals: boolean[]; total: boolean } {
  const rows = rowTotals.length;
  const columns = columnTotals.length;
  const cell = (i: number, j: number) => i * columns + j;
  const rowTotal = (i: number) => rows * columns + i;
  const columnTotal = (j: number) => rows * columns + rows + j;
  const grand = rows * columns + rows + columns;
  const values = [...cells.flat(), ...rowTotals, ...columnTotals, total];
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const lines: Line[] = [
    ...range(rows).map((i) => ({ total: rowTotal(i), parts: range(columns).map((j) => cell(i, j)) })),
    ...range(columns).map((j) => ({ total: columnTotal(j), parts: range(rows).map((i) => cell(i, j)) })),
    { total: grand, parts: range(rows).map(rowTotal) },
    { total: grand, parts: range(columns).map(columnTotal) },
  ];
  const hidden = suppressedCells(values, lines, threshold);
  return {
    cells: range(rows).map((i) => range(columns).map((j) => hidden[cell(i, j)])),
    rowTotals: range(rows).map((i) => hidden[rowTotal(i)]),
    columnTotals: range(columns).map((j) => hidden[columnTotal(j)]),
    total: hidden[grand],
  };
}
