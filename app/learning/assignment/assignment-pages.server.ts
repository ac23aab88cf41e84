import type { SessionUser } from "~/auth/session.server";
import type { CatalogCourse } from "~/catalog/catalog.server";
import { lessonShowingIsland } from "~/catalog/island-lesson.server";
import { contentLanguage, findLesson, lessonsInOrder, textIn } from "~/catalog/outline";
import type { Locale } from "~/i18n/locales";
import { requireEnrolledCourseWith } from "~/learning/course-access.server";
import { ASSIGNMENT_ISLAND } from "./assignment-kind";
import { loadAssignment, type LoadedAssignment } from "./assignments.server";
import { receiveSubmissionForm } from "./attachments.server";
import { assignmentPanel } from "./panel.server";
import { submitAssignment, type FieldErrors } from "./submissions.server";
import { lessonHref } from "./types";

/** The learner's side: the assignment page (/courses/:slug/assignments/:id) and handing in a version. */

async function requireEnrolledAssignment(slug: string, assignmentId: string, userId: string) {
  const { course, found } = await requireEnrolledCourseWith(slug, userId, (course) => loadAssignment(course, assignmentId));
  return { course, assignment: found };
}

async function resolveLesson(course: CatalogCourse, assignment: LoadedAssignment, lang: Locale, wanted: unknown): Promise<string> {
  if (typeof wanted === "string" && findLesson(course.definition, wanted)) return wanted;
  return (await lessonShowingIsland(course, ASSIGNMENT_ISLAND, assignment.id, lang)) ?? lessonsInOrder(course.definition)[0].id;
}

export async function assignmentPage(slug: string, assignmentId: string, wantedLesson: string | null, user: SessionUser, locale: Locale) {
  const { course, assignment } = await requireEnrolledAssignment(slug, assignmentId, user.id);
  const { lang, fallback } = contentLanguage(course.definition.languages, locale);
  const lessonId = await resolveLesson(course, assignment, lang, wantedLesson);
  const panel = await assignmentPanel({ userId: user.id, courseId: course.id, courseSlug: slug, lessonId, assignment, lang });
  return {
    course: { slug, title: textIn(course.definition.title, lang) },
    lesson: { id: lessonId, title: textIn(findLesson(course.definition, lessonId)?.lesson.title ?? {}, lang) },
    fallback,
    panel,
  };
}

/** The data a lesson page needs to render the assignment island of `lessonId`, or null if the assignment is gone. */
export async function assignmentIslandData(input: { course: CatalogCourse; lessonId: string; lang: Locale; userId: string; assignmentId: unknown }) {
  if (typeof input.assignmentId !== "string") return null;
  const assignment = await loadAssignment(input.course, input.assignmentId);
  if (!assignment) return null;
  return assignmentPanel({
    userId: input.userId,
    courseId: input.course.id,
    courseSlug: input.course.slug,
    lessonId: input.lessonId,
    assignment,
    lang: input.lang,
  });
}

export type SubmitFormResult =
  | { ok: true; redirectTo: string }
  | { ok: false; errors: FieldErrors; values: { text: string }; maxSizeMB: number | null };

/**
 * Handles the multipart form of the assignment panel. On any error the text
 * comes back so the page can show it again; a refused file is never kept.
 */
export async function submitAssignmentForm(request: Request, slug: string, assignmentId: string, user: SessionUser): Promise<SubmitFormResult> {
  const { course, assignment } = await requireEnrolledAssignment(slug, assignmentId, user.id);
  const rules = assignment.attachment;
  const received = await receiveSubmissionForm(request, {
    fileField: "attachment",
    // Without an attachment rule any file is refused by type, so the size limit here hardly matters.
    maxBytes: Math.floor((rules?.maxSizeMB ?? 1) * 1024 * 1024),
    allowedKinds: rules?.kinds ?? [],
  });
  const text = String(received.form.get("text") ?? "");
  const result = await submitAssignment({
    userId: user.id,
    courseId: course.id,
    assignmentId,
    text,
    attachment: received.attachment,
    attachmentProblem: received.attachmentProblem,
  });
  if (!result.ok) return { ok: false, errors: result.errors, values: { text }, maxSizeMB: rules?.maxSizeMB ?? null };
  const { lang } = contentLanguage(course.definition.languages, user.locale as Locale);
  const lessonId = await resolveLesson(course, assignment, lang, received.form.get("lesson"));
  return { ok: true, redirectTo: lessonHref(slug, lessonId, assignmentId) };
}
