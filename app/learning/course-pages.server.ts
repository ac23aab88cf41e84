import { type CatalogCourse, getCatalog, getCourse } from "~/catalog/catalog.server";
import { contentLanguage, lessonsInOrder, textIn } from "~/catalog/outline";
import type { Locale } from "~/i18n/locales";
import { courseProgress, enrol, type LessonState, progressByCourse } from "./progress.server";

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
  modules: number;
  lessons: number;
  languages: Locale[];
};

export type ProgressBadge = { percent: number; completedAt: string | null };

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
    modules: d.modules.length,
    lessons: lessonsInOrder(d).length,
    languages: d.languages,
  };
}

export async function catalogueCards(locale: Locale, userId: string | null) {
  const { courses } = await getCatalog();
  const progress = userId ? await progressByCourse(userId, courses) : new Map();
  return courses
    .map((course) => {
      const p = progress.get(course.id);
      const badge: ProgressBadge | null = p
        ? { percent: p.evaluation.percent, completedAt: p.completion?.completedAt.toISOString() ?? null }
        : null;
      return { ...summarise(course, locale), progress: badge };
    })
    .sort((a, b) => a.title.localeCompare(b.title, locale));
}

async function requireCourse(slug: string): Promise<CatalogCourse> {
  const course = await getCourse(slug);
  if (!course) throw new Response("Not found", { status: 404 });
  return course;
}

export async function coursePage(slug: string, locale: Locale, userId: string | null) {
  const course = await requireCourse(slug);
  const summary = summarise(course, locale);
  const progress = userId ? await courseProgress(userId, course) : null;
  const states = progress?.enrolled ? progress.lessonStates : {};
  const outline = course.definition.modules.map((mod) => ({
    id: mod.id,
    title: textIn(mod.title, summary.lang),
    lessons: mod.lessons.map((lesson) => ({
      id: lesson.id,
      title: textIn(lesson.title, summary.lang),
      state: (states[lesson.id] ?? "notStarted") as LessonState,
    })),
  }));
  return {
    course: summary,
    outline,
    enrolment: progress?.enrolled
      ? {
          percent: progress.evaluation.percent,
          completedAt: progress.completion?.completedAt.toISOString() ?? null,
          resumeLessonId: progress.resumeLessonId,
          started: progress.started,
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
