import type { SessionUser } from "~/auth/session.server";
import { getCourse } from "~/catalog/catalog.server";
import { contentLanguage, textIn } from "~/catalog/outline";
import type { Locale } from "~/i18n/locales";
import { recordCompletionIfMet } from "~/learning/completion.server";
import { loadAssignment } from "./assignments.server";
import { localizeRubric, panelVersion } from "./panel.server";
import { getSubmissionForReview, reviewQueue, reviewSubmission, type FieldErrors } from "./submissions.server";

/** The reviewer's side: the queue (/review) and one submission (/review/:submissionId). */

async function titles(courseSlug: string, assignmentId: string, locale: Locale) {
  const course = await getCourse(courseSlug);
  const assignment = course ? await loadAssignment(course, assignmentId) : null;
  const { lang } = contentLanguage(course?.definition.languages ?? [locale], locale);
  return {
    lang,
    courseTitle: course ? textIn(course.definition.title, lang) : courseSlug,
    assignmentTitle: assignment ? textIn(assignment.title, lang) : assignmentId,
  };
}

export async function reviewQueuePage(reviewer: SessionUser, locale: Locale) {
  const queue = await reviewQueue(reviewer);
  const items = await Promise.all(
    queue.map(async (item) => ({
      submissionId: item.submissionId,
      learnerName: item.learnerName,
      version: item.version,
      submittedAt: item.submittedAt.toISOString(),
      hasAttachment: item.hasAttachment,
      ...(await titles(item.courseSlug, item.assignmentId, locale)),
    })),
  );
  return { items };
}

export async function reviewPage(submissionId: string, reviewer: SessionUser, locale: Locale) {
  const view = await getSubmissionForReview(submissionId, reviewer);
  const { lang, courseTitle, assignmentTitle } = await titles(view.courseSlug, view.assignment.id, locale);
  const rubric = localizeRubric(view.assignment, lang);
  return {
    lang,
    courseTitle,
    assignmentTitle,
    learnerName: view.learnerName,
    instructionsHtml: textIn(view.assignment.instructionsHtml, lang),
    rubric,
    maxPoints: view.maxPoints,
    submission: panelVersion(view.submission, rubric),
    earlierVersions: view.earlierVersions.map((v) => panelVersion(v, rubric)),
  };
}

export type ReviewFormResult =
  | { ok: true; redirectTo: string }
  | { ok: false; errors: FieldErrors; values: { scores: Record<string, string>; feedback: string; decision: string } };

/**
 * Reads the review form (a radio group per criterion named `scores.<id>`,
 * feedback, and the pressed decision button), records the review and, when
 * it accepts, lets the course completion rule see the accepted assignment.
 */
export async function submitReviewForm(form: FormData, submissionId: string, reviewer: SessionUser): Promise<ReviewFormResult> {
  const scores: Record<string, string> = {};
  for (const [name, value] of form) {
    if (name.startsWith("scores.") && typeof value === "string") scores[name.slice("scores.".length)] = value;
  }
  const feedback = String(form.get("feedback") ?? "");
  const decision = String(form.get("decision") ?? "");
  const result = await reviewSubmission({ submissionId, reviewer, scores, feedback, decision });
  if (!result.ok) return { ok: false, errors: result.errors, values: { scores, feedback, decision } };
  if (result.decision === "accepted") {
    const course = await getCourse(result.courseSlug);
    if (course) await recordCompletionIfMet(result.userId, course);
  }
  return { ok: true, redirectTo: `/review?reviewed=${result.decision === "accepted" ? "accepted" : "revision"}` };
}
