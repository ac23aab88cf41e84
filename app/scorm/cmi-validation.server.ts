import { parseDuration2004, parseTimespan12 } from "./cmi-time";

/**
 * What a SCO may write into its cmi data, for SCORM 1.2 and SCORM 2004:
 * the writable elements, their vocabularies, types and sizes. The runtime in
 * the browser (scorm-again) checks the same before it commits, so a value
 * refused here comes from a bug or from someone forging commits; the whole
 * commit is then refused, with one problem per bad element, and nothing is
 * stored.
 *
 * The sizes are deliberately larger than the SCORM books' smallest permitted
 * maximums: real packages exceed them (SCORM 1.2 suspend_data beyond 4,096
 * characters above all), and a player that refuses or truncates them breaks
 * resume. They are bounded all the same, so one attempt cannot grow without
 * limit (docs/decisions/023-scorm-tracking.md).
 */

export type CmiVersion = "1.2" | "2004";

export const CMI_LIMITS = {
  /** suspend_data, both versions (SCORM 2004 4th edition's own size). */
  suspendData: 64_000,
  /** SCORM 1.2's CMIString4096: beyond it the value is kept and a warning logged. */
  scorm12SuspendData: 4_096,
  /** Learner responses, correct-response patterns, comments. */
  longText: 64_000,
  /** Identifiers, descriptions, locations and the other short texts. */
  text: 4_000,
  /** Interactions, objectives, comments, and the objectives and patterns of one interaction. */
  maxEntries: 500,
  /** The whole commit body, in bytes. */
  commitBytes: 1_000_000,
  /** The whole cmi data of one attempt, in characters of its JSON. */
  attemptChars: 4_000_000,
} as const;

export type CmiProblemCode =
  | "unknown-element"
  | "read-only"
  | "not-a-string"
  | "not-in-vocabulary"
  | "bad-format"
  | "out-of-range"
  | "too-long"
  | "too-many";

export type CmiProblem = { element: string; code: CmiProblemCode; limit?: number };
export type CmiWarning = { element: string; code: "over-scorm-12-size"; length: number; limit: number };

export type CmiValidation =
  | { ok: true; values: Record<string, string>; warnings: CmiWarning[] }
  | { ok: false; problems: CmiProblem[] };

type Rule =
  | { type: "text"; max: number; allowEmpty?: boolean }
  | { type: "identifier"; max: number }
  | { type: "vocabulary"; values: readonly string[] }
  | { type: "real"; min?: number; max?: number; allowEmpty?: boolean }
  | { type: "integer"; min: number; max: number }
  | { type: "result"; words: readonly string[] }
  | { type: "timespan12" }
  | { type: "time12" }
  | { type: "duration2004" }
  | { type: "timestamp2004" };

const text = (max: number = CMI_LIMITS.text): Rule => ({ type: "text", max });
const long: Rule = { type: "text", max: CMI_LIMITS.longText };
const identifier: Rule = { type: "identifier", max: CMI_LIMITS.text };
const vocabulary = (...values: string[]): Rule => ({ type: "vocabulary", values });

// SCORM 1.2 (CMI001 / RTE 3.4). The blank score is CMIBlank: "no score".
const score12: Rule = { type: "real", allowEmpty: true };
const LESSON_STATUS_12 = ["passed", "completed", "failed", "incomplete", "browsed"];
const INTERACTION_TYPES_12 = ["true-false", "choice", "fill-in", "matching", "performance", "sequencing", "likert", "numeric"];

const WRITABLE_12: Record<string, Rule> = {
  "cmi.core.lesson_location": text(),
  "cmi.core.lesson_status": vocabulary(...LESSON_STATUS_12),
  "cmi.core.score.raw": score12,
  "cmi.core.score.min": score12,
  "cmi.core.score.max": score12,
  "cmi.core.exit": vocabulary("time-out", "suspend", "logout", ""),
  "cmi.core.session_time": { type: "timespan12" },
  "cmi.suspend_data": { type: "text", max: CMI_LIMITS.suspendData },
  "cmi.comments": long,
  "cmi.student_preference.audio": { type: "integer", min: -1, max: 100 },
  "cmi.student_preference.language": text(),
  "cmi.student_preference.speed": { type: "integer", min: -100, max: 100 },
  "cmi.student_preference.text": { type: "integer", min: -1, max: 1 },
  "cmi.objectives.n.id": identifier,
  "cmi.objectives.n.score.raw": score12,
  "cmi.objectives.n.score.min": score12,
  "cmi.objectives.n.score.max": score12,
  "cmi.objectives.n.status": vocabulary(...LESSON_STATUS_12, "not attempted"),
  "cmi.interactions.n.id": identifier,
  "cmi.interactions.n.objectives.n.id": identifier,
  "cmi.interactions.n.time": { type: "time12" },
  "cmi.interactions.n.type": vocabulary(...INTERACTION_TYPES_12),
  "cmi.interactions.n.correct_responses.n.pattern": long,
  "cmi.interactions.n.weighting": { type: "real" },
  "cmi.interactions.n.student_response": long,
  "cmi.interactions.n.result": { type: "result", words: ["correct", "wrong", "unanticipated", "neutral"] },
  "cmi.interactions.n.latency": { type: "timespan12" },
};

const READ_ONLY_12 = new Set([
  "cmi.core.student_id",
  "cmi.core.student_name",
  "cmi.core.credit",
  "cmi.core.entry",
  "cmi.core.total_time",
  "cmi.core.lesson_mode",
  "cmi.launch_data",
  "cmi.comments_from_lms",
  "cmi.student_data.mastery_score",
  "cmi.student_data.max_time_allowed",
  "cmi.student_data.time_limit_action",
]);

// SCORM 2004 (RTE 4.2), 2nd to 4th edition.
const COMPLETION = ["completed", "incomplete", "not attempted", "unknown"];
const SUCCESS = ["passed", "failed", "unknown"];
const scaled: Rule = { type: "real", min: -1, max: 1 };
const real: Rule = { type: "real" };
const measure: Rule = { type: "real", min: 0, max: 1 };
const INTERACTION_TYPES_2004 = [...INTERACTION_TYPES_12, "long-fill-in", "other"];

const WRITABLE_2004: Record<string, Rule> = {
  "cmi.completion_status": vocabulary(...COMPLETION),
  "cmi.success_status": vocabulary(...SUCCESS),
  "cmi.exit": vocabulary("time-out", "suspend", "logout", "normal", ""),
  "cmi.location": text(),
  "cmi.progress_measure": measure,
  "cmi.score.scaled": scaled,
  "cmi.score.raw": real,
  "cmi.score.min": real,
  "cmi.score.max": real,
  "cmi.session_time": { type: "duration2004" },
  "cmi.suspend_data": { type: "text", max: CMI_LIMITS.suspendData },
  "cmi.learner_preference.audio_level": { type: "real", min: 0 },
  "cmi.learner_preference.language": { type: "text", max: 250, allowEmpty: true },
  "cmi.learner_preference.delivery_speed": { type: "real", min: 0 },
  "cmi.learner_preference.audio_captioning": { type: "integer", min: -1, max: 1 },
  "cmi.comments_from_learner.n.comment": long,
  "cmi.comments_from_learner.n.location": text(),
  "cmi.comments_from_learner.n.timestamp": { type: "timestamp2004" },
  "cmi.objectives.n.id": identifier,
  "cmi.objectives.n.score.scaled": scaled,
  "cmi.objectives.n.score.raw": real,
  "cmi.objectives.n.score.min": real,
  "cmi.objectives.n.score.max": real,
  "cmi.objectives.n.success_status": vocabulary(...SUCCESS),
  "cmi.objectives.n.completion_status": vocabulary(...COMPLETION),
  "cmi.objectives.n.progress_measure": measure,
  "cmi.objectives.n.description": text(),
  "cmi.interactions.n.id": identifier,
  "cmi.interactions.n.type": vocabulary(...INTERACTION_TYPES_2004),
  "cmi.interactions.n.objectives.n.id": identifier,
  "cmi.interactions.n.timestamp": { type: "timestamp2004" },
  "cmi.interactions.n.correct_responses.n.pattern": long,
  "cmi.interactions.n.weighting": real,
  "cmi.interactions.n.learner_response": long,
  "cmi.interactions.n.result": { type: "result", words: ["correct", "incorrect", "unanticipated", "neutral"] },
  "cmi.interactions.n.latency": { type: "duration2004" },
  "cmi.interactions.n.description": text(),
};

const READ_ONLY_2004 = new Set([
  "cmi.completion_threshold",
  "cmi.credit",
  "cmi.entry",
  "cmi.launch_data",
  "cmi.learner_id",
  "cmi.learner_name",
  "cmi.max_time_allowed",
  "cmi.mode",
  "cmi.scaled_passing_score",
  "cmi.time_limit_action",
  "cmi.total_time",
]);

const WRITABLE: Record<CmiVersion, Record<string, Rule>> = { "1.2": WRITABLE_12, "2004": WRITABLE_2004 };
const READ_ONLY: Record<CmiVersion, ReadonlySet<string>> = { "1.2": READ_ONLY_12, "2004": READ_ONLY_2004 };

/** "cmi.interactions.3.objectives.0.id" → "cmi.interactions.n.objectives.n.id". */
function templateOf(element: string): string {
  return element
    .split(".")
    .map((part) => (/^\d+$/.test(part) ? "n" : part))
    .join(".");
}

function isReadOnly(version: CmiVersion, element: string, template: string): boolean {
  const last = element.slice(element.lastIndexOf(".") + 1);
  if (last === "_children" || last === "_count" || last === "_version") return true;
  // SCORM 2004's comments from the LMS are all the LMS's.
  if (version === "2004" && template.startsWith("cmi.comments_from_lms.")) return true;
  return READ_ONLY[version].has(template);
}

const REAL = /^[-+]?(?:\d+\.?\d*|\.\d+)$/;
const TIME_12 = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$/;
// YYYY[-MM[-DD[Thh[:mm[:ss[.s…]]]][TZD]]] (RTE 4.2: time (second,10,0)).
const TIMESTAMP_2004 =
  /^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01])(?:T([01]\d|2[0-3])(?::[0-5]\d(?::[0-5]\d(?:\.\d{1,2})?)?)?(?:Z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)?)?)?)?$/;

function checkValue(rule: Rule, value: string): Omit<CmiProblem, "element"> | null {
  switch (rule.type) {
    case "text":
      if (value.length > rule.max) return { code: "too-long", limit: rule.max };
      return null;
    case "identifier":
      if (value.length > rule.max) return { code: "too-long", limit: rule.max };
      return value.trim() === "" ? { code: "bad-format" } : null;
    case "vocabulary":
      return rule.values.includes(value) ? null : { code: "not-in-vocabulary" };
    case "real": {
      if (value === "" && rule.allowEmpty) return null;
      if (!REAL.test(value) || !Number.isFinite(Number(value))) return { code: "bad-format" };
      const n = Number(value);
      if ((rule.min !== undefined && n < rule.min) || (rule.max !== undefined && n > rule.max)) return { code: "out-of-range" };
      return null;
    }
    case "integer": {
      if (!/^[-+]?\d+$/.test(value)) return { code: "bad-format" };
      const n = Number(value);
      return n < rule.min || n > rule.max ? { code: "out-of-range" } : null;
    }
    case "result":
      return rule.words.includes(value) || (REAL.test(value) && Number.isFinite(Number(value))) ? null : { code: "not-in-vocabulary" };
    case "timespan12":
      return parseTimespan12(value) === null ? { code: "bad-format" } : null;
    case "time12":
      return TIME_12.test(value) ? null : { code: "bad-format" };
    case "duration2004":
      return parseDuration2004(value) === null ? { code: "bad-format" } : null;
    case "timestamp2004":
      return TIMESTAMP_2004.test(value) ? null : { code: "bad-format" };
  }
}

/**
 * The collections an element belongs to, with its index in each:
 * "cmi.interactions.2.objectives.1.id" is entry 2 of "cmi.interactions" and
 * entry 1 of "cmi.interactions.2.objectives".
 */
function collectionsOf(element: string): { collection: string; index: number }[] {
  const parts = element.split(".");
  const out: { collection: string; index: number }[] = [];
  parts.forEach((part, i) => {
    if (i > 0 && /^\d+$/.test(part)) out.push({ collection: parts.slice(0, i).join("."), index: Number(part) });
  });
  return out;
}

/** A value as committed: SCORM values are strings; a number (some runtimes send scores as numbers) is read as its text. */
function asText(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

/**
 * Checks the values of one commit against the data model of `version`.
 * The order in which entries of a collection appear (SCORM wants entry n
 * set only once 0…n−1 exist) is the runtime's to enforce: commits can
 * arrive out of order (a beacon overtaken by an autocommit), and refusing
 * the later one for a gap the earlier one fills would lose it.
 */
export function validateCmiValues(version: CmiVersion, values: Readonly<Record<string, unknown>>): CmiValidation {
  const problems: CmiProblem[] = [];
  const warnings: CmiWarning[] = [];
  const accepted: Record<string, string> = {};

  for (const [element, raw] of Object.entries(values)) {
    const template = templateOf(element);
    const rule = WRITABLE[version][template];
    if (!rule) {
      problems.push({ element, code: isReadOnly(version, element, template) ? "read-only" : "unknown-element" });
      continue;
    }
    const value = asText(raw);
    if (value === null) {
      problems.push({ element, code: "not-a-string" });
      continue;
    }
    const problem = checkValue(rule, value);
    if (problem) {
      problems.push({ element, ...problem });
      continue;
    }
    const collections = collectionsOf(element);
    const tooMany = collections.find(({ index }) => index >= CMI_LIMITS.maxEntries);
    if (tooMany) {
      problems.push({ element, code: "too-many", limit: CMI_LIMITS.maxEntries });
      continue;
    }
    if (version === "1.2" && element === "cmi.suspend_data" && value.length > CMI_LIMITS.scorm12SuspendData) {
      warnings.push({ element, code: "over-scorm-12-size", length: value.length, limit: CMI_LIMITS.scorm12SuspendData });
    }
    accepted[element] = value;
  }

  return problems.length ? { ok: false, problems } : { ok: true, values: accepted, warnings };
}

/** Elements the content writes but never reads back: not given to the runtime on the next launch. */
export function isWriteOnly(version: CmiVersion, element: string): boolean {
  return version === "1.2"
    ? element === "cmi.core.exit" || element === "cmi.core.session_time"
    : element === "cmi.exit" || element === "cmi.session_time";
}
