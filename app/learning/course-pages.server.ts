import { type Catalog, type CatalogCourse, getCatalog } from "~/catalog/catalog.server";
import { derivedCache } from "~/catalog/derived.server";
import { contentLanguage, lessonsInOrder, textIn } from "~/catalog/outline";
import type { Locale } from "~/i18n/locales";
import { evaluateCompletionRule } from "./completion.server";
import { courseCertificate, stepViews } from "./completion-views.server";
import { requireCourse } from "./course-access.server";
import { enrol } from "./enrolments.server";
import { type CourseProgress, courseProgress, type LessonState, progressByCourse } from "./progress.server";

/** What the catalogue (/courses) and course page (/courses/:slug) show. */

export type CourseSummary = {
  slug: string;
  /** The language the course's texts are in; differs from the page's when the course lacks it. */
  lang: Locale;
  fallback: boolean;
  title: string;
  summary: string;
  audience: string;
  hours: number;
  /** Estimated minutes to study every lesson in `lang` (reading, quizzes, assignments); null for a manifest without estimates. */
  minutes: number | null;
  modules: number;
  lessons: number;
  languages: Locale[];
};

export type ProgressBadge = { percent: number; completedAt: string | null };

/** The build's estimate for one lesson in one language, or null when the manifest has none. */
function lessonMinutes(course: CatalogCourse, lessonId: string, lang: Locale): number | null {
  return course.minutes?.[lessonId]?.[lang] ?? null;
}

function courseMinutes(course: CatalogCourse, lang: Locale): number | null {
  const each = lessonsInOrder(course.definition).map((l) => lessonMinutes(course, l.id, lang));
  return each.every((m) => m !== null) ? each.reduce<number>((sum, m) => sum + (m ?? 0), 0) : null;
}

function summarise(course: CatalogCourse, locale: Locale): CourseSummary {
  const { lang, fallback } = contentLanguage(course.definition.languages, locale);
  const d = course.definition;
  return {
    slug: course.slug,
    lang,
    fallback,
    title: textIn(d.title, lang),
    summary: textIn(d.summary, lang),
    audience: textIn(d.audience, lang),
    hours: d.hours,
    minutes: courseMinutes(course, lang),
    modules: d.modules.length,
    lessons: lessonsInOrder(d).length,
    languages: d.languages,
  };
}

/** Per catalogue load and language (app/catalog/derived.server.ts): a course's summary, and the catalogue in title order. */
const summaryIn = derivedCache((course: CatalogCourse, locale: string) => summarise(course, locale as Locale));
const catalogueIn = derivedCache((catalog: Catalog, locale: string) =>
  catalog.courses
    .map((course) => ({ course, summary: summaryIn(course, locale) }))
    .sort((a, b) => a.summary.title.localeCompare(b.summary.title, locale)),
);

export async function catalogueCards(locale: Locale, userId: string | null) {
  const catalog = await getCatalog();
  // Only the learner's own progress is read per request.
  const progress = userId ? await progressByCourse(userId, catalog.courses) : new Map<string, CourseProgress>();
  return catalogueIn(catalog, locale).map(({ course, summary }) => {
    const p = progress.get(course.id);
    const badge: ProgressBadge | null = p
      ? { percent: p.evaluation.percent, completedAt: p.completion?.completedAt.toISOString() ?? null }
      : null;
    return { ...summary, progress: badge };
  });
}

export async function coursePage(slug: string, locale: Locale, userId: string | null) {
  const course = await requireCourse(slug);
  const summary = summaryIn(course, locale);
  const progress = userId ? await courseProgress(userId, course) : null;
  const enrolled = Boolean(userId && progress?.enrolled);
  const states = enrolled ? progress!.lessonStates : {};
  // Visitors see what the course asks for too, only without any state.
  const evaluation = progress?.evaluation ?? evaluateCompletionRule(course.definition, { completedLessonIds: new Set() }, course.islands);
  const [steps, certificate] = await Promise.all([
    stepViews(course, evaluation, enrolled ? userId : null, summary.lang),
    enrolled && progress?.completion ? courseCertificate(userId!, course.id) : null,
  ]);
  // A SCORM lesson the rule names is required through its package, even with `lessons: []`.
  const requiredLessons = new Set(evaluation.requirements.filter((r) => r.kind === "lesson" || r.kind === "scorm").map((r) => r.lessonId));
  const outline = course.definition.modules.map((mod, m) => ({
    id: mod.id,
    title: textIn(mod.title, summary.lang),
    progress: enrolled ? evaluation.modules[m] : null,
    lessons: mod.lessons.map((lesson) => ({
      id: lesson.id,
      title: textIn(lesson.title, summary.lang),
      minutes: lessonMinutes(course, lesson.id, summary.lang),
      state: (states[lesson.id] ?? "notStarted") as LessonState,
      required: requiredLessons.has(lesson.id),
      // The quizzes and assignments the rule asks for in this lesson.
      steps: steps.filter((s) => s.kind !== "lesson" && s.lessonId === lesson.id),
    })),
  }));
  return {
    course: summary,
    outline,
    rule: evaluation.byKind,
    // The quizzes and assignments the rule asks for, for the overview shown before enrolling.
    ruleSteps: steps.filter((s) => s.kind !== "lesson"),
    enrolment: enrolled
      ? {
          percent: evaluation.percent,
          completedAt: progress!.completion?.completedAt.toISOString() ?? null,
          resumeLessonId: progress!.resumeLessonId,
          started: progress!.started,
          certificate,
          // Requirements the build could not place in a lesson (a manifest from before placements were recorded).
          unplaced: steps.filter((s) => !s.lessonId && !s.met),
        }
      : null,
  };
}

/** One click, idempotent; 404 for an unknown course. */
export async function enrolInCourse(slug: string, userId: string) {
  const course = await requireCourse(slug);
  await enrol(userId, course);
  return { enrolled: true as const };
}
