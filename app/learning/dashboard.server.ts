import { getCatalog } from "~/catalog/catalog.server";
import { contentLanguage, findLesson, textIn } from "~/catalog/outline";
import type { Locale } from "~/i18n/locales";
import { progressByCourse } from "./progress.server";

/** The learner's dashboard (/me): every enrolled course with its derived progress. */
export async function learnerDashboard(userId: string, locale: Locale) {
  const { courses } = await getCatalog();
  const progress = await progressByCourse(userId, courses);
  return courses
    .filter((course) => progress.has(course.id))
    .map((course) => {
      const p = progress.get(course.id)!;
      const { lang } = contentLanguage(course.definition.languages, locale);
      const resume = findLesson(course.definition, p.resumeLessonId);
      return {
        slug: course.slug,
        lang,
        title: textIn(course.definition.title, lang),
        percent: p.evaluation.percent,
        rule: p.evaluation.byKind,
        completedAt: p.completion?.completedAt.toISOString() ?? null,
        enrolledAt: p.enrolledAt?.toISOString() ?? null,
        resumeLessonId: p.resumeLessonId,
        resumeLessonTitle: resume ? textIn(resume.lesson.title, lang) : "",
      };
    })
    .sort((a, b) => Number(Boolean(a.completedAt)) - Number(Boolean(b.completedAt)) || (b.enrolledAt ?? "").localeCompare(a.enrolledAt ?? ""));
}
