import type { ContentPipeline } from "~/catalog/content-kind.server";
import { assignmentKindServer } from "~/learning/assignment/assignment-kind.server";
import { completionRuleCheck } from "~/learning/completion-checks.server";
import { quizKindServer } from "~/learning/quiz/quiz-kind.server";
import { scormKindServer } from "~/scorm/scorm-kind.server";

/**
 * Every kind of course content the platform knows, server side, and the
 * checks that span kinds: what the course build runs and the lesson page
 * loads. The catalogue (app/catalog/) is given this, and imports none of it.
 * A new kind (SCORM) is one line here and one in app/content-kinds.tsx.
 */
export const contentPipeline: ContentPipeline = {
  kinds: [quizKindServer, assignmentKindServer, scormKindServer],
  checks: [completionRuleCheck],
};
