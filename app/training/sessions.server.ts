import { parseWithZod } from "@conform-to/zod";
import type { SubmissionResult } from "@conform-to/react";
import { getCatalog } from "~/catalog/catalog.server";
import { contentLanguage, textIn } from "~/catalog/outline";
import { db } from "~/db/client.server";
import type { TrainingSession } from "~/db/generated/client";
import type { Locale } from "~/i18n/locales";
import { courseOptions, organisationOptions, regionName, regionOptions } from "./choices.server";
import { followSessionChanges, type SessionFacts } from "./records.server";
import { sessionSchema, wallClock, wallClockInput, type SessionValues } from "./session-form";

/** /admin/sessions: face-to-face and webinar training sessions. */

const LIST_LIMIT = 200;

/** The facts a training record copies from its session, with the course's validity period from the catalogue. */
export async function sessionFacts(session: Pick<TrainingSession, "courseId" | "theme" | "modality" | "startsAt">): Promise<SessionFacts> {
  const course = session.courseId ? (await getCatalog()).courses.find((c) => c.id === session.courseId) : undefined;
  return { courseId: session.courseId, theme: session.theme, modality: session.modality, startsAt: session.startsAt, validityMonths: course?.definition.validityMonths ?? null };
}

/** A session's subject as a page shows it: its course's title (in the course's language) or its theme. */
export async function subjectOf(session: Pick<TrainingSession, "courseId" | "theme">, locale: Locale): Promise<{ text: string; lang?: Locale }> {
  if (!session.courseId) return { text: session.theme ?? "" };
  const course = (await getCatalog()).courses.find((c) => c.id === session.courseId);
  if (!course) return { text: session.theme ?? "" };
  const { lang } = contentLanguage(course.definition.languages, locale);
  return { text: textIn(course.definition.title, lang), lang };
}

export async function sessionsPage(locale: Locale, now = new Date()) {
  const include = { region: true, organiser: { select: { name: true } }, _count: { select: { attendances: true } } } as const;
  const [upcoming, past] = await Promise.all([
    db.trainingSession.findMany({ where: { endsAt: { gte: now } }, orderBy: [{ startsAt: "asc" }, { id: "asc" }], take: LIST_LIMIT, include }),
    db.trainingSession.findMany({ where: { endsAt: { lt: now } }, orderBy: [{ startsAt: "desc" }, { id: "asc" }], take: LIST_LIMIT, include }),
  ]);
  const view = async (s: (typeof upcoming)[number]) => ({
    id: s.id,
    title: s.title,
    subject: await subjectOf(s, locale),
    modality: s.modality,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    place: [s.place, s.city, s.region ? regionName(s.region.names, locale) : null].filter(Boolean).join(", "),
    organiser: s.organiser?.name ?? null,
    attendance: s._count.attendances,
  });
  return { upcoming: await Promise.all(upcoming.map(view)), past: await Promise.all(past.map(view)), limit: LIST_LIMIT };
}

export async function requireSession(id: string): Promise<TrainingSession> {
  const session = await db.trainingSession.findUnique({ where: { id } });
  if (!session) throw new Response("Not found", { status: 404 });
  return session;
}

export async function sessionFormPage(locale: Locale, id: string | null) {
  const session = id ? await requireSession(id) : null;
  const [courses, regions, organisations] = await Promise.all([courseOptions(locale), regionOptions(locale), organisationOptions(locale)]);
  return {
    courses,
    regions,
    organisations,
    session: session
      ? {
          id: session.id,
          title: session.title,
          courseId: session.courseId ?? "",
          theme: session.theme ?? "",
          modality: session.modality,
          startsAt: wallClockInput(session.startsAt),
          endsAt: wallClockInput(session.endsAt),
          regionId: session.regionId ?? "",
          city: session.city ?? "",
          place: session.place ?? "",
          organiserId: session.organiserId ?? "",
          trainers: session.trainers,
        }
      : null,
  };
}

function sessionData(values: SessionValues) {
  return {
    title: values.title,
    courseId: values.courseId ?? null,
    // A session on a course has no theme of its own: the course is its subject.
    theme: values.courseId ? null : (values.theme ?? null),
    modality: values.modality,
    startsAt: wallClock(values.startsAt),
    endsAt: wallClock(values.endsAt),
    regionId: values.regionId ?? null,
    city: values.city ?? null,
    place: values.place ?? null,
    organiserId: values.organiserId ?? null,
    trainers: values.trainers ?? "",
  };
}

export type SessionSaveOutcome = { ok: true; sessionId: string } | { ok: false; result: SubmissionResult<string[]> };

/** Creates a session (id null) or changes one; a changed session's attendance records follow it in the same transaction. */
export async function saveSession(id: string | null, form: FormData): Promise<SessionSaveOutcome> {
  const existing = id ? await requireSession(id) : null;
  const { courses } = await getCatalog();
  const submission = await parseWithZod(form, {
    async: true,
    schema: sessionSchema.superRefine(async (values, ctx) => {
      if (values.courseId && !courses.some((c) => c.id === values.courseId)) ctx.addIssue({ code: "custom", path: ["courseId"], message: "sessions.errors.courseUnknown" });
      if (values.regionId && !(await db.region.findUnique({ where: { id: values.regionId } }))) ctx.addIssue({ code: "custom", path: ["regionId"], message: "sessions.errors.regionUnknown" });
      if (values.organiserId && !(await db.organisation.findUnique({ where: { id: values.organiserId } }))) {
        ctx.addIssue({ code: "custom", path: ["organiserId"], message: "sessions.errors.organiserUnknown" });
      }
    }),
  });
  if (submission.status !== "success") return { ok: false, result: submission.reply() };
  const data = sessionData(submission.value);
  if (!existing) return { ok: true, sessionId: (await db.trainingSession.create({ data })).id };
  const facts = await sessionFacts(data);
  await db.$transaction(async (tx) => {
    await tx.trainingSession.update({ where: { id: existing.id }, data });
    await followSessionChanges(tx, existing.id, facts);
  });
  return { ok: true, sessionId: existing.id };
}
