/**
 * A lesson's HTML is sent once (decision 033): a document carries it in its markup and not again in its inline
 * loader data; a client-side navigation gets it in the `.data` answer. Hydration keeps the markup as it came, and
 * moving between lessons with JavaScript shows each lesson's own text.
 */
import { enrol } from "../setup/e2e-db";
import { decodePayload, entries, strings } from "../setup/e2e-payloads";
import { createUser, expect, loginAs, test, waitForHydration } from "../setup/e2e-fixtures";

const SLUG = "trafficking-identify-protect-refer";
const LESSON = `/courses/${SLUG}/what-is-trafficking`;

/** The `segments` array of the lesson route's loader data, wherever it sits in the decoded tree. */
function segmentsIn(value: unknown): { type: string; html?: string | null }[] {
  const found = [...entries(value)].find((entry) => entry.key === "segments" && Array.isArray(entry.value));
  expect(found, "the lesson's loader data has its segments").toBeTruthy();
  return found!.value as { type: string; html?: string | null }[];
}

test("the lesson document has its HTML in the markup only; its .data has it as data", async ({ page }) => {
  const user = await createUser({ locale: "en" });
  enrol(user.email, SLUG);
  await loginAs(page, user.email);

  const document = await page.request.get(LESSON);
  expect(document.status()).toBe(200);
  const html = await document.text();
  const payload = await decodePayload(document.url(), document.headers()["content-type"] ?? "", html);
  const inline = segmentsIn(payload.values[0]).filter((s) => s.type === "html");
  expect(inline.length).toBeGreaterThan(0);
  expect(inline.map((s) => s.html)).toEqual(inline.map(() => null));
  expect(strings(payload.values[0]).filter((s) => s.includes("<h2")), "no lesson HTML inside the inline data").toEqual([]);
  const markup = html.replace(/<script[\s\S]*?<\/script>/g, "");
  // The lesson's own headings, as its table of contents links to them.
  const headings = [...markup.matchAll(/<a href="#([^"]+)">/g)].map((m) => m[1]);
  expect(headings.length).toBeGreaterThan(1);
  for (const id of headings) expect(markup, `the markup carries ${id}`).toContain(`<h2 id="${id}"`);

  const data = await page.request.get(`${LESSON}.data`);
  const decoded = await decodePayload(data.url(), data.headers()["content-type"] ?? "", await data.text());
  const sent = segmentsIn(decoded.values[0]).filter((s) => s.type === "html");
  expect(sent.length).toBe(inline.length);
  for (const id of headings) expect(sent.some((s) => s.html?.includes(`<h2 id="${id}"`)), `${id} is in the data`).toBe(true);
});

test("after hydration the lesson keeps its text, and client-side navigation shows each lesson's own", async ({ page }) => {
  const user = await createUser({ locale: "en" });
  enrol(user.email, SLUG);
  await loginAs(page, user.email);

  await page.goto(LESSON);
  const body = page.locator(".lesson-body .lesson-segment").first();
  const before = await body.innerHTML();
  expect(before).toContain("<h2");
  await waitForHydration(page);
  expect(await body.innerHTML(), "hydration left the markup as the server sent it").toBe(before);

  const nextTitle = (await page.locator(".lesson-nav a[rel=next] span").last().textContent())!;
  const dataRequest = page.waitForRequest((r) => r.url().includes(".data"));
  await page.locator(".lesson-nav a[rel=next]").click();
  await dataRequest;
  await expect(page.locator("h1")).toHaveText(nextTitle);
  const next = await page.locator(".lesson-body .lesson-segment").first().innerHTML();
  expect(next).toContain("<h2");
  expect(next).not.toBe(before);

  await page.goBack();
  await expect.poll(() => page.locator(".lesson-body .lesson-segment").first().innerHTML()).toBe(before);
});
