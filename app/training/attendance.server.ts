import { parseWithZod } from "@conform-to/zod";
import type { SubmissionResult } from "@conform-to/react";
import { db } from "~/db/client.server";
import { Prisma } from "~/db/generated/client";
import { containsInsensitive } from "~/db/sql.server";
import type { Locale } from "~/i18n/locales";
import { joinOrganisation } from "~/people/current-organisation.server";
import { findOrCreatePerson } from "~/people/people.server";
import { normalizePhone } from "~/people/phone";
import { organisationOptions, regionName } from "./choices.server";
import { recordAttendanceTraining } from "./records.server";
import { onTheSpotSchema, SEARCH_MIN } from "./session-form";
import { requireSession, sessionFacts, subjectOf } from "./sessions.server";

/**
 * A session's attendance sheet. Ticking a person records their attendance
 * and its training record in one transaction; unticking removes both (the
 * record cascades from the attendance). People are found, or added on the
 * spot, by email then phone, so nobody is counted twice.
 */

const SEARCH_LIMIT = 20;

type PersonRow = { id: string; name: string; email: string | null; phone: string | null };

async function searchPeople(q: string): Promise<PersonRow[]> {
  const phone = normalizePhone(q);
  const digits = q.replace(/[\s().\-/]/g, "");
  const rows = await db.$queryRaw<PersonRow[]>(Prisma.sql`
    SELECT "id", "name", "email", "phone" FROM "User"
    WHERE "deletedAt" IS NULL AND (
      ${containsInsensitive(Prisma.sql`"name"`, q)} OR ${containsInsensitive(Prisma.sql`"email"`, q)}
      OR ${digits.length >= 4 ? containsInsensitive(Prisma.sql`"phone"`, digits) : Prisma.sql`1 = 0`}
      OR "phone" = ${phone ?? ""}
    )
    ORDER BY "name", "id" LIMIT ${SEARCH_LIMIT}`);
  return rows;
}

export async function attendanceSheet(sessionId: string, rawQuery: string, locale: Locale) {
  const session = await db.trainingSession.findUnique({ where: { id: sessionId }, include: { region: true } });
  if (!session) throw new Response("Not found", { status: 404 });
  const q = rawQuery.trim().slice(0, 100);
  const present = await db.attendance.findMany({
    where: { sessionId },
    include: { user: { select: { id: true, name: true, email: true, phone: true } } },
    orderBy: [{ user: { name: "asc" } }, { id: "asc" }],
  });
  const presentIds = new Set(present.map((a) => a.userId));
  return {
    session: {
      id: session.id,
      title: session.title,
      subject: await subjectOf(session, locale),
      modality: session.modality,
      startsAt: session.startsAt.toISOString(),
      endsAt: session.endsAt.toISOString(),
      place: [session.place, session.city, session.region ? regionName(session.region.names, locale) : null].filter(Boolean).join(", "),
    },
    present: present.map((a) => a.user),
    q,
    // Everyone found, ticked or not, so the result of a tick is seen where it was made.
    results: q.length >= SEARCH_MIN ? (await searchPeople(q)).map((p) => ({ ...p, present: presentIds.has(p.id) })) : null,
    organisations: await organisationOptions(locale),
  };
}

/** Records that the person was there, with its training record; nothing changes if it is already recorded. */
export async function tick(sessionId: string, userId: string): Promise<boolean> {
  const session = await requireSession(sessionId);
  const person = await db.user.findFirst({ where: { id: userId, deletedAt: null }, select: { id: true } });
  if (!person) throw new Response("Not found", { status: 404 });
  const facts = await sessionFacts(session);
  try {
    await db.$transaction(async (tx) => {
      const attendance = await tx.attendance.create({ data: { sessionId, userId } });
      await recordAttendanceTraining(tx, attendance, facts);
    });
    return true;
  } catch (error) {
    // Ticked twice (two taps, two phones): the first one counts.
    if ((error as { code?: string }).code === "P2002") return false;
    throw error;
  }
}

/** Removes the attendance; its training record goes with it. */
export async function untick(sessionId: string, userId: string): Promise<void> {
  await requireSession(sessionId);
  await db.attendance.deleteMany({ where: { sessionId, userId } });
}

export type OnTheSpotOutcome =
  | { ok: true; userId: string; name: string; created: boolean }
  | { ok: false; result: SubmissionResult<string[]> };

/** Someone not on the list: found by email, then phone, or made; then ticked. */
export async function addOnTheSpot(sessionId: string, form: FormData): Promise<OnTheSpotOutcome> {
  const session = await requireSession(sessionId);
  const submission = await parseWithZod(form, {
    async: true,
    schema: onTheSpotSchema.superRefine(async (values, ctx) => {
      if (values.phone && !normalizePhone(values.phone)) ctx.addIssue({ code: "custom", path: ["phone"], message: "sessions.errors.phone" });
      if (values.organisationId && !(await db.organisation.findUnique({ where: { id: values.organisationId } }))) {
        ctx.addIssue({ code: "custom", path: ["organisationId"], message: "sessions.errors.organiserUnknown" });
      }
    }),
  });
  if (submission.status !== "success") return { ok: false, result: submission.reply() };
  const { name, email, phone, organisationId } = submission.value;
  const facts = await sessionFacts(session);
  const outcome = await db.$transaction(async (tx) => {
    const { person, created } = await findOrCreatePerson({ name, email, phone }, tx);
    if (organisationId) await joinOrganisation(tx, person.id, organisationId);
    const already = await tx.attendance.findUnique({ where: { sessionId_userId: { sessionId, userId: person.id } } });
    if (!already) {
      const attendance = await tx.attendance.create({ data: { sessionId, userId: person.id } });
      await recordAttendanceTraining(tx, attendance, facts);
    }
    return { userId: person.id, name: person.name, created };
  });
  return { ok: true, ...outcome };
}
