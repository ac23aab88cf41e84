/**
 * A course leaves Tadrib as SCORM 1.2 (decision 027): an admin downloads the
 * zip from /admin, a learner is refused it, and the package, opened from disk
 * under scorm-again's own Scorm12API (the runtime a conformant LMS gives),
 * grades its final quiz in the browser and reports score and passed/failed.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "@playwright/test";
import yauzl from "yauzl";
import type { PackageConfig } from "../../app/scorm/export/package-quiz";
import { answerRight } from "../setup/e2e-package-quiz";
import { ROOT } from "../setup/e2e-env";
import { createUser, expect, expectNoSeriousA11yViolations, loginAs, tFor, test, TRAFFICKING_COURSE } from "../setup/e2e-fixtures";

// axe reads the package's stylesheet with an XHR, which Chromium refuses on file:// pages and reports as console errors.
test.use({ allowedConsoleErrors: [/file:\/\/\S+\/style\.css/] });

const work = fs.mkdtempSync(path.join(os.tmpdir(), "scorm-export-e2e-"));
test.afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Every entry of the zip, unpacked into `dir`; their names. */
function unzip(file: string, dir: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error("not a zip"));
      const names: string[] = [];
      zip.on("entry", (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err ?? new Error("unreadable entry"));
          const target = path.join(dir, entry.fileName);
          fs.mkdirSync(path.dirname(target), { recursive: true });
          stream.pipe(fs.createWriteStream(target)).on("finish", () => zip.readEntry());
        });
      });
      zip.on("end", () => resolve(names));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

/** scorm-again's Scorm12API as window.API before the package's first script; every LMSSetValue is recorded. */
async function launch(page: Page, index: string, saved: Record<string, string> = {}) {
  await page.addInitScript({ path: path.join(ROOT, "node_modules/scorm-again/dist/scorm12.min.js") });
  await page.addInitScript((cmi) => {
    const Api = (window as unknown as { Scorm12API: new (settings: object) => Record<string, (...a: string[]) => string> }).Scorm12API;
    const api = new Api({ autocommit: false, logLevel: 5 });
    const json: Record<string, unknown> = {};
    if (cmi.suspend) json.suspend_data = cmi.suspend;
    if (cmi.location || cmi.status) json.core = { lesson_location: cmi.location ?? "", lesson_status: cmi.status ?? "not attempted" };
    if (Object.keys(json).length) (api.loadFromJSON as unknown as (j: object) => void)(json);
    const calls: [string, string][] = [];
    const set = api.LMSSetValue.bind(api);
    api.LMSSetValue = (name: string, value: string) => {
      calls.push([name, value]);
      return set(name, value);
    };
    Object.assign(window, { API: api, scormCalls: calls });
  }, saved);
  await page.goto(pathToFileURL(index).href);
}

const setValues = (page: Page) => page.evaluate(() => (window as unknown as { scormCalls: [string, string][] }).scormCalls);
const lastValue = async (page: Page, name: string) => (await setValues(page)).filter(([n]) => n === name).at(-1)?.[1];

test("an admin downloads a course as a SCORM zip from /admin; a learner is refused it", async ({ page, baseURL }) => {
  const admin = await createUser({ role: "admin" });
  await loginAs(page, admin.email);
  await page.goto("/admin");
  const fr = tFor("fr");
  const row = page.locator("tr", { has: page.locator(`a[href="/courses/${TRAFFICKING_COURSE}"]`) });
  await row.getByLabel(fr("admin.courses.exportLanguage")).selectOption("ar");
  const download = page.waitForEvent("download");
  await row.getByRole("button", { name: fr("admin.courses.exportButton") }).click();
  const file = path.join(work, "admin.zip");
  await (await download).saveAs(file);
  expect((await download).suggestedFilename()).toBe(`${TRAFFICKING_COURSE}-ar-scorm12.zip`);
  expect(fs.readFileSync(file).subarray(0, 4).toString("latin1")).toBe("PK\u0003\u0004");
  const names = await unzip(file, path.join(work, "admin"));
  expect(names).toEqual(expect.arrayContaining(["imsmanifest.xml", "index.html", "runtime.js", "style.css"]));
  expect(fs.readFileSync(path.join(work, "admin/index.html"), "utf8")).toContain('<html lang="ar" dir="rtl">');
  await expectNoSeriousA11yViolations(page);

  const learner = await createUser();
  const context = await page.context().browser()!.newContext({ baseURL });
  const learnerPage = await context.newPage();
  await loginAs(learnerPage, learner.email);
  const refused = await learnerPage.request.get(`/admin/courses/${TRAFFICKING_COURSE}/export-scorm?lang=fr`, { maxRedirects: 0 });
  expect(refused.status()).toBe(403);
  expect(refused.headers()["content-disposition"]).toBeUndefined();
  await context.close();
  const unknown = await page.request.get(`/admin/courses/${TRAFFICKING_COURSE}/export-scorm?lang=de`);
  expect(unknown.status()).toBe(404);
});

test("the exported package grades its final quiz in the browser and reports failed, then passed, through scorm-again; a relaunch restores it", async ({ page }) => {
  const admin = await createUser({ role: "admin" });
  await loginAs(page, admin.email);
  const response = await page.request.get(`/admin/courses/${TRAFFICKING_COURSE}/export-scorm?lang=fr`);
  expect(response.status()).toBe(200);
  const file = path.join(work, "package.zip");
  fs.writeFileSync(file, await response.body());
  const dir = path.join(work, "package");
  await unzip(file, dir);
  const index = path.join(dir, "index.html");
  const fr = tFor("fr");

  await launch(page, index);
  await expect(page.locator("#no-tracking")).toBeHidden();
  const config = JSON.parse((await page.locator("#tadrib-package").textContent())!) as PackageConfig;
  expect(config.deciding).toEqual(["final-assessment"]);
  const pq = config.quizzes["final-assessment"];
  const lessonOf = await page.locator('form[data-quiz="final-assessment"]').evaluate((f) => f.closest("section.lesson")!.id);
  await page.goto(pathToFileURL(index).href + `#${lessonOf}`);
  const form = page.locator('form[data-quiz="final-assessment"]');
  await expect(form).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Nothing answered: 0, failed.
  await form.getByRole("button", { name: fr("quiz.attempt.submit") }).click();
  await expect(form.locator(".quiz-result")).toContainText(fr("quiz.result.failed", { percent: pq.quiz.settings.passingScore }));
  await expect(form.locator(".quiz-mark-incorrect").first()).toBeVisible();
  expect(await lastValue(page, "cmi.core.score.raw")).toBe("0");
  expect(await lastValue(page, "cmi.core.score.min")).toBe("0");
  expect(await lastValue(page, "cmi.core.score.max")).toBe("100");
  expect(await lastValue(page, "cmi.core.lesson_status")).toBe("failed");

  // Again, every answer right: 100, passed, each question marked correct.
  await form.getByRole("button", { name: fr("quiz.panel.retry") }).click();
  await answerRight(page, pq, "fr");
  await form.getByRole("button", { name: fr("quiz.attempt.submit") }).click();
  await expect(form.locator(".quiz-result")).toContainText(fr("quiz.result.passed"));
  await expect(form.locator(".quiz-mark-incorrect, .quiz-mark-partial")).toHaveCount(0);
  expect(await form.locator(".quiz-mark-correct").count()).toBe(pq.drawn.flatMap((d) => (d.parts.length ? d.parts : [d])).length);
  expect(await lastValue(page, "cmi.core.score.raw")).toBe("100");
  expect(await lastValue(page, "cmi.core.lesson_status")).toBe("passed");
  const suspend = (await lastValue(page, "cmi.suspend_data"))!;
  expect(JSON.parse(suspend).q["final-assessment"]).toMatchObject({ n: 2, b: 100 });
  const location = (await lastValue(page, "cmi.core.lesson_location"))!;

  // A relaunch with what the LMS kept: back on the quiz's lesson, the result shown, the status left passed.
  const again = await page.context().newPage();
  await launch(again, index, { suspend, location, status: "passed" });
  const restored = again.locator('form[data-quiz="final-assessment"]');
  await expect(restored).toBeVisible();
  await expect(restored.locator(".quiz-result")).toContainText(fr("quiz.result.passed"));
  await expect(restored.locator(".quiz-mark-incorrect")).toHaveCount(0);
  expect(await lastValue(again, "cmi.core.lesson_status")).toBeUndefined();
  await again.close();
});

test("without an LMS the package says it records nothing and still grades, in Arabic, right to left", async ({ page }) => {
  const admin = await createUser({ role: "admin" });
  await loginAs(page, admin.email);
  const response = await page.request.get(`/admin/courses/${TRAFFICKING_COURSE}/export-scorm?lang=ar`);
  const file = path.join(work, "ar.zip");
  fs.writeFileSync(file, await response.body());
  const dir = path.join(work, "ar");
  await unzip(file, dir);
  const ar = tFor("ar");
  await page.goto(pathToFileURL(path.join(dir, "index.html")).href);
  await expect(page.locator("#no-tracking")).toHaveText(ar("scorm.export.noTracking"));
  expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
  const lessonOf = await page.locator('form[data-quiz="final-assessment"]').evaluate((f) => f.closest("section.lesson")!.id);
  await page.goto(pathToFileURL(path.join(dir, "index.html")).href + `#${lessonOf}`);
  const form = page.locator('form[data-quiz="final-assessment"]');
  await form.getByRole("button", { name: ar("quiz.attempt.submit") }).click();
  const config = JSON.parse((await page.locator("#tadrib-package").textContent())!) as PackageConfig;
  const passing = config.quizzes["final-assessment"].quiz.settings.passingScore;
  await expect(form.locator(".quiz-result")).toContainText(ar("quiz.result.failed", { percent: passing }));
  await expect(form.locator(".quiz-mark-incorrect").first()).toBeVisible();
});
