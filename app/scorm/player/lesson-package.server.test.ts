import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CatalogCourse } from "~/catalog/catalog.server";
import { courseYml, writeCourse } from "~/catalog/course-fixture.server";
import { env } from "~/config/env.server";
import { db } from "~/db/client.server";
import { completeLesson, lessonPage } from "~/learning/lesson-page.server";
import { buildAndGetCourse } from "../../../tests/setup/built-course";
import { createUser, enrolmentFor } from "../../../tests/setup/db-fixtures";
import { scorm12Early, scorm2004Multi } from "../../../tests/setup/scorm-test-packages";
import { commitScormData } from "../commits.server";
import { recordPackage } from "../packages.server";
import { storePackage } from "../unpack.server";
import { launchRequest, packageStateAfterCommit } from "./lesson-package.server";

/**
 * The server half of the player on a real built course with real stored
 * packages: a launch answers the runtime's starting data, and a commit that
 * finishes the package completes its lesson and, through the course's rule,
 * the course (the one completion path: certificate and training record).
 */
const dirs = vi.hoisted(() => {
  const base = `${process.env.TMPDIR ?? "/tmp"}/tadrib-player-${process.pid}-${Date.now()}`;
  process.env.COURSE_CACHE_DIR = `${base}/cache`;
  process.env.SCORM_DIR = `${base}/store`;
  return { base, courses: `${base}/courses`, cache: `${base}/cache`, store: `${base}/store` };
});
afterAll(() => fs.rmSync(dirs.base, { recursive: true, force: true }));

const LANGS = ["fr", "ar", "en"];
const t3 = (text: string) => ({ fr: text, ar: text, en: text });
let course: CatalogCourse;
const shas: Record<string, string> = {};

async function store(name: string, zip: Buffer) {
  fs.mkdirSync(dirs.base, { recursive: true });
  const file = path.join(dirs.base, `${name}.zip`);
  fs.writeFileSync(file, zip);
  const stored = await storePackage(file, { storeDir: env.SCORM_DIR });
  if (!stored.ok) throw new Error(JSON.stringify(stored.problems));
  await recordPackage(stored.key, stored.manifest);
  shas[name] = stored.key;
}

beforeAll(async () => {
  await store("early", scorm12Early());
  await store("multi", scorm2004Multi());
  const lessons: Record<string, string> = {};
  for (const lang of LANGS) {
    lessons[`early.${lang}.mdx`] = `Texte.\n\n<Scorm id="early" />\n`;
    lessons[`multi.${lang}.mdx`] = `Texte.\n\n<Scorm id="multi" />\n`;
  }
  const yml = courseYml({
    languages: LANGS,
    title: t3("Paquets"),
    summary: t3("Résumé."),
    audience: t3("Tous."),
    modules: [{ id: "m", title: t3("Module"), lessons: [{ id: "early", title: t3("1.2") }, { id: "multi", title: t3("2004") }] }],
  });
  const dir = writeCourse(dirs.courses, "paquets", yml, lessons);
  fs.mkdirSync(path.join(dir, "scorm"));
  for (const id of ["early", "multi"]) fs.writeFileSync(path.join(dir, "scorm", `${id}.yml`), `sha256: ${shas[id]}\n`);
  course = await buildAndGetCourse(dirs.courses, dirs.cache, "paquets");
});

function launch(userId: string, fields: Record<string, string>) {
  const body = new URLSearchParams({ course: "paquets", ...fields });
  return launchRequest(new Request("http://localhost/api/scorm/launch", { method: "POST", body }), userId);
}

describe("launching a SCORM lesson's package", () => {
  it("starts an attempt with what the LMS provides, then resumes it with the saved data", async () => {
    const user = await createUser({ name: "Leïla Haddad" });
    await enrolmentFor(user.id, course.id);
    const first = await launch(user.id, { lesson: "early", sco: "signs" });
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("no-store");
    const data = (await first.json()) as { attemptId: string; version: string; entry: string; seq: number; cmi: Record<string, string>; commitUrl: string };
    expect([data.version, data.entry, data.seq]).toEqual(["1.2", "ab-initio", 0]);
    expect(data.cmi["cmi.core.student_name"]).toBe("Leïla Haddad");
    expect(data.cmi["cmi.student_data.mastery_score"]).toBe("80");
    expect(data.commitUrl).toBe(`/api/scorm/attempts/${data.attemptId}/commit`);

    const saved = await commitScormData({
      userId: user.id,
      courseId: course.id,
      scoId: "signs",
      attemptId: data.attemptId,
      seq: 1,
      values: { "cmi.suspend_data": "page=3;" + "x".repeat(6000), "cmi.core.lesson_location": "page-3" },
    });
    expect(saved.ok).toBe(true);
    const again = (await (await launch(user.id, { lesson: "early", sco: "signs" })).json()) as typeof data;
    expect([again.attemptId, again.entry, again.seq]).toEqual([data.attemptId, "resume", 1]);
    expect(again.cmi["cmi.suspend_data"]).toHaveLength(6007);
    expect(again.cmi["cmi.core.lesson_location"]).toBe("page-3");
  });

  it("refuses a stranger, an unknown part and a lesson without a package, with the codes the player translates", async () => {
    const stranger = await createUser();
    const refused = await launch(stranger.id, { lesson: "early", sco: "signs" });
    expect([refused.status, await refused.json()]).toEqual([403, { error: "not-enrolled" }]);
    const enrolled = await createUser();
    await enrolmentFor(enrolled.id, course.id);
    const unknown = await launch(enrolled.id, { lesson: "early", sco: "frames" });
    expect([unknown.status, await unknown.json()]).toEqual([404, { error: "unknown-sco" }]);
    const noLesson = await launch(enrolled.id, { lesson: "nowhere", sco: "signs" });
    expect([noLesson.status, await noLesson.json()]).toEqual([404, { error: "package-not-found" }]);
    expect(await db.scormAttempt.count({ where: { userId: { in: [stranger.id, enrolled.id] } } })).toBe(0);
  });
});

describe("what a commit means for the lesson and the course", () => {
  async function played(userId: string, lessonId: string, scoId: string, values: Record<string, string>, seq = 1) {
    const started = (await (await launch(userId, { lesson: lessonId, sco: scoId })).json()) as { attemptId: string };
    const committed = await commitScormData({ userId, courseId: course.id, scoId, attemptId: started.attemptId, seq, values });
    expect(committed.ok).toBe(true);
    const enrolment = await db.enrolment.findFirstOrThrow({ where: { userId, courseId: course.id } });
    return packageStateAfterCommit({ userId, courseId: course.id, lessonId, enrolmentId: enrolment.id });
  }

  it("a failed learner's lesson is not complete and not at 100 %; a pass completes it", async () => {
    const user = await createUser();
    await enrolmentFor(user.id, course.id);
    const failed = await played(user.id, "early", "signs", { "cmi.core.lesson_status": "completed", "cmi.core.score.raw": "40" });
    expect(failed).toMatchObject({ completed: false, success: "failed", percent: 0, scorePercent: 40, lessonDone: false, courseCompleted: false });
    const page = await lessonPage("paquets", "early", user, "fr");
    expect([page.done, page.completedByIsland]).toEqual([false, true]);
    // The lesson completes with its package, never by the learner's "mark as complete".
    await expect(completeLesson("paquets", "early", user.id)).rejects.toMatchObject({ status: 400 });

    const passed = await played(user.id, "early", "signs", { "cmi.core.score.raw": "85" }, 2);
    expect(passed).toMatchObject({ completed: true, success: "passed", percent: 100, scorePercent: 85, lessonDone: true, courseCompleted: false });
    expect((await lessonPage("paquets", "early", user, "fr")).done).toBe(true);
  });

  it("every item of a multi-SCO package, the hidden one included, before the lesson and the course complete", async () => {
    const user = await createUser();
    await enrolmentFor(user.id, course.id);
    await played(user.id, "early", "signs", { "cmi.core.lesson_status": "passed" });
    const done = { "cmi.completion_status": "completed", "cmi.success_status": "passed", "cmi.score.scaled": "0.9" };
    expect(await played(user.id, "multi", "frames", done)).toMatchObject({ done: 1, required: 3, percent: 33, lessonDone: false, courseCompleted: false });
    expect(await played(user.id, "multi", "arabic", done)).toMatchObject({ done: 2, required: 3, percent: 66, lessonDone: false });
    const last = await played(user.id, "multi", "hidden", done);
    expect(last).toMatchObject({ done: 3, required: 3, percent: 100, completed: true, lessonDone: true, courseCompleted: true, scorePercent: 90 });
    const completion = await db.completion.findFirstOrThrow({ where: { userId: user.id, courseId: course.id } });
    expect(completion.modality).toBe("online");
    expect(await db.trainingRecord.count({ where: { userId: user.id, courseId: course.id } })).toBe(1);
  });
});
