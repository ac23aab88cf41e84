import { islandPlacementErrors } from "~/catalog/island-placement.server";
import type { CourseValidator, IslandValidator } from "~/catalog/island-validators.server";
import { QUIZ_EXTENSION, quizDisplayName, validateCourseQuizzes } from "./load.server";

/**
 * What the course build checks about quizzes: every <Quiz id="…" /> names a
 * valid quiz file, every quiz file is shown by exactly one lesson, in every
 * language of that lesson (attempts are per quiz, so one quiz in two places
 * would share them). Messages name the file, as the build prints them.
 */

const KIND = "quiz";

export const quizIslandValidator: IslandValidator = ({ props, file }) => {
  const { id, ...rest } = props;
  const errors: string[] = [];
  if (typeof id !== "string" || !id) errors.push(`${file}: <Quiz> needs an id naming a file in quizzes/: <Quiz id="check-your-knowledge" />`);
  for (const key of Object.keys(rest)) errors.push(`${file}: <Quiz> has no "${key}" prop (only id)`);
  return errors;
};

export const quizCourseValidator: CourseValidator = async (input) => {
  const checked = await validateCourseQuizzes(input.courseDir, input.course.languages);
  if (!checked.ok) return checked.errors;
  return islandPlacementErrors(input, {
    kind: KIND,
    component: "Quiz",
    ids: [...checked.quizzes.keys()],
    fileOf: (id) => quizDisplayName(input.courseDir, id + QUIZ_EXTENSION),
    words: { verb: "shows", participle: "shown", one: "a quiz" },
  });
};
