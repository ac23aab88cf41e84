import { assignmentCourseValidator, assignmentIslandValidator } from "~/learning/assignment/island-checks.server";
import { completionRuleValidator } from "~/learning/completion-checks.server";
import { quizCourseValidator, quizIslandValidator } from "~/learning/quiz/island-checks.server";
import type { CourseDefinition, JsonValue } from "./types";

/**
 * Checks the course build runs on interactive content, registered by the
 * capability that owns it (quizzes in app/learning/quiz/, later assignments and
 * SCORM). The build stays ignorant of their formats: it only reports the
 * messages, and any message fails the build.
 */
export type IslandCheckInput = {
  /** Absolute path of courses/<slug>/. */
  courseDir: string;
  course: CourseDefinition;
  lessonId: string;
  lang: string;
  /** The lesson file as messages name it, e.g. courses/<slug>/lessons/intro.fr.mdx. */
  file: string;
  props: Record<string, JsonValue>;
};

export type CourseCheckInput = {
  courseDir: string;
  course: CourseDefinition;
  /** Every island used by the course's lessons, in every language. */
  islands: { kind: string; lessonId: string; lang: string; props: Record<string, JsonValue> }[];
};

/** Return messages (empty when valid); each names its file, as the build prints them as they are. */
export type IslandValidator = (input: IslandCheckInput) => string[] | Promise<string[]>;
export type CourseValidator = (input: CourseCheckInput) => string[] | Promise<string[]>;

/** One validator per island kind, run on every island of that kind in every lesson. */
export const islandValidators: Record<string, IslandValidator> = { assignment: assignmentIslandValidator, quiz: quizIslandValidator };

/** Run once per course after its lessons are rendered (e.g. quiz files that no lesson uses). */
export const courseValidators: CourseValidator[] = [assignmentCourseValidator, quizCourseValidator, completionRuleValidator];
