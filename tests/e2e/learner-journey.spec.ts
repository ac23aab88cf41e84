/**
 * The journey issue 2 is about, through the real forms: sign up, find the
 * anti-trafficking course, enrol, read the lessons its completion rule asks
 * for in order (following "Next"), pass the final assessment, see 100 % on /me.
 * Once in French, once in Arabic (chosen with the language switcher).
 */
import { type Page } from "@playwright/test";
import type { Locale } from "../../app/i18n/locales";
import { traffickingCourse } from "../setup/e2e-course";
import { passQuiz } from "../setup/e2e-quiz-answers";
import { expect, findUser, literal, readLatestEmail, switchLanguage, templatePattern, tFor, test, uniqueEmail } from "../setup/e2e-fixtures";

const course = traffickingCourse();

async function signUp(page: Page, locale: Locale, name: string, email: string) {
  const t = tFor(locale);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("auth.signup.title"));
  await page.getByLabel(t("auth.fields.name")).fill(name);
  await page.getByLabel(t("auth.fields.email")).fill(email);
  await page.getByLabel(t("auth.fields.password"), { exact: true }).fill("ma phrase de passe secrète");
  // The preferred language follows the page's language unless the user changes it.
  await expect(page.getByLabel(t("auth.fields.locale"))).toHaveValue(locale);
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: t("auth.signup.submit") }).click();
  // Nothing exists until the address is confirmed, by the link in the email.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("auth.signup.sentTitle"));
  await expect(page.getByRole("status")).toContainText(email);
  expect(findUser(email)).toBeUndefined();
  const mail = await readLatestEmail(email, { containing: "/confirm-email/" });
  const link = /https?:\/\/\S+\/confirm-email\/[a-z2-7]+/.exec(mail.text)![0];
  await page.goto(new URL(link).pathname);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("auth.signup.confirmTitle"));
  await page.getByRole("button", { name: t("auth.signup.confirmSubmit") }).click();
  // A new account is invited to fill its profile first; it can be left for later.
  await expect(page).toHaveURL(/\/account\/profile\?notice=welcome$/);
  await expect(page.getByRole("status").filter({ hasText: t("common.notice.welcome") })).toBeVisible();
  await expect(page.getByText(t("people.profile.welcome"))).toBeVisible();
  await page.getByRole("link", { name: t("people.profile.later") }).click();
}

async function followTheCourse(page: Page, locale: Locale) {
  const t = tFor(locale);

  // Catalogue → course page → enrol.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("courses.catalogue.title"));
  await page.getByRole("link", { name: course.title[locale] }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(course.title[locale]);
  await page.getByRole("button", { name: t("courses.course.enrol") }).click();
  await expect(page.getByRole("status").filter({ hasText: t("courses.course.enrolled") })).toBeVisible();

  // The lessons in order, each marked complete; "Next" leads from one to the next.
  const required = course.requiredLessons;
  const quizzes = new Map(course.requiredQuizzes.map((q) => [course.lessonHolding("Quiz", q.id), q.id]));
  expect(quizzes.size).toBeGreaterThan(0);
  await page.getByRole("link", { name: t("courses.course.start") }).click();
  for (const [i, lessonId] of required.entries()) {
    if (i > 0) await page.getByRole("link", { name: literal(t("learning.lesson.next")) }).click();
    await expect(page).toHaveURL(course.lessonUrl(lessonId));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(course.lessons.find((l) => l.id === lessonId)!.title[locale]);
    const quizId = quizzes.get(lessonId);
    // The course's rule also asks for its final assessment to be passed.
    if (quizId) {
      await passQuiz(page, locale, course.slug, quizId);
      await page.goto(course.lessonUrl(lessonId));
    }
    await page.getByRole("button", { name: t("learning.lesson.markComplete") }).click();
    if (i < required.length - 1) {
      await expect(page.getByText(t("learning.lesson.done"))).toBeVisible();
      await expect(page.getByRole("button", { name: t("learning.lesson.markComplete") })).toHaveCount(0);
    }
  }
  const congratulations = t("learning.lesson.courseCompleted", { title: course.title[locale] });
  await expect(page.getByRole("status").filter({ hasText: congratulations })).toBeVisible();

  // The dashboard shows the course at 100 %, completed.
  await page.getByRole("navigation", { name: t("common.nav.label") }).getByRole("link", { name: t("common.nav.me") }).click();
  await expect(page).toHaveURL("/me");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("learning.dashboard.title"));
  // exact: /me also lists the certificate, whose download link names the course.
  const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: course.title[locale], exact: true }) });
  await expect(card).toHaveCount(1);
  await expect(card).toContainText(t("learning.dashboard.progress", { percent: 100 }));
  await expect(card.getByText(templatePattern(t("learning.dashboard.completedOn")))).toBeVisible();
  await expect(card.getByRole("link", { name: literal(t("learning.dashboard.review")) })).toBeVisible();
}

test("a new learner signs up, follows the anti-trafficking course to the end and sees it completed on /me", async ({ page }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("journey-fr");
  await page.goto("/");
  await page.getByRole("banner").getByRole("link", { name: tFor("fr")("common.nav.signup"), exact: true }).click();
  await signUp(page, "fr", "Hamza Benali", email);
  expect(findUser(email)?.locale).toBe("fr");
  await followTheCourse(page, "fr");
});

test("the same journey in Arabic, right to left", async ({ page }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("journey-ar");
  await page.goto("/signup");
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await switchLanguage(page, "fr", "ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page).toHaveURL("/signup");

  await signUp(page, "ar", "يوسف المنصوري", email);
  expect(findUser(email)?.locale).toBe("ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await followTheCourse(page, "ar");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
});
