import { textIn } from "~/catalog/outline";
import type { Locale } from "~/i18n/locales";
import { maxPoints, type LoadedAssignment } from "./assignments.server";
import { submissionBlocker, submissionHistory, type SubmissionVersion } from "./submissions.server";
import { acceptAttribute, attachmentHref, type AssignmentPanelData, type PanelCriterion, type PanelVersion } from "./types";

/** Turns definitions and stored versions into the JSON the assignment panel renders, in one language. */

export function localizeRubric(assignment: LoadedAssignment, lang: Locale): PanelCriterion[] {
  return assignment.rubric.map((c) => ({
    id: c.id,
    title: textIn(c.title, lang),
    description: c.description ? textIn(c.description, lang) : null,
    levels: c.levels.map((l) => ({ id: l.id, label: textIn(l.label, lang), points: l.points })),
  }));
}

/**
 * A version with its review. Scores keep the points frozen at review time;
 * labels come from the current rubric, or the stored ids if the rubric no
 * longer has that criterion or level.
 */
export function panelVersion(v: SubmissionVersion, rubric: PanelCriterion[]): PanelVersion {
  return {
    id: v.id,
    version: v.version,
    status: v.status,
    submittedAt: v.submittedAt.toISOString(),
    text: v.text,
    attachment: v.attachment ? { name: v.attachment.name, size: v.attachment.size, href: attachmentHref(v.id) } : null,
    review: v.review
      ? {
          decision: v.review.decision,
          totalPoints: v.review.totalPoints,
          maxPoints: v.review.maxPoints,
          feedback: v.review.feedback,
          reviewedAt: v.review.createdAt.toISOString(),
          scores: Object.entries(v.review.scores).map(([criterionId, score]) => {
            const criterion = rubric.find((c) => c.id === criterionId);
            const level = criterion?.levels.find((l) => l.id === score.level);
            return {
              criterionId,
              criterion: criterion?.title ?? criterionId,
              level: level?.label ?? score.level,
              points: score.points,
              maxPoints: criterion ? Math.max(...criterion.levels.map((l) => l.points)) : null,
            };
          }),
        }
      : null,
  };
}

export async function assignmentPanel(input: {
  userId: string;
  courseId: string;
  courseSlug: string;
  lessonId: string;
  assignment: LoadedAssignment;
  lang: Locale;
}): Promise<AssignmentPanelData> {
  const { assignment, lang } = input;
  const [history, blocker] = await Promise.all([
    submissionHistory(input.userId, input.courseId, assignment.id),
    submissionBlocker(input.userId, input.courseId, assignment.id),
  ]);
  const rubric = localizeRubric(assignment, lang);
  return {
    courseSlug: input.courseSlug,
    assignmentId: assignment.id,
    lessonId: input.lessonId,
    lang,
    title: textIn(assignment.title, lang),
    instructionsHtml: textIn(assignment.instructionsHtml, lang),
    text: assignment.text,
    words: assignment.words,
    attachment: assignment.attachment ? { ...assignment.attachment, accept: acceptAttribute(assignment.attachment.kinds) } : null,
    rubric,
    maxPoints: maxPoints(assignment),
    versions: history.map((v) => panelVersion(v, rubric)),
    blocker,
  };
}
