import * as scorm12 from "scorm-again/scorm12";
import * as scorm2004 from "scorm-again/scorm2004";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ScormSession, type CommitAnswer, type ScormApiClass, type Transport } from "./session";

/**
 * The player's session with scorm-again's real API objects, and a transport
 * that records what would go to the commit endpoint and answers what the
 * test says.
 */
type Sent = { url: string; body: { seq: number; values: Record<string, string>; terminate?: boolean }; beacon?: boolean };

function transport(answers: (CommitAnswer | Error)[] = []) {
  const sent: Sent[] = [];
  const t: Transport = {
    async post(url, body) {
      sent.push({ url, body: JSON.parse(body) });
      const next = answers.shift() ?? { ok: true, status: 200, body: { progress: { percent: 0 } } };
      if (next instanceof Error) throw next;
      return next;
    },
    beacon(url, body) {
      sent.push({ url, body: JSON.parse(body), beacon: true });
      return true;
    },
  };
  return { t, sent };
}

const launch12 = { attemptId: "a1", version: "1.2" as const, seq: 4, commitUrl: "/api/scorm/attempts/a1/commit", cmi: { "cmi.core.student_name": "Amina", "cmi.core.entry": "resume", "cmi.suspend_data": "page=2" } };
// The ESM builds export the classes by name; the published types describe default exports.
const Api12 = (scorm12 as unknown as Record<string, ScormApiClass>).Scorm12API;
const Api2004 = (scorm2004 as unknown as Record<string, ScormApiClass>).Scorm2004API;

afterEach(() => vi.useRealTimers());

describe("a SCORM session in the player page", () => {
  it("answers from the saved data, and commits only what the content set and scorm-again accepted, numbered from the launch's seq", async () => {
    const { t, sent } = transport();
    const session = new ScormSession(launch12, Api12, {}, t);
    expect(session.snapshot()["cmi.suspend_data"]).toBe("page=2");
    expect(session.call("LMSInitialize", [""])).toBe("true");
    expect(session.call("LMSGetValue", ["cmi.core.entry"])).toBe("resume");
    expect(session.call("LMSSetValue", ["cmi.core.lesson_location", "p3"])).toBe("true");
    // Read-only: refused by the runtime, never sent to the server (which would refuse the whole commit).
    expect(session.call("LMSSetValue", ["cmi.core.student_name", "Someone else"])).toBe("false");
    expect(session.call("LMSGetLastError", [])).toBe("403");
    expect(session.call("LMSSetValue", ["cmi.suspend_data", "x".repeat(64_000)])).toBe("true");
    expect(session.call("LMSCommit", [""])).toBe("true");
    await session.commit();
    expect(sent).toEqual([{ url: launch12.commitUrl, body: { seq: 5, values: { "cmi.core.lesson_location": "p3", "cmi.suspend_data": "x".repeat(64_000) } } }]);
    expect(session.hasUnsaved).toBe(false);
  });

  it("refuses calls outside the version's API", () => {
    const session = new ScormSession(launch12, Api12, {}, transport().t);
    expect(() => session.call("Initialize", [""])).toThrow("Method not allowed");
    expect(() => session.call("loadFromFlattenedJSON", [{}])).toThrow("Method not allowed");
    expect(() => session.call("constructor", [])).toThrow("Method not allowed");
  });

  it("keeps what a failed commit held and sends it again; drops only what the server refused", async () => {
    const onCommitFailed = vi.fn();
    const { t, sent } = transport([
      new Error("offline"),
      { ok: false, status: 400, body: { error: "invalid-cmi", problems: [{ element: "cmi.comments" }] } },
      { ok: true, status: 200, body: { progress: null } },
    ]);
    const session = new ScormSession(launch12, Api12, { onCommitFailed }, t);
    session.call("LMSInitialize", [""]);
    session.call("LMSSetValue", ["cmi.core.lesson_status", "completed"]);
    session.call("LMSSetValue", ["cmi.comments", "note"]);
    await session.commit();
    expect(onCommitFailed).toHaveBeenLastCalledWith("failed");
    expect(session.hasUnsaved).toBe(true);
    await session.commit();
    expect(onCommitFailed).toHaveBeenLastCalledWith("refused");
    expect(sent.map((s) => [s.body.seq, Object.keys(s.body.values)])).toEqual([
      [5, ["cmi.core.lesson_status", "cmi.comments"]],
      [6, ["cmi.core.lesson_status", "cmi.comments"]],
      [7, ["cmi.core.lesson_status"]],
    ]);
    expect(session.hasUnsaved).toBe(false);
  });

  it("a value changed while its commit was under way stays unsaved until a commit holds it", async () => {
    let release: (a: CommitAnswer) => void = () => {};
    const sent: string[] = [];
    const t: Transport = {
      post: (_url, body) => {
        sent.push(JSON.parse(body).values["cmi.core.lesson_location"]);
        return new Promise((resolve) => (release = resolve));
      },
      beacon: () => true,
    };
    const session = new ScormSession(launch12, Api12, {}, t);
    session.call("LMSInitialize", [""]);
    session.call("LMSSetValue", ["cmi.core.lesson_location", "p1"]);
    const first = session.commit();
    await Promise.resolve();
    session.call("LMSSetValue", ["cmi.core.lesson_location", "p2"]);
    release({ ok: true, status: 200, body: {} });
    await first;
    expect(session.hasUnsaved).toBe(true);
    const second = session.commit();
    await Promise.resolve();
    await Promise.resolve();
    release({ ok: true, status: 200, body: {} });
    await second;
    expect(sent).toEqual(["p1", "p2"]);
    expect(session.hasUnsaved).toBe(false);
  });

  it("autocommits what is unsaved every 10 s, and sends the rest by beacon when the page goes", async () => {
    vi.useFakeTimers();
    const { t, sent } = transport();
    const session = new ScormSession(launch12, Api12, {}, t);
    session.call("LMSInitialize", [""]);
    session.call("LMSSetValue", ["cmi.core.lesson_location", "p1"]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent.map((s) => s.body.values)).toEqual([{ "cmi.core.lesson_location": "p1" }]);
    session.call("LMSSetValue", ["cmi.suspend_data", "left"]);
    session.beacon();
    expect(sent[1]).toEqual({ url: launch12.commitUrl, body: { seq: 6, values: { "cmi.suspend_data": "left" } }, beacon: true });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(sent).toHaveLength(2);
  });

  it("SCORM 2004: Terminate commits with terminate, and hands the content's navigation request to the player", async () => {
    const onTerminated = vi.fn();
    const { t, sent } = transport();
    const session = new ScormSession({ ...launch12, version: "2004", cmi: { "cmi.learner_name": "Amina", "cmi.entry": "ab-initio" } }, Api2004, { onTerminated }, t);
    expect(session.call("Initialize", [""])).toBe("true");
    expect(session.call("GetValue", ["cmi.entry"])).toBe("ab-initio");
    session.call("SetValue", ["cmi.completion_status", "completed"]);
    session.call("SetValue", ["cmi.score.scaled", "0.9"]);
    session.call("SetValue", ["adl.nav.request", "continue"]);
    expect(session.call("Terminate", [""])).toBe("true");
    await vi.waitFor(() => expect(onTerminated).toHaveBeenCalledWith("continue"));
    expect(sent).toEqual([{ url: launch12.commitUrl, body: { seq: 5, values: { "cmi.completion_status": "completed", "cmi.score.scaled": "0.9" }, terminate: true } }]);
  });
});
