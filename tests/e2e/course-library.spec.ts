/**
 * The course library (issue 8): each of the four courses completed end to end
 * through the real pages, in one of its languages (the anti-trafficking course
 * in Arabic), up to its certificate; and every lesson of every course, in
 * French, Arabic and English, on a 360 px phone: no sideways scrolling and no
 * serious axe violation.
 */
import { execFileSync } from "node:child_process";
import { type Page } from "@playwright/test";
import type { Locale } from "../../app/i18n/locales";
import { DEMO_PITCH } from "../../app/db/demo-pitch";
import { libraryCourse, type LibraryCourse } from "../setup/e2e-course";
import { enrol } from "../setup/e2e-db";
import {
  createUser,
  expect,
  expectNoHorizontalScroll,
  expectNoSeriousA11yViolations,
  loginAs,
  PHONE,
  templatePattern,
  test,
  tFor,
} from "../setup/e2e-fixtures";
import { passQuiz } from "../setup/e2e-quiz-answers";
import { bestLevels, readAssignment, review, reviewerPage } from "../setup/e2e-review";

const LIBRARY: { slug: string; locale: Locale; learner: string }[] = [
  { slug: "trafficking-identify-protect-refer", locale: "ar", learner: "سلمى بنعلي" },
  { slug: "fair-recruitment", locale: "en", learner: "Omar Tazi" },
  { slug: "migration-data", locale: "fr", learner: "Imane Chraibi" },
  { slug: "reporting-on-migration", locale: "fr", learner: "Yassine Berrada" },
];

/** Reads every lesson the rule asks for, passes its quizzes and hands in its assignments on the way. */
async function followCourse(page: Page, course: LibraryCourse, locale: Locale) {
  const t = tFor(locale);
  const quizAt = new Map(course.requiredQuizzes.map((q) => [course.lessonHolding("Quiz", q.id), q.id]));
  const assignmentAt = new Map(course.requiredAssignments.map((id) => [course.lessonHolding("Assignment", id), id]));
  for (const lessonId of course.requiredLessons) {
    await page.goto(course.lessonUrl(lessonId));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(course.lessons.find((l) => l.id === lessonId)!.title[locale]);
    const quizId = quizAt.get(lessonId);
    if (quizId) {
      await passQuiz(page, locale, course.slug, quizId);
      await page.goto(course.lessonUrl(lessonId));
    }
    const assignmentId = assignmentAt.get(lessonId);
    if (assignmentId) {
      const panel = page.locator(`#assignment-${assignmentId}`);
      await panel.getByLabel(t("assignment.form.text")).fill(DEMO_PITCH);
      await panel.getByRole("button", { name: t("assignment.form.submit") }).click();
      await expect(panel.getByText(t("assignment.state.pending"))).toBeVisible();
    }
    await page.getByRole("button", { name: t("learning.lesson.markComplete") }).click();
    await expect(page.getByText(t("learning.lesson.done"))).toBeVisible();
  }
}

for (const { slug, locale, learner } of LIBRARY) {
  const course = libraryCourse(slug);
  const t = tFor(locale);

  test(`${slug}: completed end to end in ${locale}, with its certificate`, async ({ page, browser }) => {
    test.setTimeout(180_000);
    expect(course.languages).toEqual(["fr", "ar", "en"]);
    const name = `${learner} ${Date.now().toString(36)}`;
    const user = await createUser({ name, locale });
    await loginAs(page, user.email);

    await page.goto("/courses");
    await page.getByRole("link", { name: course.title[locale] }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(course.title[locale]);
    await page.getByRole("button", { name: t("courses.course.enrol") }).click();
    await expect(page.getByRole("status").filter({ hasText: t("courses.course.enrolled") })).toBeVisible();

    await followCourse(page, course, locale);
    const lastLesson = course.lessonUrl(course.requiredLessons[course.requiredLessons.length - 1]);

    if (course.requiredAssignments.length) {
      // Everything read and passed: only the reviewer's acceptance is missing.
      await page.goto(lastLesson);
      await expect(page.getByText(t("completion.remaining.title"))).toBeVisible();
      await expect(page.getByRole("heading", { name: t("completion.certificate.title") })).toHaveCount(0);
      for (const id of course.requiredAssignments) {
        const assignment = readAssignment(slug, id);
        const reviewer = await reviewerPage(browser);
        await review(reviewer.page, assignment, name, bestLevels(assignment), "accepted", "Très bon pitch, prêt pour la conférence de rédaction.");
        await reviewer.done();
      }
    }

    await page.goto(lastLesson);
    await expect(page.getByRole("heading", { name: t("completion.certificate.title") })).toBeVisible();
    await expect(page.getByText(templatePattern(t("completion.certificate.completedOn")))).toBeVisible();
    const href = await page.getByRole("link", { name: t("completion.certificate.download") }).getAttribute("href");
    expect(href).toMatch(/^\/me\/certificates\/\w+\.pdf$/);
    const pdf = await page.request.get(href!);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    const text = execFileSync("pdftotext", ["-", "-"], { input: await pdf.body() }).toString("utf8").replace(/\s+/g, " ");
    // The certificate names the course; a Latin name reads back as written (Arabic comes out in visual order).
    if (locale !== "ar") expect(text).toContain(name);
    expect(text.length).toBeGreaterThan(50);

    await page.goto("/me");
    const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: course.title[locale], exact: true }) });
    await expect(card).toContainText(t("learning.dashboard.progress", { percent: 100 }));
    const certificates = page.getByRole("region", { name: t("completion.dashboard.certificates") });
    await expect(certificates.getByRole("link", { name: t("certificates.mine.downloadLabel", { title: course.title[locale] }) })).toHaveAttribute("href", href!);
  });

  test.describe(`${slug} on a phone`, () => {
    test.use({ viewport: PHONE });
    for (const reader of ["fr", "ar", "en"] as const) {
      test(`every lesson reads on a 360 px phone in ${reader}`, async ({ page }) => {
        test.setTimeout(180_000);
        const user = await createUser({ locale: reader });
        enrol(user.email, slug);
        await loginAs(page, user.email);
        await page.goto(course.url);
        await expect(page.locator("html")).toHaveAttribute("dir", reader === "ar" ? "rtl" : "ltr");
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(course.title[reader]);
        await expectNoHorizontalScroll(page);
        await expectNoSeriousA11yViolations(page);
        for (const lesson of course.lessons) {
          await page.goto(course.lessonUrl(lesson.id));
          await expect(page.locator("html")).toHaveAttribute("lang", reader);
          await expect(page.getByRole("heading", { level: 1 })).toHaveText(lesson.title[reader]);
          await expectNoHorizontalScroll(page);
          await expectNoSeriousA11yViolations(page);
        }
      });
    }
  });
}
