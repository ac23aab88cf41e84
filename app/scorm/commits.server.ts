import { db } from "~/db/client.server";
import type { ScormAttempt } from "~/db/generated/client";
import { currentEnrolment } from "~/learning/enrolments.server";
import { log } from "../../server/log";
import { CMI_LIMITS, validateCmiValues, type CmiProblem, type CmiWarning } from "./cmi-validation.server";
import { isCmiVersion, parseJsonObject, trackedColumns, type CmiData } from "./tracking-model.server";

/**
 * Commits of a SCO's cmi data (LMSCommit/Commit, LMSFinish/Terminate, the
 * autocommit and the beacon sent when the tab closes).
 *
 * Each commit carries a seq, numbered by the runtime from the seq its launch
 * was given (loadScormData). Every element remembers the seq that wrote it,
 * and a commit only writes the elements it holds with a higher seq: the same
 * commit received twice changes nothing the second time, and a late commit
 * (a beacon overtaken by a later autocommit) never brings back an older
 * value. Two commits at once are merged by compare-and-swap on the attempt's
 * revision: each reads, merges and writes only if nobody wrote in between,
 * else reads again, so neither one's elements are lost.
 */

export type CommitInput = {
  userId: string;
  courseId: string;
  scoId: string;
  attemptId: string;
  seq: number;
  values: Record<string, unknown>;
  terminate?: boolean;
  now?: Date;
};

/**
 * Errors are codes in English: they answer the package's runtime, not the
 * learner (the player shows its own translated message when a commit fails).
 */
export type CommitError =
  | { ok: false; status: 400; error: "invalid-seq" }
  | { ok: false; status: 400; error: "invalid-cmi"; problems: CmiProblem[] }
  | { ok: false; status: 403; error: "not-enrolled" }
  | { ok: false; status: 404; error: "attempt-not-found" }
  | { ok: false; status: 413; error: "attempt-data-too-large"; limit: number };

export type CommitResult = {
  ok: true;
  /** The highest seq the attempt has received. */
  seq: number;
  /** Elements this commit wrote, and those it held that a newer commit had already written (or this same one before). */
  applied: string[];
  stale: string[];
  warnings: CmiWarning[];
};

const MAX_ROUNDS = 20;
const MAX_SEQ = 2_147_483_647;

function merge(row: ScormAttempt, seq: number, values: Readonly<CmiData>) {
  const cmi = parseJsonObject<CmiData>(row.cmi, {});
  const seqs = parseJsonObject<Record<string, number>>(row.cmiSeqs, {});
  const applied: string[] = [];
  const stale: string[] = [];
  for (const [element, value] of Object.entries(values)) {
    if ((seqs[element] ?? 0) >= seq) {
      stale.push(element);
      continue;
    }
    cmi[element] = value;
    seqs[element] = seq;
    applied.push(element);
  }
  return { cmi, seqs, applied, stale };
}

export async function commitScormData(input: CommitInput): Promise<CommitResult | CommitError> {
  const { userId, courseId, scoId, attemptId, seq, values, terminate = false, now = new Date() } = input;
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > MAX_SEQ) return { ok: false, status: 400, error: "invalid-seq" };

  let row = await db.scormAttempt.findFirst({ where: { id: attemptId, userId, courseId, scoId } });
  if (!row || !isCmiVersion(row.version)) return { ok: false, status: 404, error: "attempt-not-found" };
  // Only the learner's current run of the course takes commits: an earlier run is history.
  const enrolment = await currentEnrolment(userId, courseId);
  if (!enrolment || enrolment.id !== row.enrolmentId) return { ok: false, status: 403, error: "not-enrolled" };

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const version = isCmiVersion(row.version) ? row.version : "1.2";
    const validation = validateCmiValues(version, values);
    if (!validation.ok) return { ok: false, status: 400, error: "invalid-cmi", problems: validation.problems };

    const { cmi, seqs, applied, stale } = merge(row, seq, validation.values);
    // A terminate older than what the attempt already received belongs to a session that is over; a repeated one changes nothing.
    const terminates = terminate && seq >= row.commitSeq && row.terminatedAt === null;
    const highestSeq = Math.max(row.commitSeq, seq);
    if (applied.length === 0 && !terminates && highestSeq === row.commitSeq) {
      return { ok: true, seq: highestSeq, applied, stale, warnings: validation.warnings };
    }
    const cmiText = JSON.stringify(cmi);
    if (cmiText.length > CMI_LIMITS.attemptChars) return { ok: false, status: 413, error: "attempt-data-too-large", limit: CMI_LIMITS.attemptChars };

    const written = await db.scormAttempt.updateMany({
      where: { id: row.id, revision: row.revision },
      data: {
        cmi: cmiText,
        cmiSeqs: JSON.stringify(seqs),
        commitSeq: highestSeq,
        revision: { increment: 1 },
        ...trackedColumns(version, cmi),
        ...(terminates ? { terminatedAt: now } : {}),
      },
    });
    if (written.count === 1) {
      for (const warning of validation.warnings) {
        // Kept whole: SCORM 1.2 allows 4,096 characters, real packages write more (docs/decisions/023-scorm-tracking.md).
        log.warn({ msg: "scorm-cmi-over-size", attemptId: row.id, scoId, element: warning.element, length: warning.length, limit: warning.limit });
      }
      return { ok: true, seq: highestSeq, applied, stale, warnings: validation.warnings };
    }
    // Someone wrote in between: merge onto what they wrote.
    row = await db.scormAttempt.findUnique({ where: { id: attemptId } });
    if (!row) return { ok: false, status: 404, error: "attempt-not-found" };
  }
  throw new Error(`SCORM attempt ${attemptId} kept changing while a commit was being merged`);
}
