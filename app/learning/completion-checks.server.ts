import path from "node:path";
import type { CourseCheck } from "~/catalog/content-kind.server";
import { COURSE_FILE, displayPath } from "~/catalog/course-schema.server";
import type { Quiz } from "./quiz/definition.server";
import { QUIZ_ISLAND } from "./quiz/quiz-kind";

// The SCORM kind's name (app/scorm/scorm-kind.server.ts), not imported: that module brings the manifest parser.
const SCORM_ISLAND = "scorm";

/**
 * What the course build checks about a completion rule beyond course.yml
 * itself (which quizzes and assignments exist is checked by its schema): a
 * minimum score below the quiz's own passing score would read as a lower bar
 * while the quiz still has to be passed, so it is refused; a lesson named in
 * completion.scorm must show a SCORM package. Registered with the
 * build by app/content-kinds.server.ts; it reads the quizzes the build has
 * just validated, not the files.
 */
export const completionRuleCheck: CourseCheck = ({ courseDir, course, entries, islands }) => {
  const file = displayPath(path.dirname(courseDir), course.slug, COURSE_FILE);
  const quizzes = (entries[QUIZ_ISLAND] ?? {}) as unknown as Record<string, Quiz>;
  const errors: string[] = [];
  for (const [i, required] of (course.completion.quizzes ?? []).entries()) {
    if (required.minScore === undefined) continue;
    const passing = Object.prototype.hasOwnProperty.call(quizzes, required.id) ? quizzes[required.id].settings.passingScore : undefined;
    if (passing !== undefined && required.minScore < passing) {
      errors.push(
        `${file}: completion.quizzes[${i}].minScore: ${required.minScore} is below the passing score of quizzes/${required.id}.yml (${passing}); the quiz must be passed anyway, so leave minScore out or set it above ${passing}`,
      );
    }
  }
  for (const [i, lessonId] of (course.completion.scorm ?? []).entries()) {
    if (!islands.some((island) => island.kind === SCORM_ISLAND && island.lessonId === lessonId)) {
      errors.push(`${file}: completion.scorm[${i}]: the lesson "${lessonId}" shows no SCORM package (write <Scorm id="…" /> in it)`);
    }
  }
  return errors;
};
