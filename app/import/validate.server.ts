import { z } from "zod";
import type { Cohort, OrganisationType, Prisma } from "~/db/generated/client";
import type { AgeBand, Locale, Profession, Sex } from "~/db/generated/enums";
import { inChunks, newRowId } from "~/db/sql.server";
import { cleanUserText } from "~/i18n/user-text";
import { cohortEnded, planCohortEnrolments, type EnrolStep } from "~/learning/enrolments.server";
import { normalizeEmail } from "~/people/people.server";
import { normalizePhone } from "~/people/phone";
import type { SessionFacts } from "~/training/records.server";
import { columnOf, type Column } from "./columns";
import type { ParsedCsv } from "./csv.server";
import { fold } from "./fold";
import { MAX_LISTED, type ImportCounts, type ImportReport, type ImportTarget, type Problem } from "./types";
import {
  ageBandFor,
  codesOf,
  LANGUAGES,
  ORGANISATION_TYPES,
  parseAgeBand,
  parseBirthYear,
  parseNationality,
  PROFESSIONS,
  regionMatcher,
  SEXES,
} from "./values";

/**
 * The whole file is checked before anything is written: every row, against
 * the database as it is (who exists, which organisations, the cohort's
 * capacity). The result is the report the admin reads and, when it has no
 * problem, the plan the import carries out. It only reads, so it runs again
 * inside the import's transaction, where it is sure to still be true.
 */
type Tx = Prisma.TransactionClient;

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

export type PlannedPerson = {
  row: number;
  userId: string;
  /** Set for a person the import makes (no password). */
  create: { name: string; email: string | null; phone: string | null; locale: Locale } | null;
  /** An email or phone a matched person lacked, which no one else has. */
  fill: { email?: string; phone?: string };
  /** The facts the file gives that the person's profile does not have yet. */
  profile: ProfileFacts;
  organisationId: string | null;
};

export type ImportPlan = {
  people: PlannedPerson[];
  newOrganisations: { id: string; name: string; type: OrganisationType }[];
  cohort: { cohort: Cohort; steps: Map<string, EnrolStep> } | null;
  session: { id: string; facts: SessionFacts; attend: string[] } | null;
};

export type Validation = { report: ImportReport; plan: ImportPlan | null };

export type ValidateOptions = {
  client: Tx;
  now?: Date;
  /** The session's facts for its training records (sessionFacts(), which reads the catalogue). */
  sessionFacts?: (session: { courseId: string | null; theme: string | null; modality: SessionFacts["modality"]; startsAt: Date }) => Promise<SessionFacts>;
};

type RowValues = {
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

class Problems {
  list: Problem[] = [];
  warnings: Problem[] = [];
  add(row: number | null, column: string | null, code: string, params?: Problem["params"]) {
    this.list.push({ row, column, code, ...(params ? { params } : {}) });
  }
}

const emptyCounts = (): ImportCounts => ({
  rows: 0,
  created: 0,
  matched: 0,
  organisationsCreated: 0,
  membershipsStarted: 0,
  enrolled: 0,
  alreadyEnrolled: 0,
  attended: 0,
  alreadyPresent: 0,
});

function finish(target: ImportTarget, problems: Problems, counts: ImportCounts, plan: ImportPlan | null): Validation {
  const sorted = problems.list.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return {
    report: { target, problems: sorted.slice(0, MAX_LISTED), problemCount: sorted.length, warnings: problems.warnings, counts },
    plan: sorted.length ? null : plan,
  };
}

/** Which column each header is; unknown headers are ignored with a warning, a column given twice is refused. */
function mapHeaders(headers: string[], problems: Problems): Map<Column, number> | null {
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
function readRow(
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

type Known = { id: string; email: string | null; phone: string | null; deletedAt: Date | null };

async function knownPeople(client: Tx, rows: RowValues[]) {
  const emails = [...new Set(rows.map((r) => r.email).filter((e): e is string => Boolean(e)))];
  const phones = [...new Set(rows.map((r) => r.phone).filter((p): p is string => Boolean(p)))];
  const select = { id: true, email: true, phone: true, deletedAt: true } as const;
  const byEmail = new Map<string, Known>();
  const byPhone = new Map<string, Known>();
  for (const chunk of inChunks(emails)) for (const u of await client.user.findMany({ where: { email: { in: chunk } }, select })) byEmail.set(u.email!, u);
  for (const chunk of inChunks(phones)) for (const u of await client.user.findMany({ where: { phone: { in: chunk } }, select })) byPhone.set(u.phone!, u);
  return { byEmail, byPhone };
}

type Ref = { userId: string; firstRow: number; existing: boolean };

/**
 * Who each row is, as findOrCreatePerson would decide it row after row: the
 * person with the email, else the one with the phone (people made or given
 * an email or phone by earlier rows included), else someone new. Two rows
 * that come to the same person are refused: the second would silently merge
 * two people or contradict the first.
 */
async function resolvePeople(client: Tx, rows: RowValues[], problems: Problems, columnName: (c: Column) => string | null) {
  const { byEmail, byPhone } = await knownPeople(client, rows);
  const knownById = new Map([...byEmail.values(), ...byPhone.values()].map((u) => [u.id, u]));
  // Emails and phones as they will be once the earlier rows are written: each points to its person.
  const emailRef = new Map<string, Ref>();
  const phoneRef = new Map<string, Ref>();
  const existingRefs = new Map<string, Ref>();
  const existing = (u: Known | undefined): Ref | undefined => {
    if (!u) return undefined;
    if (!existingRefs.has(u.id)) existingRefs.set(u.id, { userId: u.id, firstRow: 0, existing: true });
    return existingRefs.get(u.id);
  };
  const emailFree = (e: string) => !byEmail.has(e) && !emailRef.has(e);
  const phoneFree = (p: string) => !byPhone.has(p) && !phoneRef.has(p);
  const resolved: { values: RowValues; ref: Ref; fill: PlannedPerson["fill"] }[] = [];

  for (const values of rows) {
    const { email, phone } = values;
    const deletedBy = email && byEmail.get(email)?.deletedAt ? "email" : phone && byPhone.get(phone)?.deletedAt ? "phone" : null;
    if (deletedBy) {
      problems.add(values.row, columnName(deletedBy), "deletedAccount");
      continue;
    }
    let ref = (email && (emailRef.get(email) ?? existing(byEmail.get(email)))) || (phone && (phoneRef.get(phone) ?? existing(byPhone.get(phone)))) || undefined;
    if (ref?.firstRow) {
      problems.add(values.row, null, "samePersonAs", { row: ref.firstRow });
      continue;
    }
    const fill: PlannedPerson["fill"] = {};
    if (ref) {
      ref.firstRow = values.row;
      const known = knownById.get(ref.userId)!;
      if (!known.email && email && emailFree(email)) fill.email = email;
      if (!known.phone && phone && phoneFree(phone)) fill.phone = phone;
      for (const e of [known.email, fill.email]) if (e) emailRef.set(e, ref);
      for (const p of [known.phone, fill.phone]) if (p) phoneRef.set(p, ref);
    } else {
      ref = { userId: newRowId(), firstRow: values.row, existing: false };
      if (email) emailRef.set(email, ref);
      if (phone) phoneRef.set(phone, ref);
    }
    resolved.push({ values, ref, fill });
  }
  return resolved;
}

/** Organisations by name (case, accents and spacing aside); a new one is made only when the row gives its type. */
async function resolveOrganisations(client: Tx, rows: RowValues[], problems: Problems, columnName: (c: Column) => string | null) {
  const all = await client.organisation.findMany({ select: { id: true, name: true } });
  const byName = new Map<string, string[]>();
  for (const o of all) byName.set(fold(o.name), [...(byName.get(fold(o.name)) ?? []), o.id]);
  const created = new Map<string, { id: string; name: string; type: OrganisationType; row: number }>();
  const organisationOf = new Map<number, string>();
  for (const values of rows) {
    if (!values.organisation) continue;
    const key = fold(values.organisation);
    const known = byName.get(key);
    if (known && known.length > 1) problems.add(values.row, columnName("organisation"), "organisationAmbiguous", { value: values.organisation });
    else if (known) organisationOf.set(values.row, known[0]);
    else if (created.has(key)) {
      const first = created.get(key)!;
      if (values.organisationType && values.organisationType !== first.type) {
        problems.add(values.row, columnName("organisation_type"), "organisationTypeConflict", { row: first.row });
      } else organisationOf.set(values.row, first.id);
    } else if (values.organisationType) {
      const made = { id: newRowId(), name: values.organisation, type: values.organisationType, row: values.row };
      created.set(key, made);
      organisationOf.set(values.row, made.id);
    } else problems.add(values.row, columnName("organisation"), "organisationUnknown", { value: values.organisation });
  }
  return { organisationOf, newOrganisations: [...created.values()].map(({ id, name, type }) => ({ id, name, type })) };
}

/** The facts a matched person's profile lacks (only empty fields are filled: what they entered stays). */
async function missingFacts(client: Tx, people: { userId: string; existing: boolean; profile: ProfileFacts }[]) {
  const profiles = new Map<string, Record<string, unknown>>();
  for (const ids of inChunks(people.filter((p) => p.existing).map((p) => p.userId))) {
    for (const p of await client.profile.findMany({ where: { userId: { in: ids } } })) profiles.set(p.userId, p);
  }
  return people.map(({ userId, profile }) => {
    const current = profiles.get(userId);
    const missing: ProfileFacts = {};
    for (const key of PROFILE_FIELDS) {
      if (profile[key] !== undefined && (current?.[key] ?? null) === null) Object.assign(missing, { [key]: profile[key] });
    }
    return missing;
  });
}

async function membershipsStarting(client: Tx, pairs: { userId: string; organisationId: string }[]) {
  let starting = 0;
  for (const chunk of inChunks(pairs)) {
    const current = await client.membership.findMany({ where: { userId: { in: chunk.map((p) => p.userId) }, endedAt: null }, select: { userId: true, organisationId: true } });
    const currentOf = new Map(current.map((m) => [m.userId, m.organisationId]));
    starting += chunk.filter((p) => currentOf.get(p.userId) !== p.organisationId).length;
  }
  return starting;
}

export async function validateImport(csv: ParsedCsv, target: ImportTarget, options: ValidateOptions): Promise<Validation> {
  const { client } = options;
  const now = options.now ?? new Date();
  const problems = new Problems();
  const counts = emptyCounts();
  counts.rows = csv.rows.length;

  const cohort = target.kind === "cohort" ? await client.cohort.findUnique({ where: { id: target.cohortId } }) : null;
  const session = target.kind === "session" ? await client.trainingSession.findUnique({ where: { id: target.sessionId } }) : null;
  if ((target.kind === "cohort" && !cohort) || (target.kind === "session" && !session)) problems.add(null, null, "targetMissing");
  if (cohort && cohortEnded(cohort, now)) problems.add(null, null, "cohortEnded", { date: cohort.endsAt!.toISOString() });

  const columns = mapHeaders(csv.headers, problems);
  if (!columns || problems.list.length) return finish(target, problems, counts, null);
  const columnName = (c: Column) => (columns.has(c) ? csv.headers[columns.get(c)!] : null);

  const matchRegion = regionMatcher(await client.region.findMany({ select: { id: true, names: true } }));
  const rows = csv.rows.map((entry) => readRow(csv, columns, entry, problems, matchRegion, now)).filter((r): r is RowValues => r !== null);
  const resolved = await resolvePeople(client, rows, problems, columnName);
  const { organisationOf, newOrganisations } = await resolveOrganisations(
    client,
    resolved.map((r) => r.values),
    problems,
    columnName,
  );
  const facts = await missingFacts(
    client,
    resolved.map((r) => ({ userId: r.ref.userId, existing: r.ref.existing, profile: r.values.profile })),
  );
  const people: PlannedPerson[] = resolved.map(({ values, ref, fill }, i) => ({
    row: values.row,
    userId: ref.userId,
    create: ref.existing ? null : { name: values.name, email: values.email, phone: values.phone, locale: values.locale ?? "fr" },
    fill,
    profile: facts[i],
    organisationId: organisationOf.get(values.row) ?? null,
  }));
  counts.created = people.filter((p) => p.create).length;
  counts.matched = people.length - counts.created;
  counts.organisationsCreated = newOrganisations.length;
  const pairs = people.filter((p) => p.organisationId).map((p) => ({ userId: p.userId, organisationId: p.organisationId! }));
  counts.membershipsStarted = await membershipsStarting(client, pairs);

  let cohortPlan: ImportPlan["cohort"] = null;
  if (cohort && !cohortEnded(cohort, now)) {
    const plan = await planCohortEnrolments(
      client,
      cohort,
      people.map((p) => p.userId),
      now,
    );
    for (const person of people) {
      if (plan.refused.get(person.userId) === "full") problems.add(person.row, null, "cohortFull", { capacity: cohort.capacity ?? 0 });
    }
    counts.enrolled = [...plan.steps.values()].filter((s) => s.kind !== "keep").length;
    counts.alreadyEnrolled = plan.already.size + [...plan.steps.values()].filter((s) => s.kind === "keep").length;
    cohortPlan = { cohort, steps: plan.steps };
  }

  let sessionPlan: ImportPlan["session"] = null;
  if (session) {
    const present = new Set<string>();
    for (const ids of inChunks(people.filter((p) => !p.create).map((p) => p.userId))) {
      for (const a of await client.attendance.findMany({ where: { sessionId: session.id, userId: { in: ids } }, select: { userId: true } })) present.add(a.userId);
    }
    const attend = people.map((p) => p.userId).filter((id) => !present.has(id));
    counts.attended = attend.length;
    counts.alreadyPresent = present.size;
    const facts = options.sessionFacts
      ? await options.sessionFacts(session)
      : { courseId: session.courseId, theme: session.theme, modality: session.modality, startsAt: session.startsAt };
    sessionPlan = { id: session.id, facts, attend };
  }

  return finish(target, problems, counts, { people, newOrganisations, cohort: cohortPlan, session: sessionPlan });
}
