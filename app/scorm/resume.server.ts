import { db } from "~/db/client.server";
import type { ScormAttempt } from "~/db/generated/client";
import { currentEnrolment } from "~/learning/enrolments.server";
import { formatDuration2004, formatTimespan12 } from "./cmi-time";
import { LAUNCH_ERRORS } from "./player/shared";
import { isWriteOnly, type CmiVersion } from "./cmi-validation.server";
import {
  EXIT_ELEMENT,
  findPackage,
  launchableItems,
  parseJsonObject,
  SESSION_TIME_ELEMENT,
  type CmiData,
  type TrackedItem,
} from "./tracking-model.server";

/**
 * What a launch of a SCO starts from: the attempt to continue, or a new one,
 * and the cmi data to initialise the runtime with before the content runs.
 */

type LastAttempt = Pick<ScormAttempt, "packageId" | "version" | "commitSeq" | "terminatedAt" | "exit" | "lessonStatus">;

export type Entry = "ab-initio" | "resume" | "";
export type ResumeDecision = { action: "resume"; entry: Entry } | { action: "new" };

/**
 * - No attempt yet, or the last one ran on another package version (its
 *   suspend data would not fit the new content): a new attempt, ab-initio.
 * - The last session ended without LMSFinish/Terminate (the window was
 *   closed, the phone slept): the same attempt resumes. Refusing to resume
 *   it, or to start afresh, is the bug of players this avoids.
 * - It ended with exit "suspend": the same attempt resumes.
 * - It ended otherwise: SCORM 2004 says the attempt is over, so a new one
 *   starts. SCORM 1.2 leaves it to the LMS; like the widespread ones, Tadrib
 *   continues an attempt whose lesson status is not yet final (entry "").
 */
export function decideResume(last: LastAttempt | null, packageId: string, version: CmiVersion): ResumeDecision {
  if (!last || last.packageId !== packageId || last.version !== version) return { action: "new" };
  const begun = last.commitSeq > 0;
  if (!last.terminatedAt) return { action: "resume", entry: begun ? "resume" : "ab-initio" };
  if (last.exit === "suspend") return { action: "resume", entry: "resume" };
  if (version === "1.2" && !["passed", "completed", "failed"].includes(last.lessonStatus ?? "")) return { action: "resume", entry: "" };
  return { action: "new" };
}

/** lessonId: the course's SCORM lesson the package plays in (stable when the package is replaced). */
export type LaunchInput = { userId: string; courseId: string; lessonId: string; packageId: string; scoId: string; now?: Date };

export type LaunchData = {
  ok: true;
  attemptId: string;
  number: number;
  version: CmiVersion;
  entry: Entry;
  /** The runtime numbers this session's commits from seq + 1. */
  seq: number;
  /** Flattened cmi ("cmi.core.lesson_status": "incomplete"…) for the runtime's loadFromFlattenedJSON. */
  cmi: CmiData;
};

export { LAUNCH_ERRORS };
export type LaunchError = { ok: false; status: 403; error: "not-enrolled" } | { ok: false; status: 404; error: "package-not-found" | "unknown-sco" };

/** The values the LMS provides, which the content reads and never writes. */
function lmsValues(version: CmiVersion, learner: { id: string; name: string }, entry: Entry, totalSeconds: number, item: TrackedItem): CmiData {
  const values: CmiData =
    version === "1.2"
      ? {
          "cmi.core.student_id": learner.id,
          "cmi.core.student_name": learner.name,
          "cmi.core.entry": entry,
          "cmi.core.credit": "credit",
          "cmi.core.lesson_mode": "normal",
          "cmi.core.total_time": formatTimespan12(totalSeconds),
        }
      : {
          "cmi.learner_id": learner.id,
          "cmi.learner_name": learner.name,
          "cmi.entry": entry,
          "cmi.credit": "credit",
          "cmi.mode": "normal",
          "cmi.total_time": formatDuration2004(totalSeconds),
        };
  if (item.launchData) values["cmi.launch_data"] = item.launchData;
  if (version === "1.2" && item.masteryScore != null) values["cmi.student_data.mastery_score"] = String(item.masteryScore);
  if (version === "2004" && item.scaledPassingScore != null) values["cmi.scaled_passing_score"] = String(item.scaledPassingScore);
  if (version === "2004" && item.completionThreshold != null) values["cmi.completion_threshold"] = String(item.completionThreshold);
  return values;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}

const MAX_ROUNDS = 10;

/**
 * Starts or resumes the learner's attempt at a SCO and returns the data to
 * initialise the runtime with. Resuming opens a new session: the last
 * session's time joins the attempt's total, and its exit and session time
 * (write-only, they described that session) are cleared.
 */
export async function loadScormData(input: LaunchInput): Promise<LaunchData | LaunchError> {
  const { userId, courseId, lessonId, packageId, scoId, now = new Date() } = input;
  const enrolment = await currentEnrolment(userId, courseId);
  if (!enrolment) return { ok: false, status: 403, error: "not-enrolled" };
  const found = await findPackage(packageId);
  if (!found) return { ok: false, status: 404, error: "package-not-found" };
  const item = launchableItems(found.manifest).find((i) => i.identifier === scoId);
  if (!item) return { ok: false, status: 404, error: "unknown-sco" };
  const version = found.manifest.version;
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, name: true } });

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const last = await db.scormAttempt.findFirst({ where: { enrolmentId: enrolment.id, lessonId, scoId }, orderBy: { number: "desc" } });
    const decision = decideResume(last, packageId, version);

    if (decision.action === "new") {
      try {
        const created = await db.scormAttempt.create({
          data: { userId, courseId, enrolmentId: enrolment.id, lessonId, scoId, number: (last?.number ?? 0) + 1, packageId, version, startedAt: now },
        });
        return { ok: true, attemptId: created.id, number: created.number, version, entry: "ab-initio", seq: 0, cmi: lmsValues(version, user, "ab-initio", 0, item) };
      } catch (error) {
        // Two launches at once: the other one made it; take it from the top.
        if (isUniqueViolation(error)) continue;
        throw error;
      }
    }

    const attempt = last!;
    const cmi = parseJsonObject<CmiData>(attempt.cmi, {});
    delete cmi[EXIT_ELEMENT[version]];
    delete cmi[SESSION_TIME_ELEMENT[version]];
    const totalSeconds = attempt.totalSeconds + attempt.sessionSeconds;
    const opened = await db.scormAttempt.updateMany({
      where: { id: attempt.id, revision: attempt.revision },
      data: { cmi: JSON.stringify(cmi), totalSeconds, sessionSeconds: 0, exit: null, terminatedAt: null, revision: { increment: 1 } },
    });
    if (opened.count === 0) continue; // a commit landed meanwhile
    const saved = Object.fromEntries(Object.entries(cmi).filter(([element]) => !isWriteOnly(version, element)));
    return {
      ok: true,
      attemptId: attempt.id,
      number: attempt.number,
      version,
      entry: decision.entry,
      seq: attempt.commitSeq,
      cmi: { ...saved, ...lmsValues(version, user, decision.entry, totalSeconds, item) },
    };
  }
  throw new Error(`Could not start or resume the SCORM attempt at ${scoId}`);
}
