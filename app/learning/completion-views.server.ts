import type { CatalogCourse } from "~/catalog/catalog.server";
import { findLesson, textIn } from "~/catalog/outline";
import { certificatePdfPath } from "~/certificates/certificate-list";
import { formatCertificateCode } from "~/certificates/code.server";
import { verifyPath } from "~/certificates/certificates.server";
import type { Enrolment } from "~/db/generated/client";
import { readRow, readRows } from "~/db/read.server";
import { knownOrCurrentEnrolment } from "./enrolments.server";
import type { Locale } from "~/i18n/locales";
import { loadAssignment } from "./assignment/assignments.server";
import type { Requirement, RequirementKind, RuleEvaluation } from "./completion.server";
import { loadQuiz } from "./quiz/load.server";

/**
 * The completion rule as learners read it on the course, lesson and
 * dashboard pages: each requirement with its title in the course's language,
 * where to do it and how far it is.
 */

export type StepStatus =
  | "done"
  | "todo"
  | "started"
  | "passed"
  | "notPassed"
  | "belowMinScore"
  | "accepted"
  | "submitted"
  | "revisionRequested";

export type StepView = {
  kind: RequirementKind;
  id: string;
  title: string;
  lessonId: string | null;
  /** The lesson, or the quiz or assignment inside it. */
  href: string | null;
  met: boolean;
  status: StepStatus;
  minScore: number | null;
  bestPercent: number | null;
};

/** Each assignment's newest submission status in the current run, for "waiting for review" and "revision requested". */
async function latestSubmissionStatuses(userId: string, courseId: string, known?: Enrolment | null): Promise<Map<string, string>> {
  const enrolment = await knownOrCurrentEnrolment(userId, courseId, known);
  if (!enrolment) return new Map();
  // Read on the course and lesson pages of a course whose rule asks for assignments: a prepared statement.
  const rows = readRows<{ assignmentId: string; status: string }>(
    `SELECT "assignmentId", "status" FROM "Submission" WHERE "enrolmentId" = ? ORDER BY "version" DESC`,
    enrolment.id,
  );
  const latest = new Map<string, string>();
  for (const row of rows) if (!latest.has(row.assignmentId)) latest.set(row.assignmentId, row.status);
  return latest;
}

function statusOf(r: Requirement, submissions: Map<string, string>): StepStatus {
  if (r.kind === "lesson") return r.met ? "done" : "todo";
  if (r.kind === "scorm") return r.met ? "done" : r.percent > 0 ? "started" : "todo";
  if (r.kind === "quiz") {
    if (r.met) return "passed";
    if (r.passed) return "belowMinScore";
    return r.bestPercent === null ? "todo" : "notPassed";
  }
  if (r.met) return "accepted";
  const latest = submissions.get(r.id);
  return latest === "submitted" ? "submitted" : latest === "revision_requested" ? "revisionRequested" : "todo";
}

async function titleOf(course: CatalogCourse, r: Requirement, lang: Locale): Promise<string> {
  if (r.kind === "lesson" || r.kind === "scorm") return textIn(findLesson(course.definition, r.id)?.lesson.title ?? {}, lang) || r.id;
  // The build refuses a rule naming a missing quiz or assignment; the id still stands in for a title if one is absent.
  if (r.kind === "quiz") {
    const quiz = await loadQuiz(course, r.id);
    return quiz ? textIn(quiz.title, lang) : r.id;
  }
  const assignment = await loadAssignment(course, r.id);
  return assignment ? textIn(assignment.title, lang) : r.id;
}

function hrefOf(slug: string, r: Requirement): string | null {
  if (!r.lessonId) return null;
  const lesson = `/courses/${slug}/${r.lessonId}`;
  return r.kind === "lesson" || r.kind === "scorm" ? lesson : `${lesson}#${r.kind}-${r.id}`;
}

/**
 * `userId` null for a visitor: the steps then all read "to do". `enrolment`: the learner's current one
 * when the caller already has it (see knownOrCurrentEnrolment).
 */
export async function stepViews(
  course: CatalogCourse,
  evaluation: RuleEvaluation,
  userId: string | null,
  lang: Locale,
  enrolment?: Enrolment | null,
): Promise<StepView[]> {
  const submissions = userId && evaluation.byKind.assignment.required
    ? await latestSubmissionStatuses(userId, course.id, enrolment)
    : new Map<string, string>();
  return Promise.all(
    evaluation.requirements.map(async (r) => ({
      kind: r.kind,
      id: r.id,
      title: await titleOf(course, r, lang),
      lessonId: r.lessonId,
      href: hrefOf(course.slug, r),
      met: r.met,
      status: statusOf(r, submissions),
      minScore: r.kind === "quiz" ? r.minScore : null,
      bestPercent: r.kind === "quiz" ? r.bestPercent : null,
    })),
  );
}

export type CourseCertificate = { id: string; code: string; pdfHref: string; verifyHref: string };

/** The learner's valid certificate for a course (the newest, after a re-issue), or null. */
export async function courseCertificate(userId: string, courseId: string): Promise<CourseCertificate | null> {
  // Read on every course and lesson page of a completed course: a prepared statement (app/db/read.server.ts).
  const row = readRow<{ id: string; code: string }>(
    `SELECT "id", "code" FROM "Certificate" WHERE "userId" = ? AND "courseId" = ? AND "revokedAt" IS NULL
     ORDER BY "issuedAt" DESC LIMIT 1`,
    userId,
    courseId,
  );
  if (!row) return null;
  return { id: row.id, code: formatCertificateCode(row.code), pdfHref: certificatePdfPath(row.id), verifyHref: verifyPath(row.code) };
}
