import { describe, expect, it } from "vitest";
import { CMI_LIMITS, isWriteOnly, validateCmiValues } from "./cmi-validation.server";

const problems = (result: ReturnType<typeof validateCmiValues>) => (result.ok ? [] : result.problems);

describe("SCORM 1.2 values", () => {
  it("accepts what a typical SCO commits", () => {
    const result = validateCmiValues("1.2", {
      "cmi.core.lesson_status": "incomplete",
      "cmi.core.lesson_location": "page-3",
      "cmi.core.score.raw": "85",
      "cmi.core.score.min": "0",
      "cmi.core.score.max": "100",
      "cmi.core.exit": "suspend",
      "cmi.core.session_time": "00:12:30.5",
      "cmi.suspend_data": "A1B2C3",
      "cmi.student_preference.audio": "-1",
      "cmi.objectives.0.id": "obj-1",
      "cmi.objectives.0.status": "not attempted",
      "cmi.interactions.0.id": "q1",
      "cmi.interactions.0.type": "choice",
      "cmi.interactions.0.time": "14:05:00",
      "cmi.interactions.0.student_response": "a,b",
      "cmi.interactions.0.result": "wrong",
      "cmi.interactions.0.latency": "00:00:12",
      "cmi.interactions.0.correct_responses.0.pattern": "b",
      "cmi.interactions.0.objectives.0.id": "obj-1",
    });
    expect(result).toEqual({ ok: true, values: expect.objectContaining({ "cmi.core.score.raw": "85" }), warnings: [] });
  });

  it("passed, completed, failed, incomplete and browsed are lesson statuses; not attempted is the LMS's to set", () => {
    for (const status of ["passed", "completed", "failed", "incomplete", "browsed"]) {
      expect(validateCmiValues("1.2", { "cmi.core.lesson_status": status }).ok, status).toBe(true);
    }
    expect(problems(validateCmiValues("1.2", { "cmi.core.lesson_status": "not attempted" }))).toEqual([
      { element: "cmi.core.lesson_status", code: "not-in-vocabulary" },
    ]);
    expect(problems(validateCmiValues("1.2", { "cmi.core.lesson_status": "Completed" }))[0].code).toBe("not-in-vocabulary");
  });

  it("refuses SCORM 2004's names, unknown names and read-only elements", () => {
    expect(problems(validateCmiValues("1.2", { "cmi.completion_status": "completed", "cmi.core.favourite_colour": "blue" }))).toEqual([
      { element: "cmi.completion_status", code: "unknown-element" },
      { element: "cmi.core.favourite_colour", code: "unknown-element" },
    ]);
    for (const element of ["cmi.core.student_id", "cmi.core.student_name", "cmi.core.total_time", "cmi.core.entry", "cmi.core.credit", "cmi.launch_data", "cmi.interactions._count", "cmi.core._children", "cmi.student_data.mastery_score"]) {
      expect(problems(validateCmiValues("1.2", { [element]: "x" })), element).toEqual([{ element, code: "read-only" }]);
    }
  });

  it("checks types: CMIDecimal or blank scores, timespans, CMITime, exits", () => {
    expect(validateCmiValues("1.2", { "cmi.core.score.raw": "" }).ok).toBe(true);
    expect(validateCmiValues("1.2", { "cmi.core.score.raw": "72.5" }).ok).toBe(true);
    expect(problems(validateCmiValues("1.2", { "cmi.core.score.raw": "seventy" }))[0].code).toBe("bad-format");
    expect(problems(validateCmiValues("1.2", { "cmi.core.session_time": "PT1M" }))[0].code).toBe("bad-format");
    expect(problems(validateCmiValues("1.2", { "cmi.interactions.0.time": "25:00:00" }))[0].code).toBe("bad-format");
    expect(problems(validateCmiValues("1.2", { "cmi.core.exit": "normal" }))[0].code).toBe("not-in-vocabulary");
    expect(problems(validateCmiValues("1.2", { "cmi.student_preference.speed": "101" }))[0].code).toBe("out-of-range");
    expect(problems(validateCmiValues("1.2", { "cmi.interactions.0.result": "incorrect" }))[0].code).toBe("not-in-vocabulary");
    expect(validateCmiValues("1.2", { "cmi.interactions.0.result": "0.5" }).ok).toBe(true);
  });

  it("keeps suspend_data beyond SCORM 1.2's 4,096 characters, whole, with a warning", () => {
    const data = "x".repeat(30_000);
    const result = validateCmiValues("1.2", { "cmi.suspend_data": data });
    expect(result).toEqual({
      ok: true,
      values: { "cmi.suspend_data": data },
      warnings: [{ element: "cmi.suspend_data", code: "over-scorm-12-size", length: 30_000, limit: 4096 }],
    });
    expect(validateCmiValues("1.2", { "cmi.suspend_data": "x".repeat(4096) })).toMatchObject({ ok: true, warnings: [] });
  });

  it("refuses suspend_data over 64,000 characters rather than cutting it", () => {
    expect(validateCmiValues("1.2", { "cmi.suspend_data": "x".repeat(64_000) }).ok).toBe(true);
    expect(problems(validateCmiValues("1.2", { "cmi.suspend_data": "x".repeat(64_001) }))).toEqual([
      { element: "cmi.suspend_data", code: "too-long", limit: 64_000 },
    ]);
  });

  it("accepts long learner responses", () => {
    expect(validateCmiValues("1.2", { "cmi.interactions.0.id": "essay", "cmi.interactions.0.student_response": "word ".repeat(10_000) }).ok).toBe(true);
  });

  it("numbers are read as their text; other kinds of value are refused", () => {
    expect(validateCmiValues("1.2", { "cmi.core.score.raw": 90 })).toMatchObject({ ok: true, values: { "cmi.core.score.raw": "90" } });
    expect(problems(validateCmiValues("1.2", { "cmi.core.score.raw": null, "cmi.suspend_data": { a: 1 } }))).toEqual([
      { element: "cmi.core.score.raw", code: "not-a-string" },
      { element: "cmi.suspend_data", code: "not-a-string" },
    ]);
  });
});

describe("SCORM 2004 values", () => {
  it("accepts what a typical SCO commits", () => {
    const result = validateCmiValues("2004", {
      "cmi.completion_status": "completed",
      "cmi.success_status": "passed",
      "cmi.score.scaled": "0.85",
      "cmi.score.raw": "17",
      "cmi.score.min": "0",
      "cmi.score.max": "20",
      "cmi.progress_measure": "1",
      "cmi.location": "slide-12",
      "cmi.exit": "normal",
      "cmi.session_time": "PT1H2M3.25S",
      "cmi.suspend_data": "{\"slide\":12}",
      "cmi.learner_preference.language": "ar",
      "cmi.learner_preference.audio_captioning": "1",
      "cmi.comments_from_learner.0.comment": "Très clair",
      "cmi.comments_from_learner.0.timestamp": "2026-12-02T10:15:30.5+01:00",
      "cmi.objectives.0.id": "urn:tadrib:obj:1",
      "cmi.objectives.0.success_status": "passed",
      "cmi.interactions.0.id": "q1",
      "cmi.interactions.0.type": "long-fill-in",
      "cmi.interactions.0.learner_response": "réponse ".repeat(2000),
      "cmi.interactions.0.description": "Question 1",
      "cmi.interactions.0.result": "incorrect",
      "cmi.interactions.0.timestamp": "2026-12-02T10:15",
      "cmi.interactions.0.latency": "PT12S",
    });
    expect(result.ok, JSON.stringify(problems(result))).toBe(true);
  });

  it("has its own vocabularies", () => {
    expect(problems(validateCmiValues("2004", { "cmi.completion_status": "passed" }))[0].code).toBe("not-in-vocabulary");
    expect(problems(validateCmiValues("2004", { "cmi.success_status": "completed" }))[0].code).toBe("not-in-vocabulary");
    expect(problems(validateCmiValues("2004", { "cmi.interactions.0.result": "wrong" }))[0].code).toBe("not-in-vocabulary");
    expect(validateCmiValues("2004", { "cmi.exit": "normal" }).ok).toBe(true);
    expect(problems(validateCmiValues("2004", { "cmi.core.lesson_status": "passed" }))[0].code).toBe("unknown-element");
  });

  it("keeps scaled scores within −1…1 and measures within 0…1", () => {
    expect(validateCmiValues("2004", { "cmi.score.scaled": "-1" }).ok).toBe(true);
    expect(problems(validateCmiValues("2004", { "cmi.score.scaled": "1.01" }))[0].code).toBe("out-of-range");
    expect(problems(validateCmiValues("2004", { "cmi.progress_measure": "-0.1" }))[0].code).toBe("out-of-range");
    expect(problems(validateCmiValues("2004", { "cmi.score.raw": "1e3" }))[0].code).toBe("bad-format");
  });

  it("checks durations and timestamps", () => {
    expect(problems(validateCmiValues("2004", { "cmi.session_time": "00:10:00" }))[0].code).toBe("bad-format");
    expect(problems(validateCmiValues("2004", { "cmi.interactions.0.timestamp": "02/12/2026" }))[0].code).toBe("bad-format");
  });

  it("refuses read-only elements", () => {
    for (const element of ["cmi._version", "cmi.learner_id", "cmi.learner_name", "cmi.entry", "cmi.total_time", "cmi.mode", "cmi.credit", "cmi.scaled_passing_score", "cmi.completion_threshold", "cmi.objectives._count", "cmi.comments_from_lms.0.comment"]) {
      expect(problems(validateCmiValues("2004", { [element]: "x" })), element).toEqual([{ element, code: "read-only" }]);
    }
  });

  it("suspend_data: 64,000 characters, no warning", () => {
    expect(validateCmiValues("2004", { "cmi.suspend_data": "x".repeat(64_000) })).toMatchObject({ ok: true, warnings: [] });
    expect(problems(validateCmiValues("2004", { "cmi.suspend_data": "x".repeat(64_001) }))[0].code).toBe("too-long");
  });

  it("bounds short texts", () => {
    expect(problems(validateCmiValues("2004", { "cmi.interactions.0.description": "d".repeat(4001) }))).toEqual([
      { element: "cmi.interactions.0.description", code: "too-long", limit: 4000 },
    ]);
  });
});

describe("collections (interactions, objectives…)", () => {
  it("an entry may arrive before the ones it follows (a commit overtaken on the way)", () => {
    expect(validateCmiValues("2004", { "cmi.interactions.3.id": "d", "cmi.interactions.0.objectives.2.id": "o" }).ok).toBe(true);
  });

  it(`hold at most ${CMI_LIMITS.maxEntries} entries`, () => {
    expect(validateCmiValues("1.2", { "cmi.interactions.499.result": "correct" }).ok).toBe(true);
    expect(problems(validateCmiValues("1.2", { "cmi.interactions.500.id": "one-too-many" }))).toEqual([
      { element: "cmi.interactions.500.id", code: "too-many", limit: 500 },
    ]);
    expect(problems(validateCmiValues("2004", { "cmi.interactions.0.correct_responses.500.pattern": "p" }))[0].code).toBe("too-many");
  });
});

it("a refused commit lists every bad element and accepts none", () => {
  const result = validateCmiValues("2004", { "cmi.location": "ok", "cmi.learner_id": "someone-else", "cmi.score.scaled": "2" });
  expect(result).toEqual({
    ok: false,
    problems: [
      { element: "cmi.learner_id", code: "read-only" },
      { element: "cmi.score.scaled", code: "out-of-range" },
    ],
  });
});

it("exit and session time are write-only", () => {
  expect(isWriteOnly("1.2", "cmi.core.exit")).toBe(true);
  expect(isWriteOnly("2004", "cmi.session_time")).toBe(true);
  expect(isWriteOnly("2004", "cmi.suspend_data")).toBe(false);
});
