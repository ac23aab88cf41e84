import { parseWithZod } from "@conform-to/zod";
import type { SubmissionResult } from "@conform-to/react";
import type { CatalogCourse } from "~/catalog/catalog.server";
import { contentLanguage, textIn } from "~/catalog/outline";
import { db } from "~/db/client.server";
import { appUrl } from "~/http/app-url.server";
import type { Cohort } from "~/db/generated/client";
import type { Locale } from "~/i18n/locales";
import { capacityOf, cohortSchema, endOfDay, startOfDay, type CohortValues } from "./cohort-form";
import { requireCourse } from "./course-access.server";
import { formatInviteCode, newInviteCode, openCohort } from "./enrolments.server";

/** /admin/courses/:slug/cohorts: a course's cohorts, and the form that makes or changes one. */

export type CourseHeading = { slug: string; lang: Locale; title: string };

export function courseHeading(course: CatalogCourse, locale: Locale): CourseHeading {
  const { lang } = contentLanguage(course.definition.languages, locale);
  return { slug: course.slug, lang, title: textIn(course.definition.title, lang) };
}

export function cohortView(cohort: Cohort, enrolled: number) {
  return {
    id: cohort.id,
    name: cohort.name,
    isOpen: cohort.isOpen,
    startsAt: cohort.startsAt?.toISOString() ?? null,
    endsAt: cohort.endsAt?.toISOString() ?? null,
    capacity: cohort.capacity,
    enrolled,
    inviteCode: formatInviteCode(cohort.inviteCode),
    joinPath: `/join/${formatInviteCode(cohort.inviteCode)}`,
    joinUrl: appUrl(`/join/${formatInviteCode(cohort.inviteCode)}`),
  };
}

export async function cohortsPage(slug: string, locale: Locale) {
  const course = await requireCourse(slug);
  // The open cohort is listed too, made if the course never had an enrolment.
  await openCohort(course.id);
  const [cohorts, counts] = await Promise.all([
    db.cohort.findMany({ where: { courseId: course.id }, orderBy: [{ isOpen: "desc" }, { startsAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }] }),
    db.enrolment.groupBy({ by: ["cohortId"], where: { courseId: course.id }, _count: { _all: true } }),
  ]);
  const countOf = new Map(counts.map((c) => [c.cohortId, c._count._all]));
  return { course: courseHeading(course, locale), cohorts: cohorts.map((c) => cohortView(c, countOf.get(c.id) ?? 0)) };
}

/** A cohort of this course that an admin may edit (not its open cohort); 404 otherwise. */
async function requireEditableCohort(courseId: string, cohortId: string): Promise<Cohort> {
  const cohort = await db.cohort.findFirst({ where: { id: cohortId, courseId, isOpen: false } });
  if (!cohort) throw new Response("Not found", { status: 404 });
  return cohort;
}

export async function cohortEditPage(slug: string, cohortId: string | null, locale: Locale) {
  const course = await requireCourse(slug);
  if (!cohortId) return { course: courseHeading(course, locale), cohort: null };
  const cohort = await requireEditableCohort(course.id, cohortId);
  return { course: courseHeading(course, locale), cohort: cohortView(cohort, await db.enrolment.count({ where: { cohortId } })) };
}

export type CohortSaveOutcome = { ok: true; cohortId: string } | { ok: false; result: SubmissionResult<string[]> };

function cohortData(values: CohortValues) {
  return {
    name: values.name,
    startsAt: values.startsOn ? startOfDay(values.startsOn) : null,
    endsAt: values.endsOn ? endOfDay(values.endsOn) : null,
    capacity: capacityOf(values),
  };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}

/** Creates a cohort (cohortId null) or changes one; a capacity below the people already in it is refused. */
export async function saveCohort(slug: string, cohortId: string | null, form: FormData): Promise<CohortSaveOutcome> {
  const course = await requireCourse(slug);
  const existing = cohortId ? await requireEditableCohort(course.id, cohortId) : null;
  const submission = await parseWithZod(form, {
    async: true,
    schema: cohortSchema.superRefine(async (values, ctx) => {
      if (!existing || values.capacity === undefined) return;
      const enrolled = await db.enrolment.count({ where: { cohortId: existing.id } });
      if (capacityOf(values)! < enrolled) ctx.addIssue({ code: "custom", path: ["capacity"], message: "cohorts.errors.capacityBelowEnrolled" });
    }),
  });
  if (submission.status !== "success") return { ok: false, result: submission.reply() };
  const data = cohortData(submission.value);
  if (existing) {
    await db.cohort.update({ where: { id: existing.id }, data });
    return { ok: true, cohortId: existing.id };
  }
  for (let round = 0; ; round++) {
    try {
      const cohort = await db.cohort.create({ data: { ...data, courseId: course.id, inviteCode: newInviteCode() } });
      return { ok: true, cohortId: cohort.id };
    } catch (error) {
      // 50 random bits: a clash is all but impossible, and a second draw settles it.
      if (!isUniqueViolation(error) || round >= 2) throw error;
    }
  }
}
