import fs from "node:fs/promises";
import path from "node:path";
import { micromark } from "micromark";
import { displayPath } from "~/catalog/course-schema.server";
import type { LocalizedText } from "~/catalog/types";
import { env } from "~/config/env.server";
import { ASSIGNMENT_EXTENSION, ASSIGNMENTS_DIR, readAssignmentFile } from "./assignment-format.server";
import type { AssignmentDefinition } from "./types";

export type LoadedAssignment = AssignmentDefinition & {
  /** The instructions rendered once from Markdown. micromark drops raw HTML, so this is safe to inject. */
  instructionsHtml: LocalizedText;
};

type Entry = { mtimeMs: number; size: number; assignment: LoadedAssignment };
const cache = new Map<string, Entry>();

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The assignment of a course, read from courses/<slug>/assignments/<id>.yml
 * and kept in memory until the file changes. Null when the course has no such
 * assignment. The course build has already checked the file (languages
 * included); an invalid file here is a deployment error and throws.
 */
export async function loadAssignment(
  courseSlug: string,
  assignmentId: string,
  coursesDir: string = env.COURSES_DIR,
): Promise<LoadedAssignment | null> {
  // Both come from URLs and form fields: never let them walk out of the courses folder.
  if (!ID.test(courseSlug) || !ID.test(assignmentId)) return null;
  const file = path.join(coursesDir, courseSlug, ASSIGNMENTS_DIR, assignmentId + ASSIGNMENT_EXTENSION);
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile()) return null;
  const cached = cache.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.assignment;

  const shown = displayPath(coursesDir, courseSlug, ASSIGNMENTS_DIR, assignmentId + ASSIGNMENT_EXTENSION);
  const checked = await readAssignmentFile(file, assignmentId, [], shown);
  if (!checked.ok) throw new Error(`Invalid assignment:\n${checked.errors.join("\n")}`);
  const instructionsHtml: LocalizedText = {};
  for (const [lang, markdown] of Object.entries(checked.assignment.instructions) as [keyof LocalizedText, string][]) {
    instructionsHtml[lang] = micromark(markdown);
  }
  const assignment = { ...checked.assignment, instructionsHtml };
  cache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, assignment });
  return assignment;
}

/** The highest number of points a rubric can give. */
export function maxPoints(assignment: AssignmentDefinition): number {
  return assignment.rubric.reduce((sum, c) => sum + Math.max(...c.levels.map((l) => l.points)), 0);
}
