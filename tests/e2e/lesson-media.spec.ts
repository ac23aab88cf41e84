/**
 * Images in lessons and reading times, on the built trafficking course: the
 * act-means-purpose diagram in the reader's language, served from /media/
 * with immutable caching and its own CSP; the minutes the build estimated on
 * the lesson, in the outline and as the course's total.
 */
import fs from "node:fs";
import path from "node:path";
import type { Locale } from "../../app/i18n/locales";
import type { Manifest } from "../../app/catalog/cache.server";
import { enrol } from "../setup/e2e-db";
import { ROOT } from "../setup/e2e-env";
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

const SLUG = "trafficking-identify-protect-refer";
const LESSON = "what-is-trafficking";

function builtCourse() {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, ".cache/courses/manifest.json"), "utf8")) as Manifest;
  return manifest.courses.find((c) => c.slug === SLUG)!;
}

for (const locale of ["ar", "en"] satisfies Locale[]) {
  test(`${locale}: the lesson shows its diagram and reading time; the course page its lesson minutes and total`, async ({ page, request }) => {
    const t = tFor(locale);
    const course = builtCourse();
    const minutes = course.minutes![LESSON][locale]!;
    const user = await createUser({ locale });
    enrol(user.email, SLUG);
    await loginAs(page, user.email);
    await page.setViewportSize(PHONE);

    await page.goto(`/courses/${SLUG}/${LESSON}`);
    await expect(page.locator(".lesson-reading-time")).toHaveText(t("learning.lesson.readingTime", { count: minutes }));

    const image = page.locator(".lesson-body figure.media-image img");
    await expect(image).toHaveCount(1);
    await expect(image).toHaveAttribute("src", /^\/media\/[0-9a-f]{20}\.svg$/);
    await expect(image).toHaveAttribute("loading", "lazy");
    await expect(image).toHaveAttribute("width", "540");
    await expect(image).toHaveAttribute("height", "606");
    const lessonSource = fs.readFileSync(path.join(ROOT, "courses", SLUG, "lessons", `${LESSON}.${locale}.mdx`), "utf8");
    const alt = /<Image src="images\/act-means-purpose\.(\w+)\.svg" alt="([^"]+)"/.exec(lessonSource)!;
    expect(alt[1], "the lesson shows the diagram drawn in its own language").toBe(locale);
    await expect(image).toHaveAttribute("alt", alt[2]);
    await expect(page.locator(".lesson-body figure.media-image figcaption")).toBeVisible();

    // It loads (under the page's CSP), fits the phone's width and keeps its proportions.
    await image.scrollIntoViewIfNeeded();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    const box = (await image.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(PHONE.width);
    expect(box.height / box.width).toBeCloseTo(606 / 540, 1);
    await expectNoHorizontalScroll(page);
    await expectNoSeriousA11yViolations(page);

    // The file itself: a year of caching, its own type, nosniff and a CSP that runs nothing.
    const src = (await image.getAttribute("src"))!;
    const response = await request.get(src);
    expect(response.status()).toBe(200);
    const headers = response.headers();
    expect(headers["content-type"]).toBe("image/svg+xml");
    expect(headers["cache-control"]).toContain("max-age=31536000");
    expect(headers["cache-control"]).toContain("immutable");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["content-security-policy"]).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
    expect(await response.text()).toContain(locale === "ar" ? 'direction="rtl"' : "<svg");

    // The course page: each lesson's minutes in the outline, the total among the facts.
    await page.goto(`/courses/${SLUG}`);
    const item = page.locator("ol.outline li").filter({ has: page.locator(`a[href="/courses/${SLUG}/${LESSON}"]`) });
    await expect(item.locator(".lesson-minutes")).toHaveText(t("courses.approx", { duration: t("courses.minutes", { count: minutes }) }));
    const total = Object.values(course.minutes!).reduce((sum, byLang) => sum + byLang[locale]!, 0);
    const studyTime = page.locator(".course-page .facts .course-study-time");
    await expect(studyTime).toHaveCount(1);
    const rounded = Math.round(total / 5) * 5;
    await expect(studyTime).toContainText(t("courses.hours", { count: Math.floor(rounded / 60) }));
    await expect(page.locator(".course-page .facts dt").filter({ hasText: t("courses.facts.hours") })).toHaveCount(1);
    await expectNoHorizontalScroll(page);
  });
}

test("/media/ answers 404 for a name it does not have, or that is not a hash, without reaching the app", async ({ request }) => {
  for (const url of ["/media/00000000000000000000.svg", "/media/..%2Fmanifest.json", "/media/manifest.json", "/media/"]) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(404);
    expect(response.headers()["content-security-policy"], url).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
  }
});
