import { micromark } from "micromark";
import { documentEntry } from "~/catalog/documents.server";
import type { LocalizedText } from "~/catalog/types";
import { ASSIGNMENT_ISLAND } from "./assignment-kind";
import type { AssignmentDefinition } from "./types";

export type LoadedAssignment = AssignmentDefinition & {
  /** The instructions rendered once from Markdown. micromark drops raw HTML, so this is safe to inject. */
  instructionsHtml: LocalizedText;
};

/** Renders the instructions once, at build time, for the course document. */
export function withInstructionsHtml(assignment: AssignmentDefinition): LoadedAssignment {
  const instructionsHtml: LocalizedText = {};
  for (const [lang, markdown] of Object.entries(assignment.instructions) as [keyof LocalizedText, string][]) {
    instructionsHtml[lang] = micromark(markdown);
  }
  return { ...assignment, instructionsHtml };
}

/**
 * The assignment of the course version, as the build validated and rendered
 * it into the course document (never read from courses/ at run time). Null
 * when the course has no such assignment.
 */
export async function loadAssignment(course: { slug: string; version: string }, assignmentId: string): Promise<LoadedAssignment | null> {
  return documentEntry<LoadedAssignment>(course, ASSIGNMENT_ISLAND, assignmentId);
}

/** The highest number of points a rubric can give. */
export function maxPoints(assignment: AssignmentDefinition): number {
  return assignment.rubric.reduce((sum, c) => sum + Math.max(...c.levels.map((l) => l.points)), 0);
}
