import type { Cohort, OrganisationType, Prisma } from "~/db/generated/client";
import type { Locale } from "~/db/generated/enums";
import { inChunks } from "~/db/sql.server";
import { cohortEnded, planCohortEnrolments, type EnrolStep } from "~/learning/enrolments.server";
import type { SessionFacts } from "~/training/records.server";
import type { Column } from "./columns";
import type { ParsedCsv } from "./csv.server";
import { resolveOrganisations, resolvePeople } from "./match.server";
import { mapHeaders, Problems, PROFILE_FIELDS, readRow, type ProfileFacts, type RowValues } from "./read-row.server";
import { MAX_LISTED, type ImportCounts, type ImportReport, type ImportTarget } from "./types";
import { regionMatcher } from "./values";

/**
 * The whole file is checked before anything is written: every row, against
 * the database as it is (who exists, which organisations, the cohort's
 * capacity). The result is the report the admin reads and, when it has no
 * problem, the plan the import carries out. It only reads, so it runs again
 * inside the import's transaction, where it is sure to still be true.
 */
type Tx = Prisma.TransactionClient;

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
