import { CsvError, parse } from "csv-parse/sync";

/**
 * Reading an import file: UTF-8 (a byte-order mark, as Excel writes, is
 * dropped), comma-, semicolon- or tab-separated (Excel in a French locale
 * writes semicolons; the separator is read from the header line), quoted
 * fields with separators, quotes and line breaks inside them. Row numbers
 * are the spreadsheet's: the header is row 1, and a record spanning several
 * lines is still one row.
 */
export type CsvRow = { row: number; cells: string[] };
export type ParsedCsv = { headers: string[]; rows: CsvRow[]; delimiter: string };
export type CsvProblem = { code: "notUtf8" | "empty" | "csvSyntax" | "tooManyRows"; params?: Record<string, number> };

export const MAX_ROWS = 20_000;

/** The separator used most often on the header line, outside quotes (a comma when none is). */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && char in counts) counts[char]++;
  }
  return Object.entries(counts).reduce((best, entry) => (entry[1] > best[1] ? entry : best), [",", 0])[0];
}

export function parseCsv(bytes: Uint8Array, maxRows = MAX_ROWS): { ok: true; csv: ParsedCsv } | { ok: false; problem: CsvProblem } {
  let text: string;
  try {
    // fatal: a file saved in another encoding (Windows-1252…) is refused rather than read with broken letters.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: { code: "notUtf8" } };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return { ok: false, problem: { code: "csvSyntax", params: { line: Number(error.lines ?? 0) } } };
  }
  const blank = (cells: string[]) => cells.every((c) => c.trim() === "");
  const headerIndex = records.findIndex((cells) => !blank(cells));
  if (headerIndex < 0) return { ok: false, problem: { code: "empty" } };
  const rows: CsvRow[] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    if (!blank(records[i])) rows.push({ row: i + 1, cells: records[i] });
  }
  if (rows.length === 0) return { ok: false, problem: { code: "empty" } };
  if (rows.length > maxRows) return { ok: false, problem: { code: "tooManyRows", params: { max: maxRows } } };
  return { ok: true, csv: { headers: records[headerIndex].map((h) => h.trim()), rows, delimiter } };
}
