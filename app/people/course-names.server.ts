import { getCatalog } from "~/catalog/catalog.server";
import { contentLanguage, findLesson, textIn } from "~/catalog/outline";
import type { Locale } from "~/i18n/locales";

export type CourseName = { slug: string; title: string; lang: Locale };

export type CourseNames = {
  /** The course's title in the page's language where the course has it; its slug once it left the catalogue. */
  course: (id: string, slug?: string) => CourseName;
  /** A lesson's title, or its id when the course no longer has it. */
  lesson: (courseId: string, lessonId: string) => string;
};

/**
 * Titles of courses and lessons by id, for pages listing a person's
 * training. A course row whose content is gone from the catalogue keeps its
 * slug as title: records of past training still say what they were about.
 */
export async function courseNames(locale: Locale): Promise<CourseNames> {
  const { courses } = await getCatalog();
  const byId = new Map(courses.map((course) => [course.id, { course, lang: contentLanguage(course.definition.languages, locale).lang }]));
  return {
    course(id, slug = id) {
      const found = byId.get(id);
      if (!found) return { slug, title: slug, lang: locale };
      return { slug: found.course.slug, title: textIn(found.course.definition.title, found.lang), lang: found.lang };
    },
    lesson(courseId, lessonId) {
      const found = byId.get(courseId);
      const lesson = found ? findLesson(found.course.definition, lessonId) : null;
      return lesson && found ? textIn(lesson.lesson.title, found.lang) : lessonId;
    },
  };
}
