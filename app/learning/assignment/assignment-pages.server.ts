import { redirect } from "@remix-run/node";
import type { SessionUser } from "~/auth/session.server";
import { type CatalogCourse, getCourse, getLessonContent } from "~/catalog/catalog.server";
import { contentLanguage, findLesson, lessonsInOrder, textIn } from "~/catalog/outline";
import type { Locale } from "~/i18n/locales";
import { isEnrolled } from "~/learning/progress.server";
import { loadAssignment, type LoadedAssignment } from "./assignments.server";
import { receiveSubmissionForm } from "./attachments.server";
import { assignmentPanel } from "./panel.server";
import { submitAssignment, type FieldErrors } from "./submissions.server";
import { lessonHref } from "./types";

/** The learner's side: the assignment page (/courses/:slug/assignments/:id) and handing in a version. */

export const ASSIGNMENT_ISLAND = "assignment";

async function requireEnrolledAssignment(slug: string, assignmentId: string, userId: string) {
  const course = await getCourse(slug);
  const assignment = course ? await loadAssignment(slug, assignmentId) : null;
  if (!course || !assignment) throw new Response("Not found", { status: 404 });
  if (!(await isEnrolled(userId, course.id))) throw redirect(`/courses/${slug}`);
  return { course, assignment };
}

const holders = new Map<string, string | null>();

/** The lesson whose content holds <Assignment id="…" />; remembered per course version. */
async function lessonHolding(course: CatalogCourse, assignmentId: string, lang: Locale): Promise<string | null> {
  const memoKey = `${course.slug}\0${course.version}\0${assignmentId}`;
  if (holders.has(memoKey)) return holders.get(memoKey)!;
  let found: string | null = null;
  for (const { id } of lessonsInOrder(course.definition)) {
    const content = await getLessonContent(course, id, lang);
    const holds = content.segments.some((s) => s.type === "island" && s.kind === ASSIGNMENT_ISLAND && s.props.id === assignmentId);
    if (holds) {
      found = id;
      break;
    }
  }
  holders.set(memoKey, found);
  return found;
}

async function resolveLesson(course: CatalogCourse, assignment: LoadedAssignment, lang: Locale, wanted: unknown): Promise<string> {
  if (typeof wanted === "string" && findLesson(course.definition, wanted)) return wanted;
  return (await lessonHolding(course, assignment.id, lang)) ?? lessonsInOrder(course.definition)[0].id;
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
  const assignment = await loadAssignment(input.course.slug, input.assignmentId);
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
