import { z } from "zod";
import type { OrganisationType } from "~/db/generated/client";
import type { AgeBand, Locale, Profession, Sex } from "~/db/generated/enums";
import { cleanUserText } from "~/i18n/user-text";
import { normalizeEmail } from "~/people/people.server";
import { normalizePhone } from "~/people/phone";
import { columnOf, type Column } from "./columns";
import type { ParsedCsv } from "./csv.server";
import { fold } from "./fold";
import type { Problem } from "./types";
import { ageBandFor, codesOf, LANGUAGES, ORGANISATION_TYPES, parseAgeBand, parseBirthYear, parseNationality, PROFESSIONS, SEXES } from "./values";

/** Reading the header and each row of an import file into values, with a problem for every cell that cannot be used. */

export const NAME_MAX = 200;
const TEXT_MAX = 200;

export type ProfileFacts = {
  sex?: Sex;
  ageBand?: AgeBand;
  birthYear?: number;
  profession?: Profession;
  regionId?: string;
  city?: string;
  nationality?: string;
};
export const PROFILE_FIELDS = ["sex", "ageBand", "birthYear", "profession", "regionId", "city", "nationality"] as const satisfies readonly (keyof ProfileFacts)[];

export type RowValues = {
  row: number;
  name: string;
  email: string | null;
  phone: string | null;
  locale: Locale | null;
  profile: ProfileFacts;
  organisation: string | null;
  organisationType: OrganisationType | null;
};

const emailShape = z.string().email();

/** What is wrong so far: problems block the import, warnings (an unknown column) do not. */
export class Problems {
  list: Problem[] = [];
  warnings: Problem[] = [];
  add(row: number | null, column: string | null, code: string, params?: Problem["params"]) {
    this.list.push({ row, column, code, ...(params ? { params } : {}) });
  }
}

/** Which column each header is; unknown headers are ignored with a warning, a column given twice is refused. */
export function mapHeaders(headers: string[], problems: Problems): Map<Column, number> | null {
  const columns = new Map<Column, number>();
  let ok = true;
  headers.forEach((header, index) => {
    if (!header) return;
    const column = columnOf(header);
    if (!column) problems.warnings.push({ row: 1, column: header, code: "unknownColumn" });
    else if (columns.has(column)) {
      problems.add(1, header, "duplicateColumn", { first: headers[columns.get(column)!] });
      ok = false;
    } else columns.set(column, index);
  });
  if (!columns.has("name")) {
    problems.add(1, null, "noNameColumn");
    ok = false;
  }
  return ok ? columns : null;
}

/** One row's cells, read and checked; problems are added, and null returned for a row that cannot be used. */
export function readRow(
  csv: ParsedCsv,
  columns: Map<Column, number>,
  entry: ParsedCsv["rows"][number],
  problems: Problems,
  matchRegion: (raw: string) => string | null,
  now: Date,
): RowValues | null {
  const before = problems.list.length;
  const header = (column: Column) => csv.headers[columns.get(column)!];
  const cell = (column: Column): string => {
    const index = columns.get(column);
    return index === undefined ? "" : cleanUserText(entry.cells[index] ?? "").trim();
  };
  const problem = (column: Column, code: string, params?: Problem["params"]) => problems.add(entry.row, header(column), code, params);
  const word = <T extends string>(column: Column, words: Map<string, T>): T | undefined => {
    const raw = cell(column);
    if (!raw) return undefined;
    const code = words.get(fold(raw));
    if (!code) problem(column, "unknownValue", { value: raw, accepted: codesOf(words) });
    return code;
  };
  const text = (column: Column, max = TEXT_MAX): string | undefined => {
    const raw = cell(column).replace(/\s+/g, " ");
    if (raw.length > max) problem(column, "tooLong", { max });
    return raw || undefined;
  };

  const extra = entry.cells.slice(csv.headers.length).filter((c) => c.trim() !== "").length;
  if (extra) problems.add(entry.row, null, "extraValues", { count: extra });

  const name = text("name", NAME_MAX);
  if (!name) problem("name", "nameMissing");

  const rawEmail = cell("email");
  const email = rawEmail ? normalizeEmail(rawEmail) : null;
  if (email && (email.length > 254 || !emailShape.safeParse(email).success)) problem("email", "email", { value: rawEmail });

  const rawPhone = cell("phone");
  const phone = rawPhone ? normalizePhone(rawPhone) : null;
  if (rawPhone && !phone) problem("phone", "phone", { value: rawPhone });

  const profile: ProfileFacts = {};
  profile.sex = word("sex", SEXES);
  profile.profession = word("profession", PROFESSIONS);
  const rawBand = cell("age_band");
  if (rawBand) {
    profile.ageBand = parseAgeBand(rawBand) ?? undefined;
    if (!profile.ageBand) problem("age_band", "ageBand", { value: rawBand });
  }
  const rawYear = cell("birth_year");
  if (rawYear) {
    profile.birthYear = parseBirthYear(rawYear, now) ?? undefined;
    if (!profile.birthYear) problem("birth_year", "birthYear", { value: rawYear, latest: String(now.getUTCFullYear()) });
    else if (!profile.ageBand) profile.ageBand = ageBandFor(profile.birthYear, now);
    else if (profile.ageBand !== ageBandFor(profile.birthYear, now)) problem("age_band", "ageBandMismatch", { value: rawBand, year: String(profile.birthYear) });
  }
  const rawRegion = cell("region");
  if (rawRegion) {
    profile.regionId = matchRegion(rawRegion) ?? undefined;
    if (!profile.regionId) problem("region", "region", { value: rawRegion });
  }
  profile.city = text("city", 100);
  const rawNationality = cell("nationality");
  if (rawNationality) {
    profile.nationality = parseNationality(rawNationality) ?? undefined;
    if (!profile.nationality) problem("nationality", "nationality", { value: rawNationality });
  }
  const locale = word("language", LANGUAGES) ?? null;

  const organisation = text("organisation") ?? null;
  const organisationType = word("organisation_type", ORGANISATION_TYPES) ?? null;
  if (organisationType && !organisation) problem("organisation_type", "organisationTypeWithout");

  if (problems.list.length > before || !name) return null;
  for (const key of PROFILE_FIELDS) if (profile[key] === undefined) delete profile[key];
  return { row: entry.row, name, email, phone, locale, profile, organisation, organisationType };
}
