import fs from "node:fs/promises";
import path from "node:path";
import { env } from "~/config/env.server";
import type { Locale } from "~/i18n/locales";
import type { Quiz } from "./definition.server";
import { isQuizId, parseQuizFile } from "./format.server";

/**
 * Quiz files are read from courses/<slug>/quizzes/ (not from the compiled
 * lesson cache): they are small YAML, and the answer keys they hold must stay
 * out of anything that could be served. Parsed quizzes are memoised per file
 * and re-read only when the file's mtime or size changes.
 */
export const QUIZZES_DIR = "quizzes";
export const QUIZ_EXTENSION = ".yml";

export class QuizInvalidError extends Error {
  constructor(readonly errors: string[]) {
    super(`Invalid quiz file:\n  ${errors.join("\n  ")}`);
    this.name = "QuizInvalidError";
  }
}

/** `courses/<slug>/quizzes/<name>`, the name messages use. */
export function quizDisplayName(courseDir: string, name: string): string {
  return [path.basename(path.dirname(courseDir)), path.basename(courseDir), QUIZZES_DIR, name].join("/");
}

type Memo = { mtimeMs: number; size: number; languages: string; quiz: Quiz };
const memo = new Map<string, Memo>();
const MAX_MEMOISED = 200;

/**
 * The quiz, or null when the course has no such quiz file. Throws
 * QuizInvalidError when the file is invalid (the course build refuses such
 * files, so this means the file was edited after the build).
 */
export async function loadQuiz(options: {
  slug: string;
  quizId: string;
  languages: readonly Locale[];
  coursesDir?: string;
}): Promise<Quiz | null> {
  const { slug, quizId, languages, coursesDir = env.COURSES_DIR } = options;
  if (!isQuizId(quizId) || !/^[a-z0-9-]+$/.test(slug)) return null;
  const courseDir = path.join(coursesDir, slug);
  const absolute = path.join(courseDir, QUIZZES_DIR, `${quizId}${QUIZ_EXTENSION}`);
  const stat = await fs.stat(absolute).catch(() => null);
  if (!stat?.isFile()) return null;
  const languageKey = languages.join(",");
  const cached = memo.get(absolute);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size && cached.languages === languageKey) return cached.quiz;

  const source = await fs.readFile(absolute, "utf8");
  const checked = parseQuizFile(source, { file: quizDisplayName(courseDir, `${quizId}${QUIZ_EXTENSION}`), quizId, languages });
  if (!checked.ok) throw new QuizInvalidError(checked.errors);
  memo.delete(absolute);
  memo.set(absolute, { mtimeMs: stat.mtimeMs, size: stat.size, languages: languageKey, quiz: checked.quiz });
  if (memo.size > MAX_MEMOISED) memo.delete(memo.keys().next().value as string);
  return checked.quiz;
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
    const source = await fs.readFile(path.join(dir, name), "utf8");
    const checked = parseQuizFile(source, { file, quizId: name.slice(0, -QUIZ_EXTENSION.length), languages });
    if (checked.ok) quizzes.set(checked.quiz.id, checked.quiz);
    else errors.push(...checked.errors);
  }
  return errors.length ? { ok: false, errors } : { ok: true, quizzes };
}
