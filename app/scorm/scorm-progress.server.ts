import { documentEntry } from "~/catalog/documents.server";
import type { IslandPlacement } from "~/catalog/types";
import { db } from "~/db/client.server";
import type { ScormAttempt } from "~/db/generated/client";
import { SCORM_ISLAND, type ScormEntry } from "./scorm-kind.server";
import { launchableItems, type TrackedItem, type TrackedManifest } from "./tracking-model.server";

/**
 * What a learner's SCORM attempts mean for Tadrib's progress: per SCO, and
 * per package (every item of its table of contents done). This is what a
 * course's completion rule will ask about a SCORM lesson
 * (docs/decisions/023-scorm-tracking.md says how it plugs in).
 *
 * - SCORM 1.2: "passed" and "completed" are done; "failed" is not done, and
 *   failed; "incomplete" and "browsed" are under way. With a mastery score
 *   in the manifest, a SCO that finished with a score is passed or failed by
 *   that score, as SCORM 1.2 lets the LMS decide.
 * - SCORM 2004: done when completion_status is "completed" (or the progress
 *   measure reached the manifest's completion threshold), or when it passed;
 *   never when success_status is "failed" (by the SCO, or by the manifest's
 *   scaled passing score). A failed learner is never shown at 100 %.
 * - The score is read from the attempt as it stands: a score committed
 *   after the SCO said "completed" counts.
 */

/** Each has its label in the tracking namespace of the message catalogues (tracking.status.<status>). */
export const SCO_STATUSES = ["not-attempted", "incomplete", "completed", "passed", "failed"] as const;
export type ScoStatus = (typeof SCO_STATUSES)[number];
export type Success = "passed" | "failed" | "unknown";
export type ScoState = { status: ScoStatus; completed: boolean; success: Success; scorePercent: number | null };

export type AttemptFacts = Pick<
  ScormAttempt,
  "version" | "lessonStatus" | "completionStatus" | "successStatus" | "scoreRaw" | "scoreMin" | "scoreMax" | "scoreScaled" | "progressMeasure" | "commitSeq"
>;

type ItemRules = Pick<TrackedItem, "masteryScore" | "scaledPassingScore" | "completionThreshold">;

const round2 = (n: number) => Math.round(n * 100) / 100;
const clampPercent = (n: number) => round2(Math.min(100, Math.max(0, n)));

/** score.scaled as a percent; else raw within min…max (min 0 when not given); else a raw score that is already out of 100. */
export function scorePercent(facts: Pick<AttemptFacts, "scoreRaw" | "scoreMin" | "scoreMax" | "scoreScaled">): number | null {
  if (facts.scoreScaled !== null) return clampPercent(facts.scoreScaled * 100);
  if (facts.scoreRaw === null) return null;
  const min = facts.scoreMin ?? 0;
  if (facts.scoreMax !== null && facts.scoreMax > min) return clampPercent(((facts.scoreRaw - min) / (facts.scoreMax - min)) * 100);
  return facts.scoreRaw >= 0 && facts.scoreRaw <= 100 ? round2(facts.scoreRaw) : null;
}

function state12(facts: AttemptFacts, rules: ItemRules): ScoState {
  const percent = scorePercent(facts);
  let status: ScoStatus =
    facts.lessonStatus === "passed" || facts.lessonStatus === "completed" || facts.lessonStatus === "failed"
      ? facts.lessonStatus
      : facts.lessonStatus === "incomplete" || facts.lessonStatus === "browsed" || facts.commitSeq > 0
        ? "incomplete"
        : "not-attempted";
  const finished = status === "passed" || status === "completed" || status === "failed";
  if (finished && rules.masteryScore != null && facts.scoreRaw !== null) status = facts.scoreRaw >= rules.masteryScore ? "passed" : "failed";
  const success: Success = status === "passed" ? "passed" : status === "failed" ? "failed" : "unknown";
  return { status, completed: status === "passed" || status === "completed", success, scorePercent: percent };
}

function state2004(facts: AttemptFacts, rules: ItemRules): ScoState {
  const percent = scorePercent(facts);
  const completion =
    rules.completionThreshold != null && facts.progressMeasure !== null
      ? facts.progressMeasure >= rules.completionThreshold
      : facts.completionStatus === "completed";
  const success: Success =
    rules.scaledPassingScore != null && facts.scoreScaled !== null
      ? facts.scoreScaled >= rules.scaledPassingScore
        ? "passed"
        : "failed"
      : facts.successStatus === "passed" || facts.successStatus === "failed"
        ? facts.successStatus
        : "unknown";
  const completed = (completion || success === "passed") && success !== "failed";
  const begun = facts.commitSeq > 0 || (facts.completionStatus !== null && facts.completionStatus !== "not attempted");
  const status: ScoStatus =
    success === "failed" ? "failed" : completed ? (success === "passed" ? "passed" : "completed") : begun ? "incomplete" : "not-attempted";
  return { status, completed, success, scorePercent: percent };
}

/** Pure: one attempt's state, given its item's rules from the manifest. */
export function attemptState(facts: AttemptFacts, rules: ItemRules = {}): ScoState {
  return facts.version === "2004" ? state2004(facts, rules) : state12(facts, rules);
}

const NOT_ATTEMPTED: ScoState = { status: "not-attempted", completed: false, success: "unknown", scorePercent: null };

/**
 * Pure: a SCO's state over all its attempts, oldest first. Done once any
 * attempt was (a later attempt does not undo a completion: history is not
 * rewritten), passed once any attempt passed, and the best score, as for
 * quizzes; otherwise the latest attempt says where the learner is.
 */
export function scoState(attempts: readonly AttemptFacts[], rules: ItemRules = {}): ScoState {
  if (attempts.length === 0) return NOT_ATTEMPTED;
  const states = attempts.map((a) => attemptState(a, rules));
  const scores = states.map((s) => s.scorePercent).filter((p): p is number => p !== null);
  const best = scores.length ? Math.max(...scores) : null;
  const passed = states.find((s) => s.success === "passed");
  const completed = passed ?? states.find((s) => s.completed);
  const latest = states[states.length - 1];
  return { ...(completed ?? latest), scorePercent: best };
}

export type ScoProgress = ScoState & { scoId: string; title: string; kind: "sco" | "asset" };

export type PackageProgress = {
  scos: ScoProgress[];
  done: number;
  required: number;
  /** Rounded down: 100 only when every item is done. */
  percent: number;
  completed: boolean;
  /** Failed when any SCO failed, passed when every SCO with a verdict passed (and one did). */
  success: Success;
  /** The mean of the scored SCOs' scores; null when none has one. */
  scorePercent: number | null;
};

/**
 * Pure: the package's state from its manifest's items and the attempts of
 * one enrolment (by SCO identifier, oldest first). Every launchable item of
 * the default table of contents counts; an asset (plain content, no SCORM
 * API) is done once opened.
 */
export function packageProgressOf(manifest: TrackedManifest, attemptsBySco: ReadonlyMap<string, readonly AttemptFacts[]>): PackageProgress {
  const scos: ScoProgress[] = launchableItems(manifest).map((item) => {
    const attempts = attemptsBySco.get(item.identifier) ?? [];
    const kind = item.scormType === "asset" ? "asset" : "sco";
    const state =
      kind === "asset"
        ? attempts.length
          ? { status: "completed" as const, completed: true, success: "unknown" as const, scorePercent: null }
          : NOT_ATTEMPTED
        : scoState(attempts, item);
    return { scoId: item.identifier, title: item.title ?? item.identifier, kind, ...state };
  });
  const done = scos.filter((s) => s.completed).length;
  const required = scos.length;
  const verdicts = scos.map((s) => s.success).filter((s) => s !== "unknown");
  const scores = scos.map((s) => s.scorePercent).filter((p): p is number => p !== null);
  return {
    scos,
    done,
    required,
    percent: required ? Math.floor((done / required) * 100) : 0,
    completed: required > 0 && done === required,
    success: verdicts.includes("failed") ? "failed" : verdicts.length ? "passed" : "unknown",
    scorePercent: scores.length ? round2(scores.reduce((a, b) => a + b, 0) / scores.length) : null,
  };
}

/** Per SCO identifier, the enrolment's attempts in one SCORM lesson, oldest first, whatever package version they ran on. */
export async function attemptsBySco(enrolmentId: string, lessonId: string): Promise<Map<string, AttemptFacts[]>> {
  const rows = await db.scormAttempt.findMany({
    where: { enrolmentId, lessonId },
    orderBy: [{ scoId: "asc" }, { number: "asc" }],
    select: {
      scoId: true,
      version: true,
      lessonStatus: true,
      completionStatus: true,
      successStatus: true,
      scoreRaw: true,
      scoreMin: true,
      scoreMax: true,
      scoreScaled: true,
      progressMeasure: true,
      commitSeq: true,
    },
  });
  const out = new Map<string, AttemptFacts[]>();
  for (const { scoId, ...facts } of rows) out.set(scoId, [...(out.get(scoId) ?? []), facts]);
  return out;
}

/** The function a course's completion rule calls for a SCORM lesson: the state of the package it plays, for one enrolment. */
export async function packageProgress(enrolmentId: string, lessonId: string, manifest: TrackedManifest): Promise<PackageProgress> {
  return packageProgressOf(manifest, await attemptsBySco(enrolmentId, lessonId));
}

/** The manifest part tracking reads, from what the course build copied into the course document (decision 025). */
export function entryManifest(entry: Pick<ScormEntry, "version" | "items">): TrackedManifest {
  const items = entry.items.map((item) => ({ ...item, children: [] }));
  return { version: entry.version, defaultOrganization: "toc", organizations: [{ identifier: "toc", items }] };
}

/**
 * The state of the package a course's SCORM lesson plays now (the version
 * the course document names), for one enrolment; null when the lesson shows
 * no package. What `completion.scorm` in course.yml asks about.
 */
export async function lessonPackageProgress(
  enrolmentId: string,
  course: { slug: string; version: string; islands?: IslandPlacement[] },
  lessonId: string,
): Promise<PackageProgress | null> {
  const island = (course.islands ?? []).find((i) => i.kind === SCORM_ISLAND && i.lessonId === lessonId);
  const entry = island ? await documentEntry<ScormEntry>(course, SCORM_ISLAND, island.id) : null;
  return entry ? packageProgress(enrolmentId, lessonId, entryManifest(entry)) : null;
}
