/**
 * The pages learners use most, on a 360 px phone, in French and in Arabic:
 * no serious or critical axe violation, no sideways scrolling.
 */
import { type Page } from "@playwright/test";
import type { Locale } from "../../app/i18n/locales";
import { traffickingCourse } from "../setup/e2e-course";
import {
  createUser,
  expect,
  expectNoHorizontalScroll,
  expectNoSeriousA11yViolations,
  loginAs,
  PHONE,
  tFor,
  test,
} from "../setup/e2e-fixtures";

const course = traffickingCourse();

async function checkPage(page: Page, locale: Locale, heading: string) {
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
  await expect(page.locator("html")).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  await expectNoSeriousA11yViolations(page);
  await expectNoHorizontalScroll(page);
}

for (const locale of ["fr", "ar"] as const) {
  const t = tFor(locale);

  test.describe(`accessible on a phone, in ${locale}`, () => {
    // The browser asks for the language, as a new visitor's phone would.
    test.use({ viewport: PHONE, locale: locale === "ar" ? "ar-MA" : "fr-FR" });

    test("catalogue", async ({ page }) => {
      await page.goto("/courses");
      await checkPage(page, locale, t("courses.catalogue.title"));
    });

    test("login page", async ({ page }) => {
      await page.goto("/login");
      await checkPage(page, locale, t("auth.login.title"));
    });

    test("lesson page and learner dashboard", async ({ page }) => {
      const user = await createUser({ locale, name: locale === "ar" ? "سلمى العلوي" : "Salma Alaoui" });
      await loginAs(page, user.email);
      await page.goto(course.url);
      await page.getByRole("button", { name: t("courses.course.enrol") }).click();
      await expect(page.getByText(t("courses.course.enrolled"))).toBeVisible();

      const lesson = course.lessons[0];
      await page.goto(course.lessonUrl(lesson.id));
      await checkPage(page, locale, lesson.title[locale]);

      await page.goto("/me");
      await checkPage(page, locale, t("learning.dashboard.title"));
      await expect(page.getByRole("link", { name: course.title[locale] })).toBeVisible();
      // Opened but nothing completed yet: the card's button says to start, not to continue.
      await expect(page.locator(".dashboard-card .actions a").first()).toContainText(t("learning.dashboard.start"));
    });
  });
}
