import path from "node:path";
import { COURSE_FILE, displayPath } from "~/catalog/course-schema.server";
import type { CourseValidator } from "~/catalog/island-validators.server";
import { loadQuiz, QuizInvalidError } from "./quiz/load.server";

/**
 * What the course build checks about a completion rule beyond course.yml
 * itself (which quizzes and assignments exist is checked by its schema): a
 * minimum score below the quiz's own passing score would read as a lower bar
 * while the quiz still has to be passed, so it is refused.
 */
export const completionRuleValidator: CourseValidator = async ({ courseDir, course }) => {
  const coursesDir = path.dirname(courseDir);
  const file = displayPath(coursesDir, course.slug, COURSE_FILE);
  const errors: string[] = [];
  for (const [i, required] of (course.completion.quizzes ?? []).entries()) {
    if (required.minScore === undefined) continue;
    let quiz;
    try {
      quiz = await loadQuiz({ slug: course.slug, quizId: required.id, languages: course.languages, coursesDir });
    } catch (error) {
      // The quiz validator reports what is wrong with the file itself.
      if (error instanceof QuizInvalidError) continue;
      throw error;
    }
    const passing = quiz?.settings.passingScore;
    if (passing !== undefined && required.minScore < passing) {
      errors.push(
        `${file}: completion.quizzes[${i}].minScore: ${required.minScore} is below the passing score of quizzes/${required.id}.yml (${passing}); the quiz must be passed anyway, so leave minScore out or set it above ${passing}`,
      );
    }
  }
  return errors;
};
