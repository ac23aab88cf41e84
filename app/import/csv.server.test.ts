import { describe, expect, test } from "vitest";
import { detectDelimiter, parseCsv } from "./csv.server";

/** Reading import files as spreadsheets write them. */

const bytes = (text: string) => new TextEncoder().encode(text);

function rowsOf(text: string | Uint8Array) {
  const parsed = parseCsv(typeof text === "string" ? bytes(text) : text);
  if (!parsed.ok) throw new Error(`refused: ${parsed.problem.code}`);
  return parsed.csv;
}

describe("reading a CSV file", () => {
  test("drops Excel's byte-order mark, so the first header is read as written", () => {
    const csv = rowsOf("\uFEFFname,email\r\nSalma,salma@example.org\r\n");
    expect(csv.headers).toEqual(["name", "email"]);
    expect(csv.rows).toEqual([{ row: 2, cells: ["Salma", "salma@example.org"] }]);
  });

  test("reads semicolons (Excel in French) and commas, choosing from the header line", () => {
    expect(detectDelimiter("nom;email;ville\nA, B;a@b.c;Fès")).toBe(";");
    expect(detectDelimiter("name,email\nA;B,x")).toBe(",");
    expect(detectDelimiter('"nom;prénom",email\n')).toBe(",");
    const csv = rowsOf("nom;email;organisation\nSalma;s@example.org;Association Amal, Oujda\n");
    expect(csv.delimiter).toBe(";");
    expect(csv.rows[0].cells).toEqual(["Salma", "s@example.org", "Association Amal, Oujda"]);
  });

  test("keeps separators, doubled quotes and line breaks inside quoted fields, and counts rows as a spreadsheet does", () => {
    const csv = rowsOf('name;organisation;city\n"Benali; Salma";"Association ""Amal""\nOujda";Oujda\n;;\nKarim;ONG;Rabat\n');
    expect(csv.rows).toEqual([
      { row: 2, cells: ["Benali; Salma", 'Association "Amal"\nOujda', "Oujda"] },
      // Row 3 is empty (";;"): skipped, but still counted.
      { row: 4, cells: ["Karim", "ONG", "Rabat"] },
    ]);
  });

  test("keeps Arabic names intact, letters and marks", () => {
    const csv = rowsOf("\uFEFFالاسم,المدينة\nأمينة العلوي,الدار البيضاء\nعبد الرَّحمن,فاس\n");
    expect(csv.rows.map((r) => r.cells)).toEqual([
      ["أمينة العلوي", "الدار البيضاء"],
      ["عبد الرَّحمن", "فاس"],
    ]);
  });

  test("refuses a file that is not UTF-8, an unclosed quote with its line, and an empty file", () => {
    // "Fès" in Windows-1252, as Excel's plain "CSV" format saves it.
    expect(parseCsv(new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x46, 0xe8, 0x73, 0x0a]))).toEqual({ ok: false, problem: { code: "notUtf8" } });
    expect(parseCsv(bytes('name,city\nSalma,Oujda\n"Karim,Rabat\nNadia,Fès\n'))).toMatchObject({ ok: false, problem: { code: "csvSyntax", params: { line: expect.any(Number) } } });
    expect(parseCsv(bytes("\uFEFF\r\n"))).toEqual({ ok: false, problem: { code: "empty" } });
    expect(parseCsv(bytes("name,email\n"))).toEqual({ ok: false, problem: { code: "empty" } });
  });

  test("refuses more rows than allowed", () => {
    expect(parseCsv(bytes("name\nA\nB\nC\n"), 2)).toEqual({ ok: false, problem: { code: "tooManyRows", params: { max: 2 } } });
  });
});
