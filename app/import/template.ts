import { COLUMNS } from "./columns";

/**
 * The template offered on /admin/import: the column ids as headers and two
 * example rows, one in Arabic. Semicolons, which Excel in a French locale
 * opens in columns (the import reads commas too), and a byte-order mark,
 * without which Excel reads UTF-8 as Windows-1252 and breaks the Arabic.
 */
const EXAMPLES: Record<(typeof COLUMNS)[number], string>[] = [
  {
    name: "Salma Benali",
    email: "salma.benali@example.org",
    phone: "06 12 34 56 78",
    sex: "femme",
    age_band: "25-34",
    birth_year: "",
    profession: "travailleuse sociale",
    organisation: "Association Amal",
    organisation_type: "association",
    region: "MA-02",
    city: "Oujda",
    nationality: "MA",
    language: "fr",
  },
  {
    name: "يوسف الإدريسي",
    email: "",
    phone: "+212 661 23 45 67",
    sex: "رجل",
    age_band: "",
    birth_year: "1988",
    profession: "الشرطة",
    organisation: "المديرية العامة للأمن الوطني",
    organisation_type: "حكومي",
    region: "الرباط سلا القنيطرة",
    city: "الرباط",
    nationality: "المغرب",
    language: "ar",
  },
];

function cell(value: string): string {
  return /[";\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export const TEMPLATE_FILE_NAME = "tadrib-import.csv";

export function templateCsv(): string {
  const lines = [COLUMNS.join(";"), ...EXAMPLES.map((row) => COLUMNS.map((c) => cell(row[c])).join(";"))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
