/**
 * From a quiz to a verified certificate (issue 3): a learner reads the anti-trafficking
 * course, fails its final assessment, retries and passes, which completes the course and
 * issues the certificate; they download the PDF and open its public
 * verification page; an admin revokes it with a reason and the page says so,
 * in Arabic too, right to left. The quiz itself is covered by quiz.spec.ts.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { type Browser, type Page } from "@playwright/test";
import type { Locale } from "../../app/i18n/locales";
import { traffickingCourse } from "../setup/e2e-course";
import { e2eBaseUrl } from "../setup/e2e-env";
import { createSessionFor, SESSION_COOKIE } from "../setup/e2e-db";
import {
  createUser,
  DEMO,
  expect,
  expectNoHorizontalScroll,
  expectNoSeriousA11yViolations,
  literal,
  loginAs,
  templatePattern,
  test,
  tFor,
  watchForBrowserErrors,
} from "../setup/e2e-fixtures";
import { answerQuizRight, quizPanel, readQuiz } from "../setup/e2e-quiz-answers";

const course = traffickingCourse();
/** The quiz the completion rule asks for (the final assessment), and the lesson that shows it. */
const finalQuiz = course.requiredQuizzes[0].id;
const finalQuizTitle = readQuiz(course.slug, finalQuiz).title;
const quizLesson = course.lessonHolding("Quiz", finalQuiz);


/** A second browser context (someone else, or another language), watched for errors like the test's own. */
async function otherContext(browser: Browser, { email, locale }: { email?: string; locale?: string } = {}) {
  const context = await browser.newContext({ baseURL: e2eBaseUrl(), locale: locale ?? "fr-FR" });
  const watcher = watchForBrowserErrors(context);
  if (email) {
    await context.addCookies([{ name: SESSION_COOKIE, value: createSessionFor(email), url: e2eBaseUrl(), httpOnly: true, sameSite: "Lax" }]);
  }
  return { page: await context.newPage(), done: async () => (watcher.assertClean(), await context.close()) };
}

async function markComplete(page: Page, lessonId: string, locale: Locale) {
  const t = tFor(locale);
  await page.goto(course.lessonUrl(lessonId));
  await page.getByRole("button", { name: t("learning.lesson.markComplete") }).click();
  await expect(page.getByText(t("learning.lesson.done"))).toBeVisible();
}

test("a learner passes the quiz on a second try, gets the certificate, and its verify page follows a revocation", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const t = tFor("fr");
  const name = `Leïla Aït Taleb ${Date.now().toString(36)}`;
  const learner = await createUser({ name, locale: "fr" });
  await loginAs(page, learner.email);
  const required = course.requiredLessons;
  const title = course.title.fr;

  await test.step("enrol and read every lesson: the course still waits for the final assessment", async () => {
    await page.goto(course.url);
    await page.getByRole("button", { name: t("courses.course.enrol") }).click();
    await expect(page.getByRole("status").filter({ hasText: t("courses.course.enrolled") })).toBeVisible();
    for (const id of required.filter((id) => id !== quizLesson)) await markComplete(page, id, "fr");
    await markComplete(page, quizLesson, "fr");
    await expect(page.getByText(t("completion.remaining.title"))).toBeVisible();
    // The list of what remains links to the quiz's panel (the lesson's own table of contents links to its heading too).
    await expect(page.getByRole("link", { name: finalQuizTitle.fr }).and(page.locator(`[href$="#quiz-${finalQuiz}"]`))).toBeVisible();
    await expect(page.getByRole("heading", { name: t("completion.certificate.title") })).toHaveCount(0);

    await page.goto(course.url);
    await expect(page.getByText(t("completion.rule.lessons", { done: required.length, required: required.length }), { exact: false })).toBeVisible();
    await expect(page.getByText(t("completion.rule.quizzes", { done: 0, required: 1 }), { exact: false })).toBeVisible();
  });

  await test.step("fail the quiz, retry and pass: the course is completed", async () => {
    await page.goto(course.lessonUrl(quizLesson));
    const panel = quizPanel(page, finalQuiz);
    await panel.getByRole("button", { name: t("quiz.panel.start") }).click();
    await panel.getByRole("button", { name: t("quiz.attempt.submit") }).click();
    await expect(panel.getByText(t("quiz.result.failed", { percent: 70 }))).toBeVisible();
    await expect(page.getByRole("heading", { name: t("completion.certificate.title") })).toHaveCount(0);

    await panel.getByRole("button", { name: t("quiz.panel.retry") }).click();
    await expect(panel.getByRole("heading", { name: t("quiz.attempt.heading", { number: 2 }) })).toBeVisible();
    await answerQuizRight(page, "fr", course.slug, finalQuiz);
    await expect(panel.getByText(t("quiz.attempt.allAnswered"))).toBeVisible();
    await panel.getByRole("button", { name: t("quiz.attempt.submit") }).click();
    await expect(panel.getByText(t("quiz.panel.passed", { percent: 100 }))).toBeVisible();
    await expect(page.getByRole("heading", { name: t("completion.certificate.title") })).toBeVisible();
    await expect(page.getByText(templatePattern(t("completion.certificate.completedOn")))).toBeVisible();
  });

  let pdfHref = "";
  await test.step("download the certificate PDF, with the learner's name in it", async () => {
    const link = page.getByRole("link", { name: t("completion.certificate.download") });
    pdfHref = (await link.getAttribute("href")) ?? "";
    expect(pdfHref).toMatch(/^\/me\/certificates\/\w+\.pdf$/);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const pdf = fs.readFileSync(await download.path());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");

    const response = await page.request.get(pdfHref);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    expect((await response.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

    // pdftotext (poppler-utils) is a requirement of the suite, installed by .ci/run: without it this fails, never skips.
    const text = execFileSync("pdftotext", ["-", "-"], { input: pdf }).toString("utf8");
    expect(text.replace(/\s+/g, " ")).toContain(name);
  });

  await test.step("/me lists the certificate with its download and verify links", async () => {
    await page.goto("/me");
    const certificates = page.getByRole("region", { name: t("completion.dashboard.certificates") });
    const card = certificates.getByRole("listitem").filter({ hasText: title });
    await expect(card.getByRole("link", { name: t("certificates.mine.downloadLabel", { title }) })).toHaveAttribute("href", pdfHref);
    await expect(card.getByRole("link", { name: t("certificates.mine.verifyLink") })).toBeVisible();
    const courseCard = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: title, exact: true }) });
    await expect(courseCard.getByText(templatePattern(t("learning.dashboard.completedOn")))).toBeVisible();

    // The pages that now show the rule's steps and the certificate, on a phone.
    for (const url of ["/me", course.url, course.lessonUrl(quizLesson)]) {
      await page.goto(url);
      await expectNoSeriousA11yViolations(page);
      await expectNoHorizontalScroll(page);
    }
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  let verifyUrl = "";
  await test.step("the verify page says valid, with the name, the course and the date, and nothing else", async () => {
    await page.goto(course.lessonUrl(quizLesson));
    await page.getByRole("link", { name: t("completion.certificate.verify") }).click();
    await expect(page).toHaveURL(/\/verify\/[0-9A-Z-]{24}$/);
    verifyUrl = new URL(page.url()).pathname;
    const status = page.getByRole("status");
    await expect(status.getByRole("heading", { name: t("certificates.verify.validTitle") })).toBeVisible();
    await expect(status.locator("dt")).toHaveText([
      t("certificates.verify.name"),
      t("certificates.verify.course"),
      t("certificates.verify.date"),
      // The course is a refresher every 24 months (validityMonths in course.yml).
      t("certificates.verify.expiresAt"),
      t("certificates.verify.code"),
    ]);
    const facts = status.locator("dd");
    await expect(facts.nth(0)).toHaveText(name);
    await expect(facts.nth(1)).toHaveText(title);
    await expect(facts.nth(2)).not.toBeEmpty();
    const body = (await page.locator("main").textContent()) ?? "";
    expect(body).not.toContain(learner.email);
    expect(body).not.toContain(t("certificates.mine.hours", { count: 3 }));
    await expectNoSeriousA11yViolations(page);
  });

  await test.step("an admin revokes it with a reason; the verify page then says revoked", async () => {
    const admin = await otherContext(browser, { email: DEMO.admin });
    const code = verifyUrl.split("/").pop()!;
    await admin.page.goto(`/admin/certificates?q=${code}`);
    const row = admin.page.getByRole("row").filter({ hasText: name });
    await expect(row).toHaveCount(1);
    await row.getByText(t("certificates.admin.revokeSummary")).click();
    await row.getByLabel(t("certificates.admin.revokeReason")).fill("Nom mal orthographié à la demande de la personne");
    await row.getByRole("button", { name: t("certificates.admin.revoke"), exact: true }).click();
    await expect(admin.page.getByRole("status").filter({ hasText: t("certificates.admin.done.revoked") })).toBeVisible();
    await expect(admin.page.getByRole("row").filter({ hasText: name })).toContainText("Nom mal orthographié");
    await admin.done();

    await page.goto(verifyUrl);
    const status = page.getByRole("status");
    await expect(status.getByRole("heading", { name: t("certificates.verify.revokedTitle") })).toBeVisible();
    await expect(status).toContainText(name);
    // The learner no longer gets the PDF of a revoked certificate, and /me says why.
    expect((await page.request.get(pdfHref)).status()).toBe(404);
    await page.goto("/me");
    await expect(page.getByRole("region", { name: t("completion.dashboard.certificates") })).toContainText(t("certificates.mine.revoked"));
  });

  await test.step("the verify page in Arabic reads right to left", async () => {
    const ar = tFor("ar");
    const visitor = await otherContext(browser, { locale: "ar-MA" });
    await visitor.page.goto(verifyUrl);
    await expect(visitor.page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(visitor.page.locator("html")).toHaveAttribute("lang", "ar");
    const status = visitor.page.getByRole("status");
    await expect(status.getByRole("heading", { name: ar("certificates.verify.revokedTitle") })).toBeVisible();
    await expect(status.getByText(literal(ar("certificates.verify.revoked")))).toBeVisible();
    await expect(status.locator("dd").nth(0)).toHaveText(name);
    expect(await status.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
    // Every value, the Latin name and the code included, starts where its cell starts: on the right.
    const offsets = await status.locator("dd").evaluateAll((cells) =>
      cells.map((dd) => {
        const range = document.createRange();
        range.selectNodeContents(dd);
        return Math.round(dd.getBoundingClientRect().right - range.getBoundingClientRect().right);
      }),
    );
    expect(offsets).toEqual(offsets.map(() => 0));
    await expectNoSeriousA11yViolations(visitor.page);
    await visitor.done();
  });
});
