import fs from "node:fs/promises";
import path from "node:path";
import { COURSE_FILE } from "~/catalog/course-schema.server";
import { readYaml } from "~/catalog/yaml-errors.server";
import { LOCALES, type Locale } from "~/i18n/locales";

/**
 * What the check needs from a course.yml even when it is invalid: its
 * languages and lesson ids, read leniently, so quizzes, assignments, links
 * and lessons are still checked while course.yml has a mistake.
 */
export type CourseOutline = { slug: string; languages: Locale[]; lessonIds: string[] };

export async function readCourseOutline(coursesDir: string, slug: string): Promise<CourseOutline> {
  const text = await fs.readFile(path.join(coursesDir, slug, COURSE_FILE), "utf8").catch(() => "");
  const yaml = readYaml(text, COURSE_FILE);
  const raw = (yaml.ok ? yaml.value : null) as { languages?: unknown; modules?: unknown } | null;
  const declared = Array.isArray(raw?.languages) ? raw.languages.filter((l): l is Locale => (LOCALES as readonly unknown[]).includes(l)) : [];
  const lessonIds: string[] = [];
  for (const mod of Array.isArray(raw?.modules) ? raw.modules : []) {
    const lessons = (mod as { lessons?: unknown } | null)?.lessons;
    for (const lesson of Array.isArray(lessons) ? lessons : []) {
      const id = (lesson as { id?: unknown } | null)?.id;
      if (typeof id === "string") lessonIds.push(id);
    }
  }
  return { slug, languages: declared.length ? [...new Set(declared)] : [...LOCALES], lessonIds };
}
