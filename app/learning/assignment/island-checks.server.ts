import path from "node:path";
import { displayPath } from "~/catalog/course-schema.server";
import type { CourseValidator, IslandValidator } from "~/catalog/island-validators.server";
import { ASSIGNMENT_EXTENSION, ASSIGNMENTS_DIR, validateCourseAssignments } from "./assignment-format.server";

/**
 * What the course build checks about assignments: every <Assignment id="…" />
 * names a valid file, every file is used by exactly one lesson, in every
 * language of that lesson. Messages name the file, as the build prints them.
 */

const KIND = "assignment";

export const assignmentIslandValidator: IslandValidator = ({ props, file }) => {
  const { id, ...rest } = props;
  const errors: string[] = [];
  if (typeof id !== "string" || !id) errors.push(`${file}: <Assignment> needs an id: <Assignment id="pitch" />`);
  for (const key of Object.keys(rest)) errors.push(`${file}: <Assignment> has no "${key}" prop (only id)`);
  return errors;
};

export const assignmentCourseValidator: CourseValidator = async ({ courseDir, course, islands }) => {
  const checked = await validateCourseAssignments(courseDir, course.languages);
  if (!checked.ok) return checked.errors;
  const errors: string[] = [];
  const fileOf = (id: string) => displayPath(path.dirname(courseDir), course.slug, ASSIGNMENTS_DIR, id + ASSIGNMENT_EXTENSION);
  const lessonFile = (lessonId: string, lang: string) => displayPath(path.dirname(courseDir), course.slug, "lessons", `${lessonId}.${lang}.mdx`);

  // assignment id → lesson id → languages using it
  const uses = new Map<string, Map<string, Set<string>>>();
  for (const island of islands) {
    if (island.kind !== KIND || typeof island.props.id !== "string") continue;
    const id = island.props.id;
    if (!checked.assignments.has(id)) {
      errors.push(`${lessonFile(island.lessonId, island.lang)}: <Assignment id="${id}" />: there is no ${fileOf(id)}`);
      continue;
    }
    const byLesson = uses.get(id) ?? new Map<string, Set<string>>();
    uses.set(id, byLesson);
    const langs = byLesson.get(island.lessonId) ?? new Set<string>();
    if (langs.has(island.lang)) errors.push(`${lessonFile(island.lessonId, island.lang)}: <Assignment id="${id}" /> appears twice`);
    langs.add(island.lang);
    byLesson.set(island.lessonId, langs);
  }

  for (const id of checked.assignments.keys()) {
    const byLesson = uses.get(id);
    if (!byLesson) {
      errors.push(`${fileOf(id)}: no lesson uses it (add <Assignment id="${id}" /> to a lesson, or remove the file)`);
      continue;
    }
    if (byLesson.size > 1) {
      errors.push(`${fileOf(id)}: used by several lessons (${[...byLesson.keys()].join(", ")}); an assignment belongs to one lesson`);
    }
    for (const [lessonId, langs] of byLesson) {
      for (const lang of course.languages) {
        if (!langs.has(lang)) errors.push(`${lessonFile(lessonId, lang)}: <Assignment id="${id}" /> is missing (the other languages of this lesson have it)`);
      }
    }
  }
  return errors;
};
