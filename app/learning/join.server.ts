import { getCatalog } from "~/catalog/catalog.server";
import { db } from "~/db/client.server";
import type { Locale } from "~/i18n/locales";
import { cohortView, courseHeading } from "./cohorts.server";
import { cohortEnded, enrolInCohort, normalizeInviteCode } from "./enrolments.server";

/**
 * /join/:code: a cohort's self-enrolment link. The code is all a visitor
 * needs to see which course and group it is for; joining needs an account.
 */

async function cohortByCode(input: string) {
  const code = normalizeInviteCode(input);
  if (!code) return null;
  const cohort = await db.cohort.findUnique({ where: { inviteCode: code }, include: { course: { select: { slug: true } } } });
  if (!cohort) return null;
  const course = (await getCatalog()).bySlug.get(cohort.course.slug);
  // A cohort of a course no longer in the catalogue cannot be joined.
  return course ? { cohort, course } : null;
}

export type JoinState = "open" | "member" | "full" | "ended";

export async function joinPage(input: string, locale: Locale, userId: string | null) {
  const found = await cohortByCode(input);
  if (!found) return null;
  const { cohort, course } = found;
  const enrolled = await db.enrolment.count({ where: { cohortId: cohort.id } });
  const member = userId ? Boolean(await db.enrolment.findUnique({ where: { userId_cohortId: { userId, cohortId: cohort.id } } })) : false;
  const state: JoinState = member
    ? "member"
    : cohortEnded(cohort, new Date())
      ? "ended"
      : cohort.capacity !== null && enrolled >= cohort.capacity
        ? "full"
        : "open";
  const view = cohortView(cohort, enrolled);
  return {
    course: { ...courseHeading(course, locale), hours: course.definition.hours },
    // The invite code and the counts are the admins' business; a visitor sees the group's name and dates.
    cohort: { name: view.name, isOpen: view.isOpen, startsAt: view.startsAt, endsAt: view.endsAt, joinPath: view.joinPath },
    state,
  };
}

export type JoinOutcome = { ok: true; slug: string } | { ok: false; reason: "full" | "closed" } | null;

/** Joins the cohort the code names (null: no such cohort). */
export async function joinCohort(input: string, userId: string): Promise<JoinOutcome> {
  const found = await cohortByCode(input);
  if (!found) return null;
  const outcome = await enrolInCohort(userId, found.cohort);
  if (!outcome.ok) return outcome;
  return { ok: true, slug: found.course.slug };
}

