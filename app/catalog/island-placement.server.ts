import path from "node:path";
import { displayPath, LESSONS_DIR, lessonFileName } from "./course-schema.server";
import type { CourseCheckInput } from "./island-validators.server";
import type { Locale } from "~/i18n/locales";

/**
 * The build's checks for islands backed by a file of the course folder
 * (quizzes, assignments): every <Component id="…" /> names an existing file,
 * and every file is placed in exactly one lesson, in every language of that
 * lesson (learners' attempts and submissions are per file, so one file in two
 * places would share them).
 */
export function islandPlacementErrors(
  { courseDir, course, islands }: CourseCheckInput,
  island: {
    kind: string;
    /** The MDX component, e.g. `Quiz`. */
    component: string;
    /** Ids of the valid files, in the order messages list them. */
    ids: readonly string[];
    /** The file of an id as messages name it. */
    fileOf: (id: string) => string;
    /** How messages say it: { verb: "shows", participle: "shown", one: "a quiz" }. */
    words: { verb: string; participle: string; one: string };
  },
): string[] {
  const { kind, component, ids, fileOf, words } = island;
  const lessonFile = (lessonId: string, lang: string) =>
    displayPath(path.dirname(courseDir), course.slug, LESSONS_DIR, lessonFileName(lessonId, lang as Locale));
  const errors: string[] = [];

  // id → lesson id → languages placing it
  const uses = new Map<string, Map<string, Set<string>>>();
  for (const placed of islands) {
    if (placed.kind !== kind || typeof placed.props.id !== "string") continue;
    const id = placed.props.id;
    if (!ids.includes(id)) {
      errors.push(`${lessonFile(placed.lessonId, placed.lang)}: <${component} id="${id}" />: there is no ${fileOf(id)}`);
      continue;
    }
    const byLesson = uses.get(id) ?? new Map<string, Set<string>>();
    uses.set(id, byLesson);
    const langs = byLesson.get(placed.lessonId) ?? new Set<string>();
    if (langs.has(placed.lang)) errors.push(`${lessonFile(placed.lessonId, placed.lang)}: <${component} id="${id}" /> appears twice`);
    langs.add(placed.lang);
    byLesson.set(placed.lessonId, langs);
  }

  for (const id of ids) {
    const byLesson = uses.get(id);
    if (!byLesson) {
      errors.push(`${fileOf(id)}: no lesson ${words.verb} it (add <${component} id="${id}" /> to a lesson, or remove the file)`);
      continue;
    }
    if (byLesson.size > 1) {
      errors.push(`${fileOf(id)}: ${words.participle} by several lessons (${[...byLesson.keys()].join(", ")}); ${words.one} belongs to one lesson`);
    }
    for (const [lessonId, langs] of byLesson) {
      for (const lang of course.languages) {
        if (!langs.has(lang)) {
          errors.push(`${lessonFile(lessonId, lang)}: <${component} id="${id}" /> is missing (the other languages of this lesson have it)`);
        }
      }
    }
  }
  return errors;
}
