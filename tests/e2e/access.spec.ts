import { createUser, DEMO, expect, expectNoHorizontalScroll, expectNoSeriousA11yViolations, loginAs, PHONE, tFor, test } from "../setup/e2e-fixtures";

const fr = tFor("fr");
const ar = tFor("ar");

test.describe("who may see what", () => {
  for (const path of ["/me", "/admin"]) {
    test(`an anonymous visitor on ${path} is sent to the login page, and back after`, async ({ page }) => {
      await page.goto(path);
      await expect(page).toHaveURL(`/login?redirectTo=${encodeURIComponent(path)}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(fr("auth.login.title"));
    });
  }

  test.describe("a learner on /admin", () => {
    // Chromium logs every non-2xx document as a console error; this 403 is the point of the test.
    test.use({ allowedConsoleErrors: [/status of 403/] });

    test("gets 403 and a translated access-denied page", async ({ page }) => {
      await loginAs(page, DEMO.learner);
      const response = await page.goto("/admin");
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(fr("common.error.forbiddenTitle"));
      await expect(page.getByText(fr("common.error.forbidden"))).toBeVisible();
      await expect(page.getByRole("table")).toHaveCount(0);
      // No link to a page the learner may not open.
      await expect(page.getByRole("link", { name: fr("common.nav.admin") })).toHaveCount(0);
    });

    test("in Arabic too", async ({ page }) => {
      await loginAs(page, DEMO.amina);
      const response = await page.goto("/admin");
      expect(response?.status()).toBe(403);
      await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(ar("common.error.forbiddenTitle"));
    });

    test("and the reviewer and manager roles are refused as well", async ({ page }) => {
      for (const email of [DEMO.reviewer, DEMO.manager]) {
        await page.context().clearCookies();
        await loginAs(page, email);
        expect((await page.goto("/admin"))?.status(), email).toBe(403);
      }
    });
  });

  test("an admin sees /admin with users and course follow-up", async ({ page }) => {
    // The list is newest first: a person who just signed up is on page 1 however many others the suite made.
    const newcomer = await createUser({ name: "Nouhaila Newest" });
    await loginAs(page, DEMO.admin);
    const response = await page.goto("/admin");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(fr("admin.title"));
    await expect(page.getByRole("heading", { name: fr("admin.users.title") })).toBeVisible();
    await expect(page.getByRole("cell", { name: newcomer.email })).toBeVisible();
    await expect(page.getByRole("heading", { name: fr("admin.courses.title") })).toBeVisible();
    const nav = page.getByRole("navigation", { name: fr("common.nav.label") });
    await expect(nav.getByRole("link", { name: fr("common.nav.admin") })).toBeVisible();
  });

  for (const locale of ["fr", "ar", "en"] as const) {
    test(`an admin sees each course's content version and its completions on earlier versions (${locale}, phone)`, async ({ page }) => {
      const t = tFor(locale);
      const admin = await createUser({ role: "admin", locale });
      await loginAs(page, admin.email);
      await page.setViewportSize(PHONE);
      await page.goto("/admin");
      const table = page.locator("section[aria-labelledby=admin-courses] table");
      await expect(table.getByRole("columnheader", { name: t("admin.courses.version") })).toBeVisible();
      const versions = table.locator("tbody code");
      expect(await versions.count()).toBeGreaterThan(0);
      for (const text of await versions.allTextContents()) expect(text).toMatch(/^[0-9a-f]{8}$/);
      // The demo completions were all made on the courses as they are now.
      await expect(table.getByText(t("admin.courses.earlier", { count: 0 })).first()).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await expectNoHorizontalScroll(page);
    });
  }
});

