import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildCourses } from "~/catalog/build.server";
import { contentPipeline } from "~/content-kinds.server";
import { launchFiles } from "../manifest.server";
import { storePackage } from "../unpack.server";
import { rightAnswers } from "~/learning/quiz/right-answers.server";
import { fieldName, gradableQuestions } from "~/learning/quiz/form-answers";
import { ExportError, exportCourse } from "./export-course.server";
import { gradeForm, outcome, readSuspendData, recordAttempt, statusToWrite, writeSuspendData, type PackageConfig, type PackageQuiz } from "./package-quiz";

// A cache of our own, built from the real library, so the test never depends on a previous `npm run courses:build`.
const work = fs.mkdtempSync(path.join(os.tmpdir(), "scorm-export-"));
const cacheDir = path.join(work, "cache");
const SLUGS = fs.readdirSync(path.resolve("courses")).filter((name) => fs.existsSync(path.resolve("courses", name, "course.yml")));

beforeAll(async () => {
  const summary = await buildCourses({ coursesDir: path.resolve("courses"), cacheDir, pipeline: contentPipeline });
  expect(summary.failures).toEqual([]);
}, 120_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("exported courses pass Tadrib's own SCORM import checks", () => {
  test("the library has its four courses", () => expect(SLUGS).toHaveLength(4));

  for (const slug of SLUGS) {
    for (const lang of ["fr", "ar"] as const) {
      test(`${slug} in ${lang}`, async () => {
        const { zip, summary } = await exportCourse({ cacheDir, slug, lang });
        const file = path.join(work, `${slug}.${lang}.zip`);
        fs.writeFileSync(file, zip);
        const stored = await storePackage(file, { storeDir: path.join(work, "store") });
        if (!stored.ok) throw new Error(JSON.stringify(stored.problems));
        expect(stored.manifest.version).toBe("1.2");
        const launches = launchFiles(stored.manifest);
        expect(launches).toEqual(["index.html"]);
        for (const launch of launches) expect(fs.existsSync(path.join(stored.dir, launch))).toBe(true);
        expect(summary.lessons).toBeGreaterThan(1);
        expect(summary.bytes).toBe(zip.length);

        const html = fs.readFileSync(path.join(stored.dir, "index.html"), "utf8");
        if (lang === "ar") expect(html).toContain('<html lang="ar" dir="rtl">');
        else expect(html).toContain('<html lang="fr" dir="ltr">');
        // Every lesson is a section reachable from the next/previous links, and no file is fetched from elsewhere.
        expect(html.match(/<section class="lesson"/g)).toHaveLength(summary.lessons);
        expect(html).not.toMatch(/(src|srcset|poster)="(https?:)?\/\/|<link[^>]+href="(https?:)?\/\//);
        for (const src of html.matchAll(/src="(media\/[^"]+)"/g)) expect(fs.existsSync(path.join(stored.dir, src[1]))).toBe(true);
      }, 30_000);
    }
  }

  test("the mastery score is the completion rule's quiz minimum score", async () => {
    const { zip } = await exportCourse({ cacheDir, slug: "fair-recruitment", lang: "fr" });
    const file = path.join(work, "mastery.zip");
    fs.writeFileSync(file, zip);
    const stored = await storePackage(file, { storeDir: path.join(work, "store") });
    if (!stored.ok) throw new Error("refused");
    expect(fs.readFileSync(path.join(stored.dir, "imsmanifest.xml"), "utf8")).toContain("<adlcp:masteryscore>70</adlcp:masteryscore>");
  });

  test("the same cache gives the same bytes", async () => {
    const a = await exportCourse({ cacheDir, slug: "migration-data", lang: "ar" });
    const b = await exportCourse({ cacheDir, slug: "migration-data", lang: "ar" });
    expect(Buffer.compare(a.zip, b.zip)).toBe(0);
  });
});

/** The config runtime.js reads, as the exported index.html carries it. */
function packageConfig(html: string): PackageConfig {
  const json = /<script type="application\/json" id="tadrib-package">([^]*?)<\/script>/.exec(html)?.[1];
  return JSON.parse(json!) as PackageConfig;
}

/** A submitted form, as the browser builds it from the package's fields. */
function formOf(pq: PackageQuiz, answers: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const q of gradableQuestions(pq.view)) {
    const value = answers[q.id];
    if (value === undefined || value === null) continue;
    if (q.type === "matching") for (const [left, token] of Object.entries(value as Record<string, string>)) form.append(fieldName(q.id, left), token);
    else for (const v of Array.isArray(value) ? value : [value]) form.append(fieldName(q.id), String(v));
  }
  return form;
}

const rightFor = (pq: PackageQuiz, slug: string, lang: "fr" | "ar") =>
  rightAnswers(pq.quiz, { questionIds: pq.drawn.map((d) => d.id), seed: `scorm-export:${slug}:${pq.quiz.id}` }, lang);

describe("quizzes graded inside the package", () => {
  test("each quiz is a form; the visible HTML has no answer key, the runtime config has it", async () => {
    const { zip, summary } = await exportCourse({ cacheDir, slug: "migration-data", lang: "fr" });
    const file = path.join(work, "quizzes.zip");
    fs.writeFileSync(file, zip);
    const stored = await storePackage(file, { storeDir: path.join(work, "store") });
    if (!stored.ok) throw new Error("refused");
    const html = fs.readFileSync(path.join(stored.dir, "index.html"), "utf8");
    const config = packageConfig(html);
    expect(summary.quizzes).toBe(7);
    expect(html.match(/<form class="quiz-form"/g)).toHaveLength(7);
    expect(Object.keys(config.quizzes).sort()).toEqual(fs.readdirSync("courses/migration-data/quizzes").map((n) => n.replace(/\.yml$/, "")).sort());
    expect(config.deciding).toEqual(["final-assessment"]);
    // Outside the config block, nothing says which answer is right.
    const visible = html.replace(/<script[^]*?<\/script>/g, "");
    expect(visible).not.toMatch(/correct|accepted|"answer"/);
    expect(html).toContain('"correct":true');
    // Every asked question has its fieldset with Tadrib's field names.
    for (const [id, pq] of Object.entries(config.quizzes)) {
      for (const q of gradableQuestions(pq.view)) expect(visible).toContain(`id="pq-${id}-${q.id}"`);
    }
    expect(visible).toContain('name="q.');
    expect(fs.readFileSync(path.join(stored.dir, "runtime.js"), "utf8")).toContain("LMSSetValue");
  });

  for (const lang of ["fr", "ar"] as const) {
    test(`Tadrib's grader, run on the package's data (${lang}): right answers pass at 100, none fail at 0`, async () => {
      const slug = "trafficking-identify-protect-refer";
      const { zip } = await exportCourse({ cacheDir, slug, lang });
      const file = path.join(work, `grade-${lang}.zip`);
      fs.writeFileSync(file, zip);
      const stored = await storePackage(file, { storeDir: path.join(work, "store") });
      if (!stored.ok) throw new Error("refused");
      const config = packageConfig(fs.readFileSync(path.join(stored.dir, "index.html"), "utf8"));
      for (const pq of Object.values(config.quizzes)) {
        const right = gradeForm(pq, formOf(pq, rightFor(pq, slug, lang)), lang);
        expect([pq.quiz.id, right.result.percent, right.result.passed]).toEqual([pq.quiz.id, 100, true]);
        const none = gradeForm(pq, new FormData(), lang);
        expect([none.result.percent, none.result.passed]).toEqual([0, false]);
      }
    });
  }
});

describe("the package's status and score (package-quiz.ts)", () => {
  test("suspend data round-trips and survives garbage", () => {
    const config = { lessons: ["a", "b"], quizzes: { q1: {} as PackageQuiz } };
    const state = { read: ["b", "a"], quizzes: { q1: { n: 2, b: 80, a: { x: "o1" } } } };
    expect(readSuspendData(writeSuspendData(state), config)).toEqual({ read: ["a", "b"], quizzes: state.quizzes });
    for (const junk of ["", "{", "null", '{"r":"a","q":[1]}', '{"r":["zz"],"q":{"other":{"n":1,"b":1,"a":{}}}}']) {
      expect(readSuspendData(junk, config)).toEqual({ read: [], quizzes: {} });
    }
  });

  test("without a deciding quiz reading completes; with one the quiz decides, best attempt kept", async () => {
    const { zip } = await exportCourse({ cacheDir, slug: "fair-recruitment", lang: "fr" });
    const file = path.join(work, "outcome.zip");
    fs.writeFileSync(file, zip);
    const stored = await storePackage(file, { storeDir: path.join(work, "store") });
    if (!stored.ok) throw new Error("refused");
    const config = packageConfig(fs.readFileSync(path.join(stored.dir, "index.html"), "utf8"));
    const final = config.quizzes[config.deciding[0]];
    const allRead = { read: config.lessons, quizzes: {} };
    expect(outcome({ ...config, deciding: [] }, allRead)).toEqual({ status: "completed", score: null });
    expect(outcome({ ...config, deciding: [] }, { read: [], quizzes: {} })).toEqual({ status: "incomplete", score: null });
    expect(outcome(config, allRead)).toEqual({ status: "incomplete", score: null });

    const wrong = gradeForm(final, new FormData(), "fr");
    let state = recordAttempt(allRead, final.quiz.id, wrong.result, wrong.answers);
    expect(outcome(config, state)).toEqual({ status: "failed", score: 0 });
    const right = gradeForm(final, formOf(final, rightFor(final, "fair-recruitment", "fr")), "fr");
    state = recordAttempt(state, final.quiz.id, right.result, right.answers);
    expect(outcome(config, state)).toEqual({ status: "passed", score: 100 });
    state = recordAttempt(state, final.quiz.id, wrong.result, wrong.answers);
    expect(outcome(config, state)).toEqual({ status: "passed", score: 100 });
    expect(state.quizzes[final.quiz.id].n).toBe(3);

    // Two deciding quizzes: the mean of their best scores, incomplete until both are sent.
    const other = Object.keys(config.quizzes).find((id) => id !== final.quiz.id)!;
    const two = { ...config, deciding: [final.quiz.id, other] };
    expect(outcome(two, state)).toEqual({ status: "incomplete", score: 50 });
    const otherWrong = gradeForm(config.quizzes[other], new FormData(), "fr");
    expect(outcome(two, recordAttempt(state, other, otherWrong.result, otherWrong.answers))).toEqual({ status: "failed", score: 50 });
  });

  test("a status the LMS holds is not undone", () => {
    expect(statusToWrite("passed", "failed")).toBeNull();
    expect(statusToWrite("completed", "incomplete")).toBeNull();
    expect(statusToWrite("failed", "incomplete")).toBeNull();
    expect(statusToWrite("failed", "passed")).toBe("passed");
    expect(statusToWrite("not attempted", "incomplete")).toBe("incomplete");
    expect(statusToWrite("incomplete", "incomplete")).toBeNull();
  });
});

describe("refusals", () => {
  test("an unknown course", async () => {
    await expect(exportCourse({ cacheDir, slug: "nope", lang: "fr" })).rejects.toThrow(/No course "nope"/);
  });
  test("an unknown language", async () => {
    await expect(exportCourse({ cacheDir, slug: "migration-data", lang: "de" })).rejects.toBeInstanceOf(ExportError);
  });
  test("a missing cache", async () => {
    await expect(exportCourse({ cacheDir: path.join(work, "none"), slug: "migration-data", lang: "fr" })).rejects.toThrow(/courses:build/);
  });
});
