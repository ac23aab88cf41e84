import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { traffickingCourse } from "../setup/e2e-course";
import { ROOT } from "../setup/e2e-env";
import {
  DEMO,
  expect,
  literal,
  loginAs,
  switchLanguage,
  tFor,
  test,
  waitForHydration,
  watchForBrowserErrors,
} from "../setup/e2e-fixtures";

const fr = tFor("fr");
const readLesson = (slug: string, id: string) => fs.readFileSync(path.join(ROOT, "courses", slug, "lessons", `${id}.fr.mdx`), "utf8");
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

/** The namespaces of the messages the browser holds: the root loader's, plus the lesson's islands'. */
async function namespacesInBrowser(page: Page) {
  return page.evaluate(() => {
    type Data = Record<string, { messages?: Record<string, string>; islandMessages?: Record<string, string> } | undefined>;
    const loaderData = (window as unknown as { __remixRouter: { state: { loaderData: Data } } }).__remixRouter.state.loaderData;
    const keys = Object.values(loaderData).flatMap((d) => [...Object.keys(d?.messages ?? {}), ...Object.keys(d?.islandMessages ?? {})]);
    return [...new Set(keys.map((k) => k.split(".")[0]))].sort();
  });
}

const RAW_KEY = /\b(common|courses|learning|completion|quiz|assignment)\.[a-zA-Z]+\.[a-zA-Z]/;

test.describe("messages per page (docs/decisions/028)", () => {
  test.use({ allowedConsoleErrors: [/status of 404 .*\/no-such-page/] });

  test("each page is sent only the namespaces it uses, and client-side navigation brings the next page's", async ({ page }) => {
    const course = traffickingCourse();
    const lessonId = course.lessonHolding("Quiz", "what-is-trafficking-quiz");
    const lesson = course.lessons.find((l) => l.id === lessonId)!;
    await loginAs(page, DEMO.learner);

    await page.goto("/courses");
    await waitForHydration(page);
    expect(await namespacesInBrowser(page)).toEqual(["common", "courses"]);
    await page.evaluate(() => ((window as unknown as { stillSamePage: boolean }).stillSamePage = true));

    await page.getByRole("link", { name: course.title.fr }).first().click();
    await expect(page).toHaveURL(new RegExp(`${course.url}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(course.title.fr);
    expect(await namespacesInBrowser(page)).toEqual(["common", "completion", "courses", "learning"]);

    await page.getByRole("link", { name: lesson.title.fr }).first().click();
    await expect(page).toHaveURL(new RegExp(`${course.lessonUrl(lessonId)}$`));
    // The quiz island's words came with the lesson, which holds a quiz.
    await expect(page.getByText(fr("quiz.panel.label"), { exact: true }).first()).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(lesson.title.fr);
    expect(await namespacesInBrowser(page)).toEqual(["common", "completion", "courses", "learning", "quiz"]);
    expect(await page.locator("body").innerText()).not.toMatch(RAW_KEY);
    // All of it without a page load.
    expect(await page.evaluate(() => (window as unknown as { stillSamePage?: boolean }).stillSamePage)).toBe(true);
  });

  test("a lesson without islands is sent no island namespace; an unknown page is translated", async ({ page }) => {
    const course = traffickingCourse();
    const plain = course.lessons.find((l) => !/<(Quiz|Assignment|Scorm)\s/.test(readLesson(course.slug, l.id)))!;
    await loginAs(page, DEMO.learner);
    await page.goto(course.lessonUrl(plain.id));
    await waitForHydration(page);
    expect(await namespacesInBrowser(page)).toEqual(["common", "completion", "courses", "learning"]);

    await page.goto("/no-such-page");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(fr("common.error.notFoundTitle"));
    await expect(page.getByText(fr("common.error.notFound"))).toBeVisible();
    expect(await page.locator("body").innerText()).not.toMatch(RAW_KEY);
  });
});
