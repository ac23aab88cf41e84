/**
 * Playing SCORM packages (issue 9), in a real browser against the real
 * server: an admin makes a course of a package at /admin/scorm, a learner
 * plays it. The test packages (tests/setup/scorm-test-packages.ts) find the
 * API the ways real content does — at once in an inline <head> script before
 * onload, from a frameset's child frame, from a pop-up through its opener —
 * and write what they saw into their page, which the test reads. Then:
 * reload and resume, a closed tab that still resumes, multi-SCO navigation
 * that keeps working after a SCO exits, Arabic, and the course completed on
 * /me and counted in the trained-count report.
 */
import type { Page } from "@playwright/test";
import type { Locale } from "../../app/i18n/locales";
import { withDb } from "../setup/e2e-db";
import type { PackageConfig } from "../../app/scorm/export/package-quiz";
import { createUser, expect, expectNoHorizontalScroll, expectNoSeriousA11yViolations, loginAs, PHONE, test, tFor, TRAFFICKING_COURSE } from "../setup/e2e-fixtures";
import { answerRight } from "../setup/e2e-package-quiz";
import { scorm12Early, scorm2004Multi } from "../setup/scorm-test-packages";

type T = ReturnType<typeof tFor>;

/** As an admin: upload, confirm, and make a course of the package (its one lesson is "package"). */
async function courseFromPackage(page: Page, zip: Buffer, slug: string, title: string, packageLanguage: Locale) {
  const admin = await createUser({ role: "admin", locale: "en" });
  await loginAs(page, admin.email);
  const t = tFor("en");
  await page.goto("/admin/scorm");
  await page.getByLabel(t("scorm.upload.file")).setInputFiles({ name: `${slug}.zip`, mimeType: "application/zip", buffer: zip });
  await page.getByRole("button", { name: t("scorm.upload.submit") }).click();
  await page.getByRole("button", { name: t("scorm.preview.confirm") }).click();
  const create = page.getByRole("form", { name: t("scorm.use.newCourse.title") });
  await create.getByLabel(t("scorm.use.fields.title"), { exact: true }).fill(title);
  await create.getByLabel(t("scorm.use.fields.slug")).fill(slug);
  await create.getByLabel(t("scorm.use.fields.packageLanguage")).selectOption(packageLanguage);
  for (const name of ["Français", "العربية", "English"]) {
    const box = create.getByLabel(name, { exact: true });
    if ((await box.count()) && !(await box.isChecked())) await box.check();
  }
  await create.getByRole("button", { name: t("scorm.use.newCourse.submit") }).click();
  await expect(page.getByRole("status")).toContainText(t("scorm.use.done.created", { title }));
  await page.context().clearCookies();
}

async function learnerIn(page: Page, slug: string, locale: Locale) {
  const learner = await createUser({ locale, name: locale === "ar" ? "أمينة العلوي" : "Leïla Haddad" });
  await loginAs(page, learner.email);
  const t = tFor(locale);
  await page.goto(`/courses/${slug}`);
  await page.getByRole("button", { name: t("courses.course.enrol") }).click();
  await expect(page.getByText(t("courses.course.enrolled"))).toBeVisible();
  return { learner, t };
}

const frame = (page: Page) => page.frameLocator("iframe.scorm-frame");

async function startPackage(page: Page, t: T, resume = false) {
  await page.getByRole("button", { name: t(resume ? "tracking.player.resume" : "tracking.player.start") }).click();
}

test.describe("playing a SCORM package", () => {
  test.use({ viewport: PHONE });

  test("SCORM 1.2: the API is there before onload; saved data comes back on reload and after the tab closed; completion and a later score complete the course on /me and in reports", async ({ page, context }) => {
    test.setTimeout(120_000);
    await courseFromPackage(page, scorm12Early(), "signes-12", "Les signes de la traite", "fr");
    const { learner, t } = await learnerIn(page, "signes-12", "fr");
    await page.goto("/courses/signes-12/package");
    await expect(page.getByRole("heading", { level: 2, name: t("tracking.player.heading") })).toBeVisible();
    // Completion belongs to the package: no "mark as complete" button.
    await expect(page.getByRole("button", { name: t("learning.lesson.markComplete") })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
    await startPackage(page, t);

    // Found and initialised in an inline <head> script, before onload, with the LMS's values already there.
    await expect(frame(page).locator("#found")).toHaveText("true");
    await expect(frame(page).locator("#init")).toHaveText("true");
    await expect(frame(page).locator("#entry")).toHaveText("ab-initio");
    await expect(frame(page).locator("#name")).toHaveText("Leïla Haddad");
    await expect(frame(page).locator("#status")).toHaveText("not attempted");
    await frame(page).locator("#save").click();
    await expect(frame(page).locator("#done")).toHaveText("saved true");
    // 6,007 characters of suspend data (over SCORM 1.2's 4,096) and a long interaction answer, kept whole.
    await expect
      .poll(() => withDb((db) => db.prepare("SELECT suspendDataLength AS n FROM ScormAttempt WHERE userId = ?").get(learner.id) as { n: number } | undefined)?.n)
      .toBe(6007);
    const stored = JSON.parse(withDb((db) => (db.prepare("SELECT cmi FROM ScormAttempt WHERE userId = ?").get(learner.id) as { cmi: string }).cmi)) as Record<string, string>;
    expect(stored["cmi.interactions.0.student_response"]).toHaveLength("long answer ".length * 299);
    await expectNoHorizontalScroll(page);

    await page.reload();
    await startPackage(page, t, true);
    await expect(frame(page).locator("#entry")).toHaveText("resume");
    await expect(frame(page).locator("#location")).toHaveText("page-3");
    await expect(frame(page).locator("#suspend-length")).toHaveText("6007");
    await expect(frame(page).locator("#suspend-start")).toHaveText("page=3;xxxxx");

    await frame(page).locator("#complete").click();
    await expect(frame(page).locator("#done")).toHaveText("completed true");
    // A tab closed without LMSFinish nor LMSCommit: the beacon carries what was set, and the next launch resumes.
    await frame(page).locator("#note").click();
    await expect(frame(page).locator("#done")).toHaveText("noted");
    await page.close({ runBeforeUnload: true });
    await expect
      .poll(() => withDb((db) => db.prepare("SELECT cmi FROM ScormAttempt WHERE userId = ?").get(learner.id) as { cmi: string }).cmi)
      .toContain('"cmi.core.lesson_location":"page-9"');
    const again = await context.newPage();
    await again.goto("/courses/signes-12/package");
    await startPackage(again, t, true);
    await expect(frame(again).locator("#entry")).toHaveText("resume");
    await expect(frame(again).locator("#status")).toHaveText("completed");
    await expect(frame(again).locator("#location")).toHaveText("page-9");

    // The mastery score is 80: a score that arrives after "completed" decides, and 85 passes.
    await frame(again).locator("#score").click();
    await frame(again).locator("#finish").click();
    await expect(frame(again).locator("#done")).toHaveText("finished true");
    await expect(again.locator(".scorm-progress")).toContainText(t("tracking.progress.score", { percent: 85 }));
    await expect(again.getByText(t("learning.lesson.done"))).toBeVisible();

    await again.goto("/me");
    const card = again.getByRole("listitem").filter({ has: again.getByRole("link", { name: "Les signes de la traite", exact: true }) });
    await expect(card).toContainText(t("learning.dashboard.progress", { percent: 100 }));

    const admin = await createUser({ role: "admin", locale: "fr" });
    await loginAs(again, admin.email);
    await again.goto("/admin/reports?course=signes-12&mask=0");
    await expect(again.locator(".report-totals")).toContainText(t("reports.results.peopleCount", { count: 1 }));
  });

  test("SCORM 1.2: a failed learner is not shown as done", async ({ page }) => {
    await courseFromPackage(page, scorm12Early(), "signes-echec", "Les signes (échec)", "fr");
    const { t } = await learnerIn(page, "signes-echec", "fr");
    await page.goto("/courses/signes-echec/package");
    await startPackage(page, t);
    await frame(page).locator("#fail").click();
    await expect(frame(page).locator("#done")).toHaveText("failed true");
    await expect(page.getByText(t("tracking.progress.failedHint"))).toBeVisible();
    await page.reload();
    await expect(page.locator(".scorm-toc")).toContainText(t("tracking.status.failed"));
    await expect(page.locator(".scorm-progress")).toContainText(t("tracking.progress.score", { percent: 40 }));
    await expect(page.getByText(t("learning.lesson.done"))).toHaveCount(0);
    await page.goto("/courses/signes-echec");
    await expect(page.getByText(t("courses.course.progress", { percent: 100 }))).toHaveCount(0);
  });

  test("SCORM 2004 in Arabic: a frameset's child, a pop-up through its opener, the content's own 'continue', and Next after a SCO exited reach every item, the hidden one too", async ({ page }) => {
    test.setTimeout(120_000);
    await courseFromPackage(page, scorm2004Multi(), "proteger-2004", "Protéger et orienter", "fr");
    const { t } = await learnerIn(page, "proteger-2004", "ar");
    await page.goto("/courses/proteger-2004/package");
    // The player follows the learner's language; the package keeps its own.
    await expect(page.locator(".scorm-player")).toHaveAttribute("dir", "rtl");
    await expect(page.locator(".scorm-player")).toHaveAttribute("lang", "ar");
    await startPackage(page, t);

    const child = frame(page).frameLocator("frame[name=content]");
    await expect(child.locator("#found")).toHaveText("true");
    await expect(child.locator("#init")).toHaveText("true");
    await expect(child.locator("#entry")).toHaveText("ab-initio");
    // The SCO sets adl.nav.request=continue and terminates: the player goes on to the next item.
    await child.locator("#pass-next").click();
    await expect(frame(page).locator("html")).toHaveAttribute("dir", "rtl");
    await expect(frame(page).locator("h1")).toHaveText("الحماية والإحالة");
    await expect(page.locator(".scorm-toc li").first()).toContainText(t("tracking.status.passed"));
    await expectNoHorizontalScroll(page);
    await expectNoSeriousA11yViolations(page);

    const [popup] = await Promise.all([page.waitForEvent("popup"), frame(page).locator("#open").click()]);
    await expect(popup.locator("#found")).toHaveText("true");
    await expect(popup.locator("#entry")).toHaveText("ab-initio");
    await popup.locator("#pass").click();
    await expect(popup.locator("#done")).toHaveText("terminated true");
    await expect(page.locator(".scorm-toc li").nth(1)).toContainText(t("tracking.status.passed"));

    // That SCO exited without a navigation request: Next, outside the frame, still works; the hidden item is reached.
    await page.getByRole("button", { name: t("tracking.player.next") }).click();
    await expect(frame(page).locator("h1")).toHaveText("Conclusion");
    await expect(page.locator(".scorm-toc li")).toHaveCount(2);
    await frame(page).locator("#pass").click();
    await expect(page.locator(".scorm-progress")).toContainText(t("tracking.progress.partsDone", { count: 3, required: 3 }));
    await expect(page.getByText(t("learning.lesson.done"))).toBeVisible();
    await page.getByRole("button", { name: t("tracking.player.previous") }).click();
    await expect(frame(page).locator("h1")).toHaveText("الحماية والإحالة");
  });

  test("a Tadrib course exported as SCORM 1.2 imports into Tadrib and plays there: its quiz graded in the package, the score recorded, the course completed", async ({ page }) => {
    test.setTimeout(120_000);
    const admin = await createUser({ role: "admin" });
    await loginAs(page, admin.email);
    const exported = await page.request.get(`/admin/courses/${TRAFFICKING_COURSE}/export-scorm?lang=fr`);
    expect(exported.status()).toBe(200);
    await page.context().clearCookies();
    await courseFromPackage(page, await exported.body(), "traite-exportee", "La traite, exportée", "fr");

    const { t } = await learnerIn(page, "traite-exportee", "fr");
    await page.goto("/courses/traite-exportee/package");
    await startPackage(page, t);
    const pkg = frame(page);
    // The package's own runtime found the API Tadrib put in its frame: no "read only" notice.
    await expect(pkg.locator("#tadrib-package")).toBeAttached();
    await expect(pkg.locator("#no-tracking")).toBeHidden();
    const config = JSON.parse((await pkg.locator("#tadrib-package").textContent())!) as PackageConfig;
    expect(config.deciding).toEqual(["final-assessment"]);
    const lessonOf = await pkg.locator('form[data-quiz="final-assessment"]').evaluate((f) => f.closest("section.lesson")!.id);
    await pkg.locator(`a[href="#${lessonOf}"]`).first().click();
    const form = pkg.locator('form[data-quiz="final-assessment"]');
    await expect(form).toBeVisible();
    await answerRight(pkg, config.quizzes["final-assessment"], "fr");
    await form.getByRole("button", { name: t("quiz.attempt.submit") }).click();
    await expect(form.locator(".quiz-result")).toContainText(t("quiz.result.passed"));

    // The package reported 100 and passed through the API; Tadrib recorded it, and the course is complete.
    await expect(page.locator(".scorm-progress")).toContainText(t("tracking.progress.score", { percent: 100 }));
    await expect(page.getByText(t("learning.lesson.done"))).toBeVisible();
    await page.goto("/me");
    const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "La traite, exportée", exact: true }) });
    await expect(card).toContainText(t("learning.dashboard.progress", { percent: 100 }));
  });
});
