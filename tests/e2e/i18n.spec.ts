import { expect, literal, switchLanguage, tFor, test, watchForBrowserErrors } from "../setup/e2e-fixtures";

const fr = tFor("fr");
const ar = tFor("ar");
const en = tFor("en");

test.describe("languages", () => {
  test("the switcher works without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "fr-FR" });
    const watcher = watchForBrowserErrors(context);
    try {
      const page = await context.newPage();
      await page.goto("/courses");
      await expect(page.locator("html")).toHaveAttribute("lang", "fr");
      await switchLanguage(page, "fr", "ar");
      await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
      // Back on the page the user was on, now in Arabic.
      await expect(page).toHaveURL(/\/courses$/);
      await expect(page.getByRole("link", { name: ar("common.nav.courses") }).first()).toBeVisible();

      // The choice sticks for the next page, too.
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(ar("common.home.title"));

      await switchLanguage(page, "ar", "en");
      await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(en("common.home.title"));
      watcher.assertClean();
    } finally {
      await context.close();
    }
  });

  test.describe("a new visitor whose browser asks for Arabic", () => {
    test.use({ locale: "ar-MA" });

    test("gets the site in Arabic, right to left", async ({ page }) => {
      await page.goto("/");
      await expect(page.locator("html")).toHaveAttribute("lang", "ar");
      await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(ar("common.home.title"));
    });

    test("lists languages with Arabic words, not a Latin comma", async ({ page }) => {
      await page.goto("/courses");
      const languages = ["fr", "ar", "en"].map((l) => ar(`courses.language.${l}`));
      const listed = new Intl.ListFormat("ar-MA", { style: "long", type: "conjunction" }).format(languages);
      expect(listed).toContain(" و");
      const cells = page.locator("dt").filter({ hasText: ar("courses.facts.languages") }).locator("xpath=following-sibling::dd[1]");
      await expect(cells.first()).toBeVisible();
      for (const text of await cells.allTextContents()) expect(text).not.toContain(",");
      await expect(page.getByText(listed, { exact: true }).first()).toBeVisible();
    });

    test("asks for names in either direction", async ({ page }) => {
      await page.goto("/signup");
      await expect(page.getByLabel(ar("auth.fields.name"))).toHaveAttribute("dir", "auto");
    });

    test("and keeps the language they then choose over Accept-Language", async ({ page }) => {
      await page.goto("/");
      await switchLanguage(page, "ar", "fr");
      await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(fr("common.home.title"));
      await expect(page.getByText(literal(fr("common.footer.tagline")))).toBeVisible();
    });
  });
});
