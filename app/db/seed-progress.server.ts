import type { CatalogCourse } from "~/catalog/catalog.server";
import type { Locale } from "~/i18n/locales";
import { submitAssignment } from "~/learning/assignment/submissions.server";
import { requiredLessonIds } from "~/learning/completion.server";
import { enrol } from "~/learning/enrolments.server";
import { markLessonComplete, recordLessonView } from "~/learning/progress.server";
import { saveAnswer, startOrResumeAttempt, submitAttempt, type QuizScope } from "~/learning/quiz/attempts.server";
import { loadQuiz } from "~/learning/quiz/load.server";
import { rightAnswers } from "~/learning/quiz/right-answers.server";
import { DEMO_PITCH } from "./demo-pitch";

/**
 * Where each demo learner stands in the library, so every page has something
 * to show: a course completed with its certificate, one under way, one just
 * enrolled in, and a story pitch waiting in the reviewer's queue. Everything
 * goes through the same functions as the learners' own clicks (lessons marked
 * complete, quiz attempts answered and sent, an assignment handed in), so the
 * completions, certificates and trained counts are the real ones.
 */
export type DemoStage = {
  slug: string;
  /** How many of the lessons the completion rule asks for are marked complete, in course order. */
  lessonsDone: number | "all";
  /** Pass the quizzes the rule asks for. */
  passQuizzes?: boolean;
  /** Hand in this text for each assignment the rule asks for (it then waits for review). */
  assignmentText?: string;
  daysAgo: number;
};

export const DEMO_PROGRESS: Record<string, DemoStage[]> = {
  "learner@tadrib.test": [
    { slug: "fair-recruitment", lessonsDone: "all", passQuizzes: true, daysAgo: 21 },
    { slug: "reporting-on-migration", lessonsDone: "all", passQuizzes: true, assignmentText: DEMO_PITCH, daysAgo: 2 },
    { slug: "trafficking-identify-protect-refer", lessonsDone: 2, daysAgo: 1 },
    { slug: "migration-data", lessonsDone: 0, daysAgo: 0 },
  ],
  "amina@tadrib.test": [
    { slug: "trafficking-identify-protect-refer", lessonsDone: "all", passQuizzes: true, daysAgo: 12 },
    { slug: "migration-data", lessonsDone: 3, daysAgo: 3 },
  ],
};

export type ProgressSummary = { enrolments: number; lessonsCompleted: number; quizzesPassed: number; completions: number; submissions: number };

export async function seedDemoProgress(
  users: Map<string, { id: string; locale: Locale }>,
  courses: CatalogCourse[],
  log: (line: string) => void,
  now = new Date(),
): Promise<ProgressSummary> {
  const summary: ProgressSummary = { enrolments: 0, lessonsCompleted: 0, quizzesPassed: 0, completions: 0, submissions: 0 };
  for (const [email, stages] of Object.entries(DEMO_PROGRESS)) {
    const user = users.get(email);
    if (!user) continue;
    for (const stage of stages) {
      const course = courses.find((c) => c.slug === stage.slug);
      if (!course) {
        log(`  ${email}: course ${stage.slug} not in the catalogue, skipped`);
        continue;
      }
      const at = new Date(now.getTime() - stage.daysAgo * 86_400_000);
      const outcome = await seedStage(user, course, stage, at);
      for (const key of Object.keys(summary) as (keyof ProgressSummary)[]) summary[key] += outcome[key];
      log(`  ${email}: ${course.slug}: ${describe(outcome)}`);
    }
  }
  return summary;
}

async function seedStage(user: { id: string; locale: Locale }, course: CatalogCourse, stage: DemoStage, at: Date): Promise<ProgressSummary> {
  const outcome: ProgressSummary = { enrolments: 0, lessonsCompleted: 0, quizzesPassed: 0, completions: 0, submissions: 0 };
  const { created, enrolment } = await enrol(user.id, course, at);
  if (created) outcome.enrolments++;
  const locale = course.definition.languages.includes(user.locale) ? user.locale : course.definition.languages[0];

  if (stage.passQuizzes) {
    for (const { id } of course.definition.completion.quizzes ?? []) {
      const quiz = await loadQuiz(course, id);
      if (!quiz) throw new Error(`${course.slug}: the completion rule names quiz ${id}, which the course does not have`);
      const scope: QuizScope = { userId: user.id, courseId: course.id, enrolmentId: enrolment.id, courseVersion: course.version, quiz, locale };
      const started = await startOrResumeAttempt(scope, at);
      if (!started.ok) throw new Error(`${course.slug}/${id}: no attempt could start (${started.reason})`);
      for (const [questionId, value] of Object.entries(rightAnswers(quiz, started.attempt, locale))) {
        const saved = await saveAnswer(scope, started.attempt.id, questionId, value, at);
        if (!saved.ok) throw new Error(`${course.slug}/${id}/${questionId}: answer refused (${saved.reason})`);
      }
      const submitted = await submitAttempt(scope, started.attempt.id, at);
      if (!submitted.ok || !submitted.attempt.passed) throw new Error(`${course.slug}/${id}: the right answers did not pass`);
      outcome.quizzesPassed++;
    }
  }

  for (const assignmentId of stage.assignmentText ? (course.definition.completion.assignments ?? []) : []) {
    const result = await submitAssignment({ userId: user.id, courseId: course.id, assignmentId, text: stage.assignmentText!, attachment: null, now: at });
    if (!result.ok) throw new Error(`${course.slug}/${assignmentId}: the demo submission was refused: ${JSON.stringify(result.errors)}`);
    outcome.submissions++;
  }

  const lessons = requiredLessonIds(course.definition);
  const done = stage.lessonsDone === "all" ? lessons : lessons.slice(0, stage.lessonsDone);
  for (const lessonId of done) {
    await recordLessonView(user.id, course, lessonId, at);
    const { newlyCompleted } = await markLessonComplete(user.id, course, lessonId, at);
    outcome.lessonsCompleted++;
    if (newlyCompleted) outcome.completions++;
  }
  return outcome;
}

function describe(o: ProgressSummary): string {
  const parts = [`${o.lessonsCompleted} lesson(s) completed`];
  if (o.quizzesPassed) parts.push(`${o.quizzesPassed} quiz(zes) passed`);
  if (o.submissions) parts.push(`${o.submissions} assignment(s) waiting for review`);
  if (o.completions) parts.push("completed, certificate issued");
  return parts.join(", ");
}
