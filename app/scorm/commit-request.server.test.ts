import { describe, expect, it } from "vitest";
import { createAuthSession } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { action } from "~/routes/api.scorm.attempts.$attemptId.commit";
import { catalogCourse, createUser, enrolmentFor } from "../../tests/setup/db-fixtures";
import { loadScormData } from "./resume.server";
import { storedPackage } from "./tracking-fixtures";

/** The commit route's action, called the way Remix calls it, on a real database. */
async function learnerWithAttempt() {
  const user = await createUser();
  const { token } = await createAuthSession(user.id);
  const course = await catalogCourse("scorm-commit-route");
  await enrolmentFor(user.id, course.id);
  const pkg = await storedPackage("1.2");
  const launch = await loadScormData({ userId: user.id, courseId: course.id, lessonId: "scorm-lesson", packageId: pkg.id, scoId: "sco-1" });
  if (!launch.ok) throw new Error(launch.error);
  return { user, cookie: `tadrib_session=${token}`, attemptId: launch.attemptId };
}

async function post(attemptId: string, body: BodyInit, { cookie, type = "application/json" }: { cookie?: string; type?: string } = {}) {
  const request = new Request(`http://localhost/api/scorm/attempts/${attemptId}/commit`, {
    method: "POST",
    body,
    headers: { "content-type": type, ...(cookie ? { cookie } : {}) },
  });
  const response = await action({ request, params: { attemptId }, context: {} });
  return { status: response.status, json: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

const cmiOf = async (attemptId: string) => JSON.parse((await db.scormAttempt.findUniqueOrThrow({ where: { id: attemptId } })).cmi) as Record<string, string>;

describe("POST /api/scorm/attempts/:attemptId/commit", () => {
  it("stores a commit sent as application/json, and answers what it wrote", async () => {
    const { cookie, attemptId } = await learnerWithAttempt();
    const answer = await post(attemptId, JSON.stringify({ seq: 1, values: { "cmi.core.lesson_location": "p2", "cmi.core.lesson_status": "incomplete" } }), { cookie });
    expect(answer.status).toBe(200);
    // progress: the lesson's state for the player; null here, the attempt's course being in no built catalogue
    // (app/scorm/player/lesson-package.server.test.ts has it on a built course).
    expect(answer.json).toEqual({ seq: 1, applied: ["cmi.core.lesson_location", "cmi.core.lesson_status"], stale: [], warnings: [], progress: null });
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(await cmiOf(attemptId)).toEqual({ "cmi.core.lesson_location": "p2", "cmi.core.lesson_status": "incomplete" });
  });

  it("stores a beacon's JSON sent as text/plain, terminate included", async () => {
    const { cookie, attemptId } = await learnerWithAttempt();
    const beacon = JSON.stringify({ seq: 3, values: { "cmi.suspend_data": "state" }, terminate: true });
    const answer = await post(attemptId, beacon, { cookie, type: "text/plain;charset=UTF-8" });
    expect([answer.status, answer.json.applied]).toEqual([200, ["cmi.suspend_data"]]);
    const row = await db.scormAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect([row.commitSeq, row.terminatedAt !== null, row.suspendDataLength]).toEqual([3, true, 5]);
  });

  it("is idempotent: the same commit replayed changes nothing", async () => {
    const { cookie, attemptId } = await learnerWithAttempt();
    const body = JSON.stringify({ seq: 1, values: { "cmi.core.lesson_location": "p1" } });
    await post(attemptId, body, { cookie });
    const before = await db.scormAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    const replay = await post(attemptId, body, { cookie });
    expect([replay.status, replay.json]).toEqual([200, { seq: 1, applied: [], stale: ["cmi.core.lesson_location"], warnings: [], progress: null }]);
    expect(await db.scormAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toEqual(before);
  });

  it("answers 404 for someone else's attempt, as for a missing one, and writes nothing", async () => {
    const owner = await learnerWithAttempt();
    const other = await learnerWithAttempt();
    const body = JSON.stringify({ seq: 1, values: { "cmi.core.lesson_location": "hijacked" } });
    expect(await post(owner.attemptId, body, { cookie: other.cookie })).toMatchObject({ status: 404, json: { error: "attempt-not-found" } });
    expect(await post("not-an-attempt", body, { cookie: other.cookie })).toMatchObject({ status: 404, json: { error: "attempt-not-found" } });
    // The body is not even read for a stranger: a bad one gets the same 404.
    expect(await post(owner.attemptId, "{not json", { cookie: other.cookie })).toMatchObject({ status: 404 });
    expect(await cmiOf(owner.attemptId)).toEqual({});
  });

  it("answers 401 without a session", async () => {
    const { attemptId } = await learnerWithAttempt();
    expect(await post(attemptId, JSON.stringify({ seq: 1, values: {} }))).toMatchObject({ status: 401, json: { error: "not-signed-in" } });
  });

  it("answers 413 for a body over the limit, and writes nothing", async () => {
    const { cookie, attemptId } = await learnerWithAttempt();
    const huge = JSON.stringify({ seq: 1, values: { "cmi.suspend_data": "x".repeat(1_100_000) } });
    expect(await post(attemptId, huge, { cookie })).toMatchObject({ status: 413, json: { error: "body-too-large", limit: 1_000_000 } });
    expect(await cmiOf(attemptId)).toEqual({});
  });

  it("answers 400 with a code per element for invalid elements, and writes none of the commit", async () => {
    const { cookie, attemptId } = await learnerWithAttempt();
    const body = JSON.stringify({ seq: 1, values: { "cmi.core.lesson_location": "ok", "cmi.core.student_id": "me", "cmi.nonsense": "x" } });
    const answer = await post(attemptId, body, { cookie });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toBe("invalid-cmi");
    expect(answer.json.problems).toEqual(
      expect.arrayContaining([
        { element: "cmi.core.student_id", code: "read-only" },
        { element: "cmi.nonsense", code: "unknown-element" },
      ]),
    );
    expect(await cmiOf(attemptId)).toEqual({});
  });

  it("answers 400 for a body that is not a commit, and 415 for a form", async () => {
    const { cookie, attemptId } = await learnerWithAttempt();
    expect(await post(attemptId, "{not json", { cookie })).toMatchObject({ status: 400, json: { error: "invalid-json" } });
    expect(await post(attemptId, JSON.stringify({ seq: 0, values: {} }), { cookie })).toMatchObject({ status: 400, json: { error: "invalid-body" } });
    expect(await post(attemptId, "seq=1", { cookie, type: "application/x-www-form-urlencoded" })).toMatchObject({ status: 415, json: { error: "unsupported-media-type" } });
  });
});
