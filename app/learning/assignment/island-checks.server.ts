import path from "node:path";
import { displayPath } from "~/catalog/course-schema.server";
import { islandPlacementErrors } from "~/catalog/island-placement.server";
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

export const assignmentCourseValidator: CourseValidator = async (input) => {
  const checked = await validateCourseAssignments(input.courseDir, input.course.languages);
  if (!checked.ok) return checked.errors;
  return islandPlacementErrors(input, {
    kind: KIND,
    component: "Assignment",
    ids: [...checked.assignments.keys()],
    fileOf: (id) => displayPath(path.dirname(input.courseDir), input.course.slug, ASSIGNMENTS_DIR, id + ASSIGNMENT_EXTENSION),
    words: { verb: "uses", participle: "used", one: "an assignment" },
  });
};
