import { getCourse } from "~/catalog/catalog.server";
import { db } from "~/db/client.server";
import { readRows } from "~/db/read.server";
import { cleanUserText } from "~/i18n/user-text";
import { currentEnrolment } from "~/learning/enrolments.server";
import { wordLimitError } from "./word-count";
import { Prisma } from "~/db/generated/client";
import { loadAssignment, maxPoints, type LoadedAssignment } from "./assignments.server";
import { deleteAttachment, type AttachmentProblem, type StoredAttachment } from "./attachments.server";
import { canReviewCourse, reviewableCourseIds, type Actor } from "./reviewers.server";
import {
  MAX_FEEDBACK_LENGTH,
  MAX_TEXT_LENGTH,
  REVIEW_DECISIONS,
  type ReviewDecision,
  type ReviewScores,
  type SubmissionStatus,
} from "./types";

/**
 * Submissions and reviews. Error values are message-catalog keys (namespace
 * `assignment`), translated by the pages. Refusals throw Responses, like the
 * guards in app/auth, so routes stay thin: a submission the actor may not
 * see answers 404, the same as one that does not exist.
 */

export type FieldErrors = Partial<Record<string, string[]>>;

function notFound(): Response {
  return new Response("Not Found", { status: 404 });
}

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

async function courseAssignment(courseId: string, assignmentId: string): Promise<{ slug: string; assignment: LoadedAssignment }> {
  const row = await db.course.findUnique({ where: { id: courseId }, select: { slug: true } });
  const course = row ? await getCourse(row.slug) : null;
  const assignment = course ? await loadAssignment(course, assignmentId) : null;
  if (!course || !assignment) throw notFound();
  return { slug: course.slug, assignment };
}

/**
 * Submissions belong to the person's current run of the course (enrolment):
 * a refresher run starts with none, the earlier run's stay on record.
 */

/** Why a person may not hand in a (new) version right now, or null when they may. */
export async function submissionBlocker(userId: string, courseId: string, assignmentId: string): Promise<string | null> {
  const enrolment = await currentEnrolment(userId, courseId);
  if (!enrolment) return "assignment.errors.notEnrolled";
  const latest = await db.submission.findFirst({
    where: { enrolmentId: enrolment.id, assignmentId },
    orderBy: { version: "desc" },
    select: { status: true },
  });
  if (latest?.status === "submitted") return "assignment.errors.pending";
  if (latest?.status === "accepted") return "assignment.errors.accepted";
  return null;
}

export type SubmitInput = {
  userId: string;
  courseId: string;
  assignmentId: string;
  text: string;
  /** Already stored by receiveSubmissionForm; deleted here if the submission is refused. */
  attachment: StoredAttachment | null;
  attachmentProblem?: AttachmentProblem | null;
  now?: Date;
};

export type SubmitResult = { ok: true; submissionId: string; version: number } | { ok: false; errors: FieldErrors };

/**
 * Hands in a new version. Allowed for an enrolled person when nothing is
 * waiting for review and the last version, if any, was sent back for revision.
 */
export async function submitAssignment(input: SubmitInput): Promise<SubmitResult> {
  let result: SubmitResult;
  try {
    result = await submitChecked(input);
  } catch (error) {
    if (input.attachment) await deleteAttachment(input.attachment.key);
    throw error;
  }
  if (!result.ok && input.attachment) await deleteAttachment(input.attachment.key);
  return result;
}

async function submitChecked(input: SubmitInput): Promise<SubmitResult> {
  const { assignment } = await courseAssignment(input.courseId, input.assignmentId);
  const errors: FieldErrors = {};
  const add = (field: string, key: string) => (errors[field] ??= []).push(key);

  const blocker = await submissionBlocker(input.userId, input.courseId, input.assignmentId);
  if (blocker) return { ok: false, errors: { form: [blocker] } };

  // Line endings differ between browsers; count what the learner sees.
  const text = cleanUserText(input.text, { multiline: true }).trim();
  const wordProblem = wordLimitError(text, assignment.words);
  if (text.length > MAX_TEXT_LENGTH) add("text", "assignment.errors.textTooLong");
  else if (!text && assignment.text === "required") add("text", "assignment.errors.textRequired");
  else if (wordProblem) add("text", wordProblem);

  const rules = assignment.attachment;
  if (input.attachmentProblem === "tooLarge") add("attachment", "assignment.errors.attachmentTooLarge");
  else if (input.attachmentProblem === "badType" || (input.attachment && (!rules || !rules.kinds.includes(input.attachment.kind)))) {
    add("attachment", rules ? "assignment.errors.attachmentType" : "assignment.errors.attachmentNotAllowed");
  } else if (rules && input.attachment && input.attachment.size > rules.maxSizeMB * 1024 * 1024) {
    add("attachment", "assignment.errors.attachmentTooLarge");
  } else if (rules?.required && !input.attachment) add("attachment", "assignment.errors.attachmentRequired");

  if (!errors.text && !errors.attachment && !text && !input.attachment) add("form", "assignment.errors.empty");
  if (Object.keys(errors).length) return { ok: false, errors };

  const enrolment = await currentEnrolment(input.userId, input.courseId);
  if (!enrolment) return { ok: false, errors: { form: ["assignment.errors.notEnrolled"] } };
  try {
    return await db.$transaction(async (tx): Promise<SubmitResult> => {
      // Checked again inside the transaction: a double-clicked submit must not slip in a second pending version.
      const latest = await tx.submission.findFirst({
        where: { enrolmentId: enrolment.id, assignmentId: input.assignmentId },
        orderBy: { version: "desc" },
        select: { version: true, status: true },
      });
      if (latest && latest.status !== "revision_requested") {
        return { ok: false as const, errors: { form: [latest.status === "accepted" ? "assignment.errors.accepted" : "assignment.errors.pending"] } };
      }
      const created = await tx.submission.create({
        data: {
          userId: input.userId,
          courseId: input.courseId,
          enrolmentId: enrolment.id,
          assignmentId: input.assignmentId,
          version: (latest?.version ?? 0) + 1,
          text,
          attachmentName: input.attachment?.fileName ?? null,
          attachmentMimeType: input.attachment?.mimeType ?? null,
          attachmentSize: input.attachment?.size ?? null,
          attachmentKey: input.attachment?.key ?? null,
          submittedAt: input.now ?? new Date(),
        },
        select: { id: true, version: true },
      });
      return { ok: true, submissionId: created.id, version: created.version };
    });
  } catch (error) {
    // A double-clicked submit: the first one won, this one is the same answer.
    if (isUniqueViolation(error)) return { ok: false, errors: { form: ["assignment.errors.pending"] } };
    throw error;
  }
}

const reviewSelect = {
  scores: true,
  totalPoints: true,
  maxPoints: true,
  feedback: true,
  decision: true,
  createdAt: true,
} as const;

const submissionSelect = {
  id: true,
  version: true,
  text: true,
  attachmentName: true,
  attachmentMimeType: true,
  attachmentSize: true,
  status: true,
  submittedAt: true,
  review: { select: reviewSelect },
} as const;

type SubmissionRow = Prisma.SubmissionGetPayload<{ select: typeof submissionSelect }>;

export type SubmissionVersion = {
  id: string;
  version: number;
  text: string;
  attachment: { name: string; mimeType: string; size: number } | null;
  status: SubmissionStatus;
  submittedAt: Date;
  review: {
    scores: ReviewScores;
    totalPoints: number;
    maxPoints: number;
    feedback: string;
    decision: ReviewDecision;
    createdAt: Date;
  } | null;
};

function toVersion(row: SubmissionRow): SubmissionVersion {
  return {
    id: row.id,
    version: row.version,
    text: row.text,
    attachment:
      row.attachmentName && row.attachmentMimeType && row.attachmentSize !== null
        ? { name: row.attachmentName, mimeType: row.attachmentMimeType, size: row.attachmentSize }
        : null,
    status: row.status as SubmissionStatus,
    submittedAt: row.submittedAt,
    review: row.review
      ? {
          ...row.review,
          scores: JSON.parse(row.review.scores) as ReviewScores,
          decision: row.review.decision as ReviewDecision,
        }
      : null,
  };
}

/** Every version a person handed in for an assignment in their current run, newest first, each with its review. */
export async function submissionHistory(userId: string, courseId: string, assignmentId: string): Promise<SubmissionVersion[]> {
  const enrolment = await currentEnrolment(userId, courseId);
  if (!enrolment) return [];
  const rows = await db.submission.findMany({
    where: { enrolmentId: enrolment.id, assignmentId },
    orderBy: { version: "desc" },
    select: submissionSelect,
  });
  return rows.map(toVersion);
}

/** Whether the assignment was accepted in the person's current run of the course. */
export async function isAssignmentAccepted(userId: string, courseId: string, assignmentId: string): Promise<boolean> {
  const enrolment = await currentEnrolment(userId, courseId);
  if (!enrolment) return false;
  const row = await db.submission.findFirst({ where: { enrolmentId: enrolment.id, assignmentId, status: "accepted" }, select: { id: true } });
  return row !== null;
}

/** The ids of the accepted assignments of one run of a course: one query for a whole completion rule. */
export async function acceptedAssignmentIds(enrolmentId: string): Promise<string[]> {
  // The completion rule's facts, read on every course and lesson page: a prepared statement (app/db/read.server.ts).
  const rows = readRows<{ assignmentId: string }>(
    `SELECT DISTINCT "assignmentId" FROM "Submission" WHERE "enrolmentId" = ? AND "status" = 'accepted'`,
    enrolmentId,
  );
  return rows.map((r) => r.assignmentId);
}

export type QueueItem = {
  submissionId: string;
  courseId: string;
  courseSlug: string;
  assignmentId: string;
  version: number;
  learnerName: string;
  submittedAt: Date;
  hasAttachment: boolean;
};

/**
 * Submissions waiting for review in the courses the reviewer reviews, oldest
 * first. Their own answers are left out: nobody reviews themselves.
 */
export async function reviewQueue(reviewer: Actor): Promise<QueueItem[]> {
  const courses = await reviewableCourseIds(reviewer);
  if (courses !== "all" && courses.length === 0) return [];
  const rows = await db.submission.findMany({
    where: {
      status: "submitted",
      userId: { not: reviewer.id },
      ...(courses === "all" ? {} : { courseId: { in: courses } }),
    },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      courseId: true,
      assignmentId: true,
      version: true,
      submittedAt: true,
      attachmentKey: true,
      course: { select: { slug: true } },
      user: { select: { name: true } },
    },
  });
  return rows.map((r) => ({
    submissionId: r.id,
    courseId: r.courseId,
    courseSlug: r.course.slug,
    assignmentId: r.assignmentId,
    version: r.version,
    learnerName: r.user.name,
    submittedAt: r.submittedAt,
    hasAttachment: r.attachmentKey !== null,
  }));
}

async function submissionForReviewer(submissionId: string, reviewer: Actor) {
  const row = await db.submission.findUnique({
    where: { id: submissionId },
    select: { ...submissionSelect, userId: true, courseId: true, assignmentId: true, user: { select: { name: true } } },
  });
  // Not theirs to review answers like no such submission, so ids cannot be probed.
  if (!row || row.userId === reviewer.id || !(await canReviewCourse(reviewer, row.courseId))) throw notFound();
  return row;
}

/** A submission as its reviewer sees it: the answer, the rubric, and the earlier versions with their reviews. */
export async function getSubmissionForReview(submissionId: string, reviewer: Actor) {
  const row = await submissionForReviewer(submissionId, reviewer);
  const { slug, assignment } = await courseAssignment(row.courseId, row.assignmentId);
  const history = await submissionHistory(row.userId, row.courseId, row.assignmentId);
  return {
    submission: toVersion(row),
    learnerName: row.user.name,
    courseId: row.courseId,
    courseSlug: slug,
    assignment,
    maxPoints: maxPoints(assignment),
    earlierVersions: history.filter((v) => v.version < row.version),
  };
}

export type ReviewInput = {
  submissionId: string;
  reviewer: Actor;
  /** Level id chosen per criterion id, as the form sent it. */
  scores: Record<string, string | undefined>;
  feedback: string;
  decision: string;
  now?: Date;
};

export type ReviewResult =
  | { ok: true; decision: ReviewDecision; totalPoints: number; maxPoints: number; userId: string; courseId: string; courseSlug: string }
  | { ok: false; errors: FieldErrors };

/**
 * Scores a pending submission against its rubric and accepts it or asks for a
 * revision. Totals are computed here from the rubric, never taken from the form.
 */
export async function reviewSubmission(input: ReviewInput): Promise<ReviewResult> {
  const row = await submissionForReviewer(input.submissionId, input.reviewer);
  const { slug, assignment } = await courseAssignment(row.courseId, row.assignmentId);
  const errors: FieldErrors = {};
  const add = (field: string, key: string) => (errors[field] ??= []).push(key);

  if (row.status !== "submitted") return { ok: false, errors: { form: ["assignment.review.errors.alreadyReviewed"] } };

  const scores: ReviewScores = {};
  for (const criterion of assignment.rubric) {
    const chosen = input.scores[criterion.id];
    const level = criterion.levels.find((l) => l.id === chosen);
    if (!level) add(`scores.${criterion.id}`, "assignment.review.errors.scoreMissing");
    else scores[criterion.id] = { level: level.id, points: level.points };
  }
  const decision = REVIEW_DECISIONS.find((d) => d === input.decision);
  if (!decision) add("decision", "assignment.review.errors.decision");
  const feedback = cleanUserText(input.feedback, { multiline: true }).trim();
  if (feedback.length > MAX_FEEDBACK_LENGTH) add("feedback", "assignment.review.errors.feedbackTooLong");
  else if (!feedback && decision === "revision_requested") add("feedback", "assignment.review.errors.feedbackRequired");
  if (Object.keys(errors).length || !decision) return { ok: false, errors };

  const totalPoints = Object.values(scores).reduce((sum, s) => sum + s.points, 0);
  const max = maxPoints(assignment);
  try {
    await db.$transaction(async (tx) => {
      // Only a still-pending submission changes state; a concurrent review makes this update nothing.
      const updated = await tx.submission.updateMany({
        where: { id: row.id, status: "submitted" },
        data: { status: decision },
      });
      if (updated.count !== 1) throw new AlreadyReviewed();
      await tx.review.create({
        data: {
          submissionId: row.id,
          reviewerId: input.reviewer.id,
          scores: JSON.stringify(scores),
          totalPoints,
          maxPoints: max,
          feedback,
          decision,
          createdAt: input.now ?? new Date(),
        },
      });
    });
  } catch (error) {
    if (error instanceof AlreadyReviewed || isUniqueViolation(error)) {
      return { ok: false, errors: { form: ["assignment.review.errors.alreadyReviewed"] } };
    }
    throw error;
  }
  return { ok: true, decision, totalPoints, maxPoints: max, userId: row.userId, courseId: row.courseId, courseSlug: slug };
}

class AlreadyReviewed extends Error {}

/**
 * The stored attachment of a submission, for its owner, the course's
 * reviewers and admins only.
 */
export async function getAttachmentForDownload(submissionId: string, actor: Actor) {
  const row = await db.submission.findUnique({
    where: { id: submissionId },
    select: { userId: true, courseId: true, attachmentKey: true, attachmentName: true, attachmentMimeType: true },
  });
  // Someone else's file answers exactly like a file that does not exist: ids are not to be probed.
  if (!row || (row.userId !== actor.id && !(await canReviewCourse(actor, row.courseId)))) throw notFound();
  if (!row.attachmentKey || !row.attachmentName || !row.attachmentMimeType) throw notFound();
  return { key: row.attachmentKey, fileName: row.attachmentName, mimeType: row.attachmentMimeType };
}
