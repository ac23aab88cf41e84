import fs from "node:fs/promises";
import path from "node:path";
import { documentEntry } from "~/catalog/documents.server";
import { readYamlFile } from "~/catalog/yaml-errors.server";
import type { Locale } from "~/i18n/locales";
import type { Quiz } from "./definition.server";
import { isQuizId, parseQuizDefinition } from "./format.server";
import { QUIZ_ISLAND } from "./quiz-kind";

/**
 * Quiz files live in courses/<slug>/quizzes/. The course build validates them
 * once (validateCourseQuizzes) and writes them into the course document in the
 * compiled cache (app/catalog/documents.server.ts); at run time loadQuiz reads
 * that document, never courses/. The cache is not served, so the answer keys
 * stay on the server.
 */
export const QUIZZES_DIR = "quizzes";
export const QUIZ_EXTENSION = ".yml";

/** `courses/<slug>/quizzes/<name>`, the name messages use. */
export function quizDisplayName(courseDir: string, name: string): string {
  return [path.basename(path.dirname(courseDir)), path.basename(courseDir), QUIZZES_DIR, name].join("/");
}

/** The quiz of the course version, as the build validated it, or null when the course has no such quiz. */
export async function loadQuiz(course: { slug: string; version: string }, quizId: string): Promise<Quiz | null> {
  if (!isQuizId(quizId)) return null;
  return documentEntry<Quiz>(course, QUIZ_ISLAND, quizId);
}

export type CourseQuizzesCheck = { ok: true; quizzes: Map<string, Quiz> } | { ok: false; errors: string[] };

/**
 * Validates every file of courses/<slug>/quizzes/ for the course build. A
 * course without the folder simply has no quizzes. Every message names its
 * file and field.
 */
export async function validateCourseQuizzes(courseDir: string, languages: readonly Locale[]): Promise<CourseQuizzesCheck> {
  const dir = path.join(courseDir, QUIZZES_DIR);
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => !n.startsWith(".")).sort();
  const errors: string[] = [];
  const quizzes = new Map<string, Quiz>();
  for (const name of names) {
    const file = quizDisplayName(courseDir, name);
    if (!name.endsWith(QUIZ_EXTENSION)) {
      errors.push(`${file}: not a quiz (quiz files end in ${QUIZ_EXTENSION})`);
      continue;
    }
    const yaml = await readYamlFile(path.join(dir, name), file);
    const checked = yaml.ok ? parseQuizDefinition(yaml.value, { file, quizId: name.slice(0, -QUIZ_EXTENSION.length), languages }) : yaml;
    if (checked.ok) quizzes.set(checked.quiz.id, checked.quiz);
    else errors.push(...checked.errors);
  }
  return errors.length ? { ok: false, errors } : { ok: true, quizzes };
}
