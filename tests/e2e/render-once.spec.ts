/**
 * A page is rendered once per state and sent again as bytes (decision 034): the second request for the same
 * lesson, by the same learner in the same state, gets the kept HTML (`X-Render: kept`), brotli-compressed once,
 * under a Content-Security-Policy that lists its inline scripts' hashes instead of a nonce. What the learner does
 * (a lesson marked complete), another learner, another language: each is a page of its own, rendered afresh.
 */
import crypto from "node:crypto";
import { enrol } from "../setup/e2e-db";
import { createUser, expect, loginAs, test, tFor, waitForHydration } from "../setup/e2e-fixtures";

const SLUG = "trafficking-identify-protect-refer";
const LESSON = `/courses/${SLUG}/what-is-trafficking`;

const scriptSrc = (csp: string | undefined) => /(?:^|;)\s*script-src ([^;]*)/.exec(csp ?? "")?.[1] ?? "";
const withoutNonces = (html: string) => html.replace(/ nonce="[^"]*"/g, "");

/** The hash source of each inline script of a page, as the browser computes it. */
function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter(([, attributes]) => !/\ssrc=/.test(` ${attributes}`))
    .map(([, , text]) => `'sha256-${crypto.createHash("sha256").update(text).digest("base64")}'`);
}

test("a lesson page is rendered once, then sent again as it was, under a CSP of its own scripts' hashes", async ({ page }) => {
  const user = await createUser({ locale: "en" });
  enrol(user.email, SLUG);
  await loginAs(page, user.email);

  const first = await page.request.get(LESSON);
  expect(first.status()).toBe(200);
  expect(first.headers()["x-render"]).toBe("rendered");
  expect(scriptSrc(first.headers()["content-security-policy"])).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  const rendered = await first.text();
  expect(rendered).toContain(user.name);

  const second = await page.request.get(LESSON);
  expect(second.headers()["x-render"]).toBe("kept");
  const kept = await second.text();
  expect(withoutNonces(kept)).toBe(withoutNonces(rendered));
  const policy = second.headers()["content-security-policy"];
  const sources = scriptSrc(policy);
  expect(sources).not.toContain("'nonce-");
  expect(sources).not.toContain("'unsafe-inline'");
  const hashes = inlineScriptHashes(kept);
  expect(hashes.length).toBeGreaterThan(2);
  for (const hash of hashes) expect(sources, "every inline script of the kept page is allowed by its hash").toContain(hash);
  expect(policy).toMatch(/frame-ancestors 'none'/);
  expect(second.headers()["cache-control"]).toBe("private, no-store");

  // Compressed once, in the background, after the first time it is sent again; identity still gets plain HTML.
  await expect
    .poll(async () => (await page.request.get(LESSON, { headers: { "Accept-Encoding": "br" } })).headers()["content-encoding"])
    .toBe("br");
  const brotli = await page.request.get(LESSON, { headers: { "Accept-Encoding": "br" } });
  expect(withoutNonces(await brotli.text())).toBe(withoutNonces(rendered));
  expect(brotli.headers()["vary"]).toMatch(/Accept-Encoding/i);
  const plain = await page.request.get(LESSON, { headers: { "Accept-Encoding": "identity" } });
  expect(plain.headers()["content-encoding"]).toBeUndefined();
  expect(withoutNonces(await plain.text())).toBe(withoutNonces(rendered));

  // The browser runs the kept page (the fixture fails on any CSP refusal), hydrates it and navigates on.
  const opened = await page.goto(LESSON);
  expect(opened?.headers()["x-render"]).toBe("kept");
  await waitForHydration(page);
  const nextTitle = (await page.locator(".lesson-nav a[rel=next] span").last().textContent())!;
  const dataRequest = page.waitForRequest((r) => r.url().includes(".data"));
  await page.locator(".lesson-nav a[rel=next]").click();
  await dataRequest;
  await expect(page.locator("h1")).toHaveText(nextTitle);
});

test("what the learner does makes a new page: a lesson marked complete is rendered again, then kept", async ({ page }) => {
  const t = tFor("en");
  const user = await createUser({ locale: "en" });
  enrol(user.email, SLUG);
  await loginAs(page, user.email);
  await page.request.get(LESSON);
  expect((await page.request.get(LESSON)).headers()["x-render"]).toBe("kept");

  await page.goto(LESSON);
  await waitForHydration(page);
  await page.getByRole("button", { name: t("learning.lesson.markComplete") }).click();
  await expect(page.getByText(t("learning.lesson.done"))).toBeVisible();

  const after = await page.request.get(LESSON);
  expect(after.headers()["x-render"]).toBe("rendered");
  expect(await after.text()).toContain(t("learning.lesson.done"));
  const again = await page.request.get(LESSON);
  expect(again.headers()["x-render"]).toBe("kept");
  expect(await again.text()).toContain(t("learning.lesson.done"));
  await page.reload();
  await expect(page.getByText(t("learning.lesson.done"))).toBeVisible();
  await expect(page.getByRole("button", { name: t("learning.lesson.markComplete") })).toHaveCount(0);
});

test("another learner on the same lesson gets a page of their own", async ({ browser }) => {
  const [a, b] = [await createUser({ locale: "en", name: "Amina Benali" }), await createUser({ locale: "en", name: "Youssef Idrissi" })];
  for (const user of [a, b]) enrol(user.email, SLUG);
  const pages = [];
  for (const user of [a, b]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await loginAs(page, user.email);
    pages.push(page);
  }
  await pages[0].request.get(LESSON);
  expect((await pages[0].request.get(LESSON)).headers()["x-render"]).toBe("kept");

  const other = await pages[1].request.get(LESSON);
  expect(other.headers()["x-render"]).toBe("rendered");
  const html = await other.text();
  expect(html).toContain(b.name);
  expect(html).not.toContain(a.name);
  expect(html).not.toContain(a.id);
  for (const page of pages) await page.context().close();
});

test("the anonymous catalogue is kept per language, and pages that do not declare it are rendered every time", async ({ playwright, baseURL }) => {
  const t = { fr: tFor("fr"), ar: tFor("ar") };
  for (const [language, dir] of [["ar", "rtl"], ["fr", "ltr"]] as const) {
    const client = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "Accept-Language": language } });
    const answers = [await client.get("/courses"), await client.get("/courses")];
    expect(answers.map((r) => r.headers()["x-render"])).toContain("kept");
    for (const answer of answers) {
      const html = await answer.text();
      expect(html).toContain(`<html lang="${language}" dir="${dir}"`);
      expect(html).toContain(t[language]("courses.catalogue.title"));
    }
    await client.dispose();
  }

  const client = await playwright.request.newContext({ baseURL });
  const resets = [await client.get("/forgot-password"), await client.get("/forgot-password")];
  for (const answer of resets) {
    expect(answer.status()).toBe(200);
    expect(answer.headers()["x-render"]).toBeUndefined();
    expect(scriptSrc(answer.headers()["content-security-policy"])).toMatch(/'nonce-/);
  }
  await client.dispose();
});
