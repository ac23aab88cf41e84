import path from "node:path";
import type { CourseValidator, IslandValidator } from "~/catalog/island-validators.server";
import { QUIZ_EXTENSION, quizDisplayName, validateCourseQuizzes } from "./load.server";

/**
 * What the course build checks about quizzes: every <Quiz id="…" /> names a
 * valid quiz file, every quiz file is shown by exactly one lesson, in every
 * language of that lesson (attempts are per quiz, so one quiz in two places
 * would share them). Messages name the file, as the build prints them.
 */

const KIND = "quiz";

export const quizIslandValidator: IslandValidator = ({ props, file }) => {
  const { id, ...rest } = props;
  const errors: string[] = [];
  if (typeof id !== "string" || !id) errors.push(`${file}: <Quiz> needs an id naming a file in quizzes/: <Quiz id="check-your-knowledge" />`);
  for (const key of Object.keys(rest)) errors.push(`${file}: <Quiz> has no "${key}" prop (only id)`);
  return errors;
};

export const quizCourseValidator: CourseValidator = async ({ courseDir, course, islands }) => {
  const checked = await validateCourseQuizzes(courseDir, course.languages);
  if (!checked.ok) return checked.errors;
  const errors: string[] = [];
  const fileOf = (id: string) => quizDisplayName(courseDir, id + QUIZ_EXTENSION);
  const lessonFile = (lessonId: string, lang: string) =>
    [path.basename(path.dirname(courseDir)), path.basename(courseDir), "lessons", `${lessonId}.${lang}.mdx`].join("/");

  // quiz id → lesson id → languages showing it
  const uses = new Map<string, Map<string, Set<string>>>();
  for (const island of islands) {
    if (island.kind !== KIND || typeof island.props.id !== "string") continue;
    const id = island.props.id;
    if (!checked.quizzes.has(id)) {
      errors.push(`${lessonFile(island.lessonId, island.lang)}: <Quiz id="${id}" />: there is no ${fileOf(id)}`);
      continue;
    }
    const byLesson = uses.get(id) ?? new Map<string, Set<string>>();
    uses.set(id, byLesson);
    const langs = byLesson.get(island.lessonId) ?? new Set<string>();
    if (langs.has(island.lang)) errors.push(`${lessonFile(island.lessonId, island.lang)}: <Quiz id="${id}" /> appears twice`);
    langs.add(island.lang);
    byLesson.set(island.lessonId, langs);
  }

  for (const id of checked.quizzes.keys()) {
    const byLesson = uses.get(id);
    if (!byLesson) {
      errors.push(`${fileOf(id)}: no lesson shows it (add <Quiz id="${id}" /> to a lesson, or remove the file)`);
      continue;
    }
    if (byLesson.size > 1) errors.push(`${fileOf(id)}: shown by several lessons (${[...byLesson.keys()].join(", ")}); a quiz belongs to one lesson`);
    for (const [lessonId, langs] of byLesson) {
      for (const lang of course.languages) {
        if (!langs.has(lang)) errors.push(`${lessonFile(lessonId, lang)}: <Quiz id="${id}" /> is missing (the other languages of this lesson have it)`);
      }
    }
  }
  return errors;
};
