import { islandRenderer } from "~/catalog/content-kind";
import { assignmentKind } from "~/learning/assignment/assignment-kind";
import { quizKind } from "~/learning/quiz/quiz-kind";
import { scormKind } from "~/scorm/scorm-kind";

/**
 * The browser halves of the content kinds (their lazy island components), as
 * app/content-kinds.server.ts lists their server halves.
 */
export const contentKinds = [quizKind, assignmentKind, scormKind];

/** Renders one lesson island with the component of its kind. */
export const LessonIsland = islandRenderer(contentKinds);
