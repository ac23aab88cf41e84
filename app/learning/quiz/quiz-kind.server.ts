import type { ContentKindServer } from "~/catalog/content-kind.server";
import type { JsonValue } from "~/catalog/types";
import { QUIZ_EXTENSION, quizDisplayName, validateCourseQuizzes } from "./load.server";
import type { Quiz } from "./definition.server";
import { quizQuestionCount } from "./question-count.server";
import { QUIZ_ISLAND } from "./quiz-kind";

/** Study time per question one attempt asks (docs/decisions/019-lesson-media-and-reading-time.md). */
export const MINUTES_PER_QUIZ_QUESTION = 1;
import { quizIslandData } from "./quiz-pages.server";

/**
 * The quiz kind as the course build and the lesson page run it: every
 * <Quiz id="…" /> names a valid quizzes/<id>.yml, every quiz file is shown by
 * exactly one lesson in every language of that lesson (attempts are per quiz),
 * and the validated quizzes, answer keys included, go into the course document
 * (server-only: loadQuiz reads them from there).
 */
export const quizKindServer: ContentKindServer = {
  name: QUIZ_ISLAND,
  component: "Quiz",
  validateIsland({ props, file }) {
    const { id, ...rest } = props;
    const errors: string[] = [];
    if (typeof id !== "string" || !id) errors.push(`${file}: <Quiz> needs an id naming a file in quizzes/: <Quiz id="check-your-knowledge" />`);
    for (const key of Object.keys(rest)) errors.push(`${file}: <Quiz> has no "${key}" prop (only id)`);
    return errors;
  },
  async buildEntries({ courseDir, course }) {
    const checked = await validateCourseQuizzes(courseDir, course.languages);
    if (!checked.ok) return checked;
    return { ok: true, entries: Object.fromEntries(checked.quizzes) as unknown as Record<string, JsonValue> };
  },
  placement: {
    fileOf: (courseDir, id) => quizDisplayName(courseDir, id + QUIZ_EXTENSION),
    verb: "shows",
    participle: "shown",
    one: "a quiz",
  },
  studyMinutes: ({ props, entries }) => {
    const quiz = typeof props.id === "string" && Object.prototype.hasOwnProperty.call(entries, props.id) ? entries[props.id] : null;
    return MINUTES_PER_QUIZ_QUESTION * quizQuestionCount(quiz as unknown as Quiz | null);
  },
  loadIsland: async ({ props, ...rest }) => (await quizIslandData({ ...rest, quizId: props.id })) as unknown as JsonValue | null,
};
