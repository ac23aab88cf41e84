import { DEFAULT_LOCALE, type Locale } from "~/i18n/locales";
import type { CourseDefinition, LocalizedText } from "./types";

/**
 * The language a course is shown in: the reader's own when the course offers
 * it, otherwise French (the platform's default) when offered, otherwise the
 * course's first language. `fallback` tells the page to say so.
 */
export function contentLanguage(languages: readonly Locale[], wanted: Locale): { lang: Locale; fallback: boolean } {
  if (languages.includes(wanted)) return { lang: wanted, fallback: false };
  const lang = languages.includes(DEFAULT_LOCALE) ? DEFAULT_LOCALE : languages[0];
  return { lang, fallback: true };
}

/** Validation guarantees a text in every language the course offers; "" only for malformed data. */
export function textIn(value: LocalizedText, lang: Locale): string {
  return value[lang] ?? Object.values(value).find(Boolean) ?? "";
}

export type OutlineLesson = { id: string; moduleId: string; moduleIndex: number; index: number };

/** Every lesson of a course in reading order, across modules. */
export function lessonsInOrder(course: CourseDefinition): OutlineLesson[] {
  const out: OutlineLesson[] = [];
  course.modules.forEach((mod, moduleIndex) => {
    for (const lesson of mod.lessons) out.push({ id: lesson.id, moduleId: mod.id, moduleIndex, index: out.length });
  });
  return out;
}

export function findLesson(course: CourseDefinition, lessonId: string) {
  for (const [moduleIndex, mod] of course.modules.entries()) {
    const lesson = mod.lessons.find((l) => l.id === lessonId);
    if (lesson) return { module: mod, moduleIndex, lesson };
  }
  return null;
}
