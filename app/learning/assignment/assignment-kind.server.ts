import path from "node:path";
import type { ContentKindServer } from "~/catalog/content-kind.server";
import { displayPath } from "~/catalog/course-schema.server";
import type { JsonValue } from "~/catalog/types";
import { ASSIGNMENT_EXTENSION, ASSIGNMENTS_DIR, validateCourseAssignments } from "./assignment-format.server";
import { ASSIGNMENT_ISLAND } from "./assignment-kind";
import { assignmentIslandData } from "./assignment-pages.server";
import { withInstructionsHtml } from "./assignments.server";

/** Study time an assignment adds to its lesson (docs/decisions/019-lesson-media-and-reading-time.md). */
export const MINUTES_PER_ASSIGNMENT = 20;

/**
 * The assignment kind as the course build and the lesson page run it: every
 * <Assignment id="…" /> names a valid assignments/<id>.yml, every file is used
 * by exactly one lesson in every language of that lesson, and the validated
 * assignments (instructions rendered from Markdown) go into the course document.
 */
export const assignmentKindServer: ContentKindServer = {
  name: ASSIGNMENT_ISLAND,
  component: "Assignment",
  validateIsland({ props, file }) {
    const { id, ...rest } = props;
    const errors: string[] = [];
    if (typeof id !== "string" || !id) errors.push(`${file}: <Assignment> needs an id: <Assignment id="pitch" />`);
    for (const key of Object.keys(rest)) errors.push(`${file}: <Assignment> has no "${key}" prop (only id)`);
    return errors;
  },
  async buildEntries({ courseDir, course }) {
    const checked = await validateCourseAssignments(courseDir, course.languages);
    if (!checked.ok) return checked;
    const entries = Object.fromEntries([...checked.assignments].map(([id, a]) => [id, withInstructionsHtml(a)]));
    return { ok: true, entries: entries as unknown as Record<string, JsonValue> };
  },
  placement: {
    fileOf: (courseDir, id) => displayPath(path.dirname(courseDir), path.basename(courseDir), ASSIGNMENTS_DIR, id + ASSIGNMENT_EXTENSION),
    verb: "uses",
    participle: "used",
    one: "an assignment",
  },
  studyMinutes: () => MINUTES_PER_ASSIGNMENT,
  loadIsland: ({ props, ...rest }) => assignmentIslandData({ ...rest, assignmentId: props.id }),
};
