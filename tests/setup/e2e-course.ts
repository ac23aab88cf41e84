/**
 * A library course as its files describe it (course.yml, the lessons that
 * hold each quiz or assignment), so specs follow the content instead of
 * restating it.
 */
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import type { Locale } from "../../app/i18n/locales";
import { ROOT, TRAFFICKING_COURSE } from "./e2e-env";

type Localized = Record<Locale, string>;
type CourseYml = {
  title: Localized;
  languages: Locale[];
  modules: { id: string; title: Localized; lessons: { id: string; title: Localized }[] }[];
  completion: { lessons: "all" | string[]; quizzes?: (string | { id: string; minScore?: number })[]; assignments?: string[] };
};

export type LibraryCourse = ReturnType<typeof libraryCourse>;

export function libraryCourse(slug: string) {
  const dir = path.join(ROOT, "courses", slug);
  const course = parse(fs.readFileSync(path.join(dir, "course.yml"), "utf8")) as CourseYml;
  const lessons = course.modules.flatMap((m) => m.lessons);
  const rule = course.completion;
  /** The first lesson (in course order) whose French text shows `<Kind id="…"`. */
  const lessonHolding = (kind: "Quiz" | "Assignment", id: string): string => {
    const pattern = new RegExp(`<${kind}\\s+id="${id}"`);
    const found = lessons.find((l) => pattern.test(fs.readFileSync(path.join(dir, "lessons", `${l.id}.fr.mdx`), "utf8")));
    if (!found) throw new Error(`${slug}: no lesson shows <${kind} id="${id}">`);
    return found.id;
  };
  return {
    slug,
    title: course.title,
    languages: course.languages,
    lessons,
    /** The lessons the completion rule asks for, in course order. */
    requiredLessons: rule.lessons === "all" ? lessons.map((l) => l.id) : lessons.map((l) => l.id).filter((id) => (rule.lessons as string[]).includes(id)),
    requiredQuizzes: (rule.quizzes ?? []).map((q) => (typeof q === "string" ? { id: q, minScore: undefined } : q)),
    requiredAssignments: rule.assignments ?? [],
    lessonHolding,
    url: `/courses/${slug}`,
    lessonUrl: (lessonId: string) => `/courses/${slug}/${lessonId}`,
  };
}

/** The anti-trafficking course, the one most specs use. */
export function traffickingCourse() {
  return libraryCourse(TRAFFICKING_COURSE);
}
