/**
 * An admin imports a SCORM package (issue 9): the zip is checked and its
 * manifest shown before anything is stored, then stored once confirmed; a
 * dangerous zip is refused with its reason, in the admin's language, and
 * leaves nothing behind. A stored package then becomes a course (or a
 * lesson, or a lesson's new version), rebuilt in-process and served at once.
 * On a phone, by keyboard, in French, Arabic and English.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import type { Locale } from "../../app/i18n/locales";
import { SCORM2004_FILES, SCORM2004_MULTI_SCO } from "../../app/scorm/test-manifests";
import { makeZip, scorm12Manifest, scorm12Package } from "../../app/scorm/test-zip";
import { e2eDataDir, TRAFFICKING_COURSE } from "../setup/e2e-env";
import { createUser, expect, expectNoHorizontalScroll, expectNoSeriousA11yViolations, loginAs, PHONE, test, tFor } from "../setup/e2e-fixtures";

const storeDir = () => path.join(e2eDataDir(), "scorm");
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

async function openAsAdmin(page: Page, locale: Locale) {
  const admin = await createUser({ role: "admin", locale, name: locale === "ar" ? "نادية المديرة" : "Nadia Admin" });
  await loginAs(page, admin.email);
  await page.goto("/admin/scorm");
  const t = tFor(locale);
  await expect(page.locator("html")).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("scorm.upload.title"));
  return t;
}

/** Chooses the file and submits the form from the keyboard. */
async function upload(page: Page, t: ReturnType<typeof tFor>, name: string, buffer: Buffer) {
  await page.getByLabel(t("scorm.upload.file")).setInputFiles({ name, mimeType: "application/zip", buffer });
  await page.getByRole("button", { name: t("scorm.upload.submit") }).focus();
  await page.keyboard.press("Enter");
}

test.describe("importing a SCORM package", () => {
  // A refused package is the action's 400, which the browser logs.
  test.use({ viewport: PHONE, allowedConsoleErrors: [/status of 400 \(Bad Request\).*\/admin\/scorm/] });

  test("fr: a SCORM 2004 multi-SCO package is previewed, nothing stored, then stored once confirmed", async ({ page }) => {
    const t = await openAsAdmin(page, "fr");
    await expectNoSeriousA11yViolations(page);
    await expectNoHorizontalScroll(page);

    const page1 = "<!doctype html><title>x</title>";
    const zip = makeZip([{ name: "imsmanifest.xml", data: SCORM2004_MULTI_SCO }, ...SCORM2004_FILES.map((name) => ({ name, data: page1 }))]);
    const unzipped = Buffer.byteLength(SCORM2004_MULTI_SCO) + SCORM2004_FILES.length * page1.length;
    const folder = path.join(storeDir(), sha256(zip));
    fs.rmSync(folder, { recursive: true, force: true });
    await upload(page, t, "donnees-migrations.zip", zip);

    await expect(page.getByRole("heading", { level: 2, name: t("scorm.preview.title") })).toBeVisible();
    await expect(page.locator("dl.facts")).toContainText("Les données sur les migrations");
    await expect(page.locator("dl.facts")).toContainText(t("scorm.preview.version2004Edition", { edition: 4 }));
    await expect(page.locator("dl.facts")).toContainText(t("scorm.preview.kilobytes", { kilobytes: Math.ceil(unzipped / 1024) }));
    await expect(page.getByRole("heading", { level: 3, name: `Les données sur les migrations (${t("scorm.preview.default")})` })).toBeVisible();
    await expect(page.getByText("contenu/scos/enquetes/d%C3%A9but.html#page2")).toBeVisible();
    await expect(page.getByText("Glossaire", { exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await expectNoHorizontalScroll(page);
    expect(fs.existsSync(folder)).toBe(false);

    await page.getByRole("button", { name: t("scorm.preview.confirm") }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status")).toHaveText(t("scorm.stored.done", { title: "Les données sur les migrations" }));
    expect(fs.readdirSync(folder).sort()).toEqual(["contenu", "imsmanifest.xml"]);
    expect(fs.existsSync(path.join(folder, SCORM2004_FILES[1]))).toBe(true);
    await expectNoSeriousA11yViolations(page);
  });

  test("ar: a zip whose entry escapes the package is refused, in Arabic, and nothing is kept", async ({ page }) => {
    const t = await openAsAdmin(page, "ar");
    const zip = scorm12Package([{ name: "../../evil.html", data: "<script>1</script>" }]);
    await upload(page, t, "حزمة.zip", zip);
    const alert = page.getByRole("alert");
    await expect(alert).toContainText(t("scorm.upload.refused"));
    await expect(alert).toContainText(t("scorm.errors.unsafePath", { name: "../../evil.html" }));
    expect(fs.existsSync(path.join(storeDir(), sha256(zip)))).toBe(false);
    await expectNoSeriousA11yViolations(page);
    await expectNoHorizontalScroll(page);
  });

  test("en: a file that is not a zip, and a program inside a package", async ({ page }) => {
    const t = await openAsAdmin(page, "en");
    await upload(page, t, "course.zip", Buffer.from("this is not a zip archive"));
    await expect(page.getByRole("alert")).toContainText(t("scorm.errors.notAZip"));
    await upload(page, t, "course.zip", scorm12Package([{ name: "setup.exe", data: "MZ" }]));
    await expect(page.getByRole("alert")).toContainText(t("scorm.errors.executable", { name: "setup.exe" }));
    await expectNoSeriousA11yViolations(page);
  });

  test("en: a stored package becomes a course served at once, then a lesson of it, then a new version", async ({ page }) => {
    const t = await openAsAdmin(page, "en");
    const store = async (title: string) => {
      await upload(page, t, "signs.zip", scorm12Package([], scorm12Manifest({ title })));
      await page.getByRole("button", { name: t("scorm.preview.confirm") }).click();
      await expect(page.getByRole("heading", { level: 2, name: t("scorm.use.title") })).toBeVisible();
    };
    await store("Spotting the signs of trafficking");
    await expectNoSeriousA11yViolations(page);
    await expectNoHorizontalScroll(page);

    const create = page.getByRole("form", { name: t("scorm.use.newCourse.title") });
    await expect(create.getByLabel(t("scorm.use.fields.title"), { exact: true })).toHaveValue("Spotting the signs of trafficking");
    await create.getByLabel(t("scorm.use.fields.slug")).fill("Not a slug!");
    await create.getByLabel(t("scorm.use.fields.packageLanguage")).selectOption("en");
    await create.getByLabel("Français").check();
    // The browser's own pattern check is bypassed: the server's answer is what is tested.
    await create.evaluate((form) => form.setAttribute("novalidate", ""));
    await create.getByRole("button", { name: t("scorm.use.newCourse.submit") }).click();
    await expect(page.getByRole("form", { name: t("scorm.use.newCourse.title") }).getByText(t("scorm.use.errors.slug"))).toBeVisible();
    expect(fs.existsSync(path.join(e2eDataDir(), "courses/spotting-signs"))).toBe(false);

    await create.getByLabel(t("scorm.use.fields.slug")).fill("spotting-signs");
    await create.getByRole("button", { name: t("scorm.use.newCourse.submit") }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status")).toContainText(t("scorm.use.done.created", { title: "Spotting the signs of trafficking" }));
    expect(fs.readdirSync(path.join(e2eDataDir(), "courses/spotting-signs/lessons")).sort()).toEqual(["package.en.mdx", "package.fr.mdx"]);
    await expectNoSeriousA11yViolations(page);

    // The same server serves it now: in the catalogue, and its lesson page loads.
    await page.goto("/courses");
    await expect(page.getByRole("link", { name: "Spotting the signs of trafficking" })).toBeVisible();
    // Its rule asks for the package alone: the lesson is required through it, not marked optional.
    await page.goto("/courses/spotting-signs");
    const [before, after] = t("completion.rule.needScorm").split("{title}");
    await expect(page.locator(".rule-overview")).toContainText(`${before}Spotting the signs of trafficking${after}`);
    await expect(page.getByText(t("completion.step.optional"))).toHaveCount(0);
    const lesson = await page.goto("/courses/spotting-signs/package");
    expect(lesson?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Spotting the signs of trafficking");

    // A second package: a lesson at the end of the course, then a new version of the first lesson's package.
    await page.goto("/admin/scorm");
    await store("Spotting the signs, second edition");
    const add = page.getByRole("form", { name: t("scorm.use.newLesson.title") });
    await add.getByLabel(t("scorm.use.fields.where")).selectOption({ label: t("scorm.use.newLesson.atEnd", { module: "Spotting the signs of trafficking" }) });
    await add.getByLabel(t("scorm.use.fields.lessonTitle")).fill("Second edition");
    await add.getByLabel(t("scorm.use.fields.lessonId")).fill("second-edition");
    await add.getByRole("button", { name: t("scorm.use.newLesson.submit") }).click();
    await expect(page.getByRole("status")).toContainText(t("scorm.use.done.added", { title: "Spotting the signs of trafficking" }));
    expect(fs.readFileSync(path.join(e2eDataDir(), "courses/spotting-signs/course.yml"), "utf8")).toMatch(/^# Made at \/admin\/scorm/);

    const replace = page.getByRole("form", { name: t("scorm.use.replace.title") });
    await replace.getByLabel(t("scorm.use.fields.target")).selectOption("spotting-signs/package");
    await replace.getByRole("button", { name: t("scorm.use.replace.submit") }).click();
    await expect(page.getByRole("status")).toContainText(t("scorm.use.done.replaced", { title: "Spotting the signs of trafficking" }));
    expect(fs.readFileSync(path.join(e2eDataDir(), "courses/spotting-signs/scorm/package.yml"), "utf8")).toContain(
      `sha256: ${sha256(scorm12Package([], scorm12Manifest({ title: "Spotting the signs, second edition" })))}`,
    );
    await expectNoSeriousA11yViolations(page);
    expect((await page.goto("/courses/spotting-signs/second-edition"))?.status()).toBe(200);
  });

  test("ar: the forms that use a stored package read right to left on a phone; the address of a library course is refused in Arabic", async ({ page }) => {
    const t = await openAsAdmin(page, "ar");
    await upload(page, t, "حزمة.zip", scorm12Package([], scorm12Manifest({ title: "رصد مؤشرات الاتجار بالبشر" })));
    await page.getByRole("button", { name: t("scorm.preview.confirm") }).click();
    await expect(page.getByRole("heading", { level: 2, name: t("scorm.use.title") })).toBeVisible();
    await expect(page.getByText(t("scorm.use.newLesson.none"))).toBeVisible();
    await expect(page.getByText(t("scorm.use.replace.none"))).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await expectNoHorizontalScroll(page);

    const create = page.getByRole("form", { name: t("scorm.use.newCourse.title") });
    await expect(create.getByLabel(t("scorm.use.fields.title"), { exact: true })).toHaveValue("رصد مؤشرات الاتجار بالبشر");
    await expect(create.getByLabel(t("scorm.use.fields.packageLanguage"))).toHaveValue("ar");
    // The content repository's course is not in this server's COURSES_DIR, but the catalogue it serves has it.
    await create.getByLabel(t("scorm.use.fields.slug")).fill(TRAFFICKING_COURSE);
    await create.getByRole("button", { name: t("scorm.use.newCourse.submit") }).focus();
    await page.keyboard.press("Enter");
    const slug = page.getByRole("form", { name: t("scorm.use.newCourse.title") }).getByLabel(t("scorm.use.fields.slug"));
    await expect(slug).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#course-slug-error")).toHaveText(t("scorm.use.errors.slugTaken"));
    await expect(slug).toHaveValue(TRAFFICKING_COURSE);
    expect(fs.existsSync(path.join(e2eDataDir(), "courses", TRAFFICKING_COURSE))).toBe(false);
    await expectNoSeriousA11yViolations(page);
    await expectNoHorizontalScroll(page);
  });
});
