import type { SessionUser } from "~/auth/session.server";
import { type CatalogCourse, getLessonContent } from "~/catalog/catalog.server";
import { islandNamespaces } from "~/catalog/content-kind";
import { lessonCompletedByIsland, loadIslandData } from "~/catalog/content-kind.server";
import { derivedCache } from "~/catalog/derived.server";
import { contentLanguage, findLesson, lessonsInOrder, textIn } from "~/catalog/outline";
import { contentKinds } from "~/content-kinds";
import { contentPipeline } from "~/content-kinds.server";
import { messagesIn } from "~/i18n/catalog";
import type { Locale } from "~/i18n/locales";
import { courseCertificate, stepViews } from "./completion-views.server";
import { requireEnrolledCourseWith } from "./course-access.server";
import { courseProgress, markLessonComplete, recordLessonView } from "./progress.server";

/** The lesson page (/courses/:slug/:lesson): content, navigation and "mark as complete". */

async function requireEnrolledLesson(slug: string, lessonId: string, userId: string) {
  return requireEnrolledCourseWith(slug, userId, (course) => findLesson(course.definition, lessonId));
}

/** What the page shows of the course around the lesson, in one language: the same for every learner. */
const lessonFrame = derivedCache((course: CatalogCourse, key: string) => {
  const [lessonId, lang] = key.split("\0") as [string, Locale];
  const d = course.definition;
  const found = findLesson(d, lessonId)!;
  const order = lessonsInOrder(d);
  const index = order.findIndex((l) => l.id === lessonId);
  const neighbour = (i: number) => {
    const l = order[i];
    if (!l) return null;
    return { id: l.id, title: textIn(findLesson(d, l.id)?.lesson.title ?? {}, lang) };
  };
  return {
    course: { slug: course.slug, title: textIn(d.title, lang) },
    lesson: {
      id: lessonId,
      title: textIn(found.lesson.title, lang),
      moduleTitle: textIn(found.module.title, lang),
      index: index + 1,
      total: order.length,
      minutes: course.minutes?.[lessonId]?.[lang] ?? null,
    },
    previous: neighbour(index - 1),
    next: neighbour(index + 1),
  };
});

export async function lessonPage(slug: string, lessonId: string, user: Pick<SessionUser, "id" | "role">, locale: Locale) {
  const userId = user.id;
  const { course, enrolment } = await requireEnrolledLesson(slug, lessonId, userId);
  const { lang, fallback } = contentLanguage(course.definition.languages, locale);
  // The enrolment is read once, above, and handed to everything below.
  await recordLessonView(userId, course, lessonId, new Date(), enrolment);
  const [content, progress] = await Promise.all([getLessonContent(course, lessonId, lang), courseProgress(userId, course, enrolment)]);
  const [islandData, steps, certificate] = await Promise.all([
    loadIslandData(contentPipeline.kinds, content.segments, { course, lessonId, lang, userId, userRole: user.role, enrolment }),
    stepViews(course, progress.evaluation, userId, lang, enrolment),
    progress.completion ? courseCertificate(userId, course.id) : null,
  ]);

  for (const segment of content.segments) {
    if (segment.type === "island" && !contentPipeline.kinds.some((k) => k.name === segment.kind)) {
      console.warn(JSON.stringify({ level: "warn", msg: "unknown lesson island kind", kind: segment.kind, file: content.file }));
    }
  }

  return {
    ...lessonFrame(course, `${lessonId}\0${lang}`),
    lang,
    fallback,
    segments: content.segments,
    islandData,
    // The messages of the island kinds this lesson contains, and only those (docs/decisions/028).
    islandMessages: messagesIn(locale, islandNamespaces(contentKinds, content.segments)),
    headings: content.headings,
    done: progress.lessonStates[lessonId] === "done",
    /** The lesson completes with its island (a SCORM package): no "mark as complete" button. */
    completedByIsland: lessonCompletedByIsland(contentPipeline.kinds, course.islands, lessonId),
    percent: progress.evaluation.percent,
    courseCompletedAt: progress.completion?.completedAt.toISOString() ?? null,
    certificate,
    // What the completion rule still waits for, this lesson first: shown once this lesson is done.
    remaining: progress.completion
      ? []
      : steps.filter((step) => !step.met).sort((a, b) => Number(b.lessonId === lessonId) - Number(a.lessonId === lessonId)),
  };
}

export async function completeLesson(slug: string, lessonId: string, userId: string) {
  const { course } = await requireEnrolledLesson(slug, lessonId, userId);
  if (lessonCompletedByIsland(contentPipeline.kinds, course.islands, lessonId)) throw new Response("Bad request", { status: 400 });
  return markLessonComplete(userId, course, lessonId);
}
