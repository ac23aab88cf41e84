import type { LocalizedText } from "~/catalog/types";
import type { WordLimits } from "./word-count";
import type { Locale } from "~/i18n/locales";

/**
 * Shapes shared by the assignment format, the service and the pages. Nothing
 * here may import server-only code: the lesson island uses these in the browser.
 */

/** What a course writer may allow as an attachment. Each kind is a family of file types checked by their first bytes. */
export const ATTACHMENT_KINDS = ["pdf", "image", "audio"] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** File types we recognise, by kind. The `accept` attribute of the file input is built from these. */
export const ATTACHMENT_TYPES: Record<AttachmentKind, { mimeType: string; extensions: string[] }[]> = {
  pdf: [{ mimeType: "application/pdf", extensions: [".pdf"] }],
  image: [
    { mimeType: "image/png", extensions: [".png"] },
    { mimeType: "image/jpeg", extensions: [".jpg", ".jpeg"] },
    { mimeType: "image/webp", extensions: [".webp"] },
  ],
  audio: [
    { mimeType: "audio/mpeg", extensions: [".mp3"] },
    { mimeType: "audio/ogg", extensions: [".ogg", ".oga"] },
    { mimeType: "audio/mp4", extensions: [".m4a"] },
    { mimeType: "audio/wav", extensions: [".wav"] },
  ],
};

export function acceptAttribute(kinds: readonly AttachmentKind[]): string {
  return kinds.flatMap((k) => ATTACHMENT_TYPES[k].flatMap((t) => [t.mimeType, ...t.extensions])).join(",");
}

export type RubricLevel = { id: string; label: LocalizedText; points: number };
export type RubricCriterion = { id: string; title: LocalizedText; description?: LocalizedText; levels: RubricLevel[] };

/** A validated courses/<slug>/assignments/<id>.yml. */
export type AssignmentDefinition = {
  id: string;
  title: LocalizedText;
  /** Markdown, per language. */
  instructions: LocalizedText;
  text: "required" | "optional";
  /** How many words the text must have (the brief's "250 to 400 words"); null: no limit. */
  words: WordLimits | null;
  attachment: { kinds: AttachmentKind[]; maxSizeMB: number; required: boolean } | null;
  rubric: RubricCriterion[];
};

export const SUBMISSION_STATUSES = ["submitted", "accepted", "revision_requested"] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export const REVIEW_DECISIONS = ["accepted", "revision_requested"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** Stored in Review.scores: the level chosen per criterion, with its points frozen at review time. */
export type ReviewScores = Record<string, { level: string; points: number }>;

/** Longest text answer accepted, in characters (about ten pages). */
export const MAX_TEXT_LENGTH = 20_000;
export const MAX_FEEDBACK_LENGTH = 10_000;

/** What the assignment panel (lesson island and assignment page) shows, in the course's language. JSON-safe. */
export type AssignmentPanelData = {
  courseSlug: string;
  assignmentId: string;
  /** The lesson that holds the assignment, where the learner returns after submitting. */
  lessonId: string;
  /** The language of the course texts below (may differ from the interface's). */
  lang: Locale;
  title: string;
  instructionsHtml: string;
  text: AssignmentDefinition["text"];
  words: WordLimits | null;
  attachment: { kinds: AttachmentKind[]; maxSizeMB: number; required: boolean; accept: string } | null;
  rubric: PanelCriterion[];
  maxPoints: number;
  /** Newest first. */
  versions: PanelVersion[];
  /** Why no new version can be submitted now (catalog key), or null. */
  blocker: string | null;
};

export type PanelCriterion = {
  id: string;
  title: string;
  description: string | null;
  levels: { id: string; label: string; points: number }[];
};

export type PanelVersion = {
  id: string;
  version: number;
  status: SubmissionStatus;
  submittedAt: string;
  text: string;
  attachment: { name: string; size: number; href: string } | null;
  review: {
    decision: ReviewDecision;
    totalPoints: number;
    maxPoints: number;
    feedback: string;
    reviewedAt: string;
    scores: { criterionId: string; criterion: string; level: string; points: number; maxPoints: number | null }[];
  } | null;
};

export function attachmentHref(submissionId: string): string {
  return `/submissions/${submissionId}/attachment`;
}

/** Back to the assignment inside its lesson. */
export function lessonHref(slug: string, lessonId: string, assignmentId: string): string {
  return `/courses/${slug}/${lessonId}#assignment-${assignmentId}`;
}
