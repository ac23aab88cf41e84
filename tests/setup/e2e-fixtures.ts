/**
 * The `test` every spec imports. On top of Playwright's own fixtures it fails
 * a test on any console error, uncaught page error or CSP violation, and gives
 * helpers for logging in, accessibility and small screens.
 */
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import type { Locale } from "../../app/i18n/locales";
import { createSessionFor, SESSION_COOKIE } from "./e2e-db";
import { e2eBaseUrl } from "./e2e-env";
import { startWorkerServer, type WorkerServer } from "./e2e-worker-server";
import { tFor } from "./e2e-i18n";

export { expect };
export { createUser, readLatestEmail, uniqueEmail, findUser } from "./e2e-db";
export { DEMO, DEMO_PASSWORD, TRAFFICKING_COURSE } from "./e2e-env";
export { tFor, literal, templatePattern } from "./e2e-i18n";

type Options = {
  /**
   * Console errors a test expects, matched against "console.error: <text> (<url>:<line>)": e.g. the
   * line Chromium logs for a 403 page, or for the 400 a form answers with when its input is refused.
   */
  allowedConsoleErrors: RegExp[];
};

/**
 * Collects what a user would never see but a developer must: console errors,
 * uncaught exceptions and CSP refusals, on every page of the context.
 */
export function watchForBrowserErrors(context: BrowserContext, allowed: RegExp[] = []) {
  const problems: string[] = [];
  context.on("console", (message) => {
    const text = message.text();
    // Chromium words CSP violations "Refused to …" or "… violates the following Content Security Policy directive …".
    const isCsp = /^Refused to |Content Security Policy/.test(text);
    if (message.type() !== "error" && !isCsp) return;
    const where = message.location();
    const line = `console.${message.type()}: ${text}${where.url ? ` (${where.url}:${where.lineNumber})` : ""}`;
    if (!isCsp && allowed.some((re) => re.test(line))) return;
    problems.push(line);
  });
  context.on("weberror", (error) => problems.push(`uncaught page error: ${error.error().stack ?? error.error()}`));
  return {
    problems,
    assertClean() {
      if (problems.length) {
        throw new Error(`The browser reported ${problems.length} problem(s):\n  - ${problems.join("\n  - ")}`);
      }
    },
  };
}

type WorkerFixtures = { tadribServer: Omit<WorkerServer, "stop"> };

export const test = base.extend<Options, WorkerFixtures>({
  // Every worker gets its own database and server; helpers that reach the database
  // or build URLs find them through the environment (e2e-env.ts).
  tadribServer: [
    // Playwright reads a fixture's dependencies from this destructuring: it must be an object pattern, here empty.
    // eslint-disable-next-line no-empty-pattern
    async ({}, provide, workerInfo) => {
      const server = await startWorkerServer(workerInfo.workerIndex);
      process.env.TADRIB_E2E_DB = server.dbFile;
      process.env.TADRIB_E2E_URL = server.url;
      process.env.TADRIB_E2E_DATA = server.dataDir;
      await provide({ url: server.url, dbFile: server.dbFile, dataDir: server.dataDir, output: server.output });
      await server.stop();
    },
    { scope: "worker", auto: true, timeout: 90_000 },
  ],
  baseURL: async ({ tadribServer }, provide) => provide(tadribServer.url),
  allowedConsoleErrors: [[], { option: true }],
  context: async ({ context, allowedConsoleErrors }, provide) => {
    const watcher = watchForBrowserErrors(context, allowedConsoleErrors);
    await provide(context);
    watcher.assertClean();
  },
});

/** Logs `email` in by inserting a session row, as the app would after a successful login. */
export async function loginAs(page: Page, email: string) {
  const token = createSessionFor(email);
  await page.context().addCookies([
    { name: SESSION_COOKIE, value: token, url: e2eBaseUrl(), httpOnly: true, sameSite: "Lax" },
  ]);
}

/**
 * React has hydrated the page, lesson islands included: each island is a lazy chunk, so its part of the page is
 * hydrated only once that chunk has arrived, after the rest (a click before then is a plain form submission).
 */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const hydrated = (element: Element) => Object.keys(element).some((key) => key.startsWith("__reactFiber"));
    return hydrated(document.body) && [...document.querySelectorAll(".quiz-panel, section.assignment, .scorm-player")].every(hydrated);
  });
}

/** Switches language with the switcher in the header, as a user would. */
export async function switchLanguage(page: Page, from: Locale, to: Locale) {
  const t = tFor(from);
  const form = page.locator("form.lang-switcher");
  await form.getByLabel(t("common.language.label")).selectOption(to);
  // A plain form post and redirect (it works without JavaScript): wait for the new document.
  await form.getByRole("button", { name: t("common.language.submit") }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", to);
}

/** Fails on any axe violation of impact "serious" or "critical", listing each one readably. */
export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (serious.length === 0) return;
  const report = serious
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `      ${n.target.join(" ")}\n        ${(n.failureSummary ?? "").replace(/\n/g, "\n        ")}`)
        .join("\n");
      const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : "";
      return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
    })
    .join("\n");
  throw new Error(`axe found ${serious.length} serious/critical violation(s) on ${page.url()}:\n${report}`);
}

export const PHONE = { width: 360, height: 740 };

/** A 360 px wide phone must never scroll sideways. Names the elements that stick out when it does. */
export async function expectNoHorizontalScroll(page: Page) {
  const size = page.viewportSize();
  if (size?.width !== PHONE.width) await page.setViewportSize(PHONE);
  const result = await page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    const width = root.clientWidth;
    const offenders: string[] = [];
    if (root.scrollWidth > width) {
      const sticksOut = (el: Element) => {
        const r = el.getBoundingClientRect();
        return r.right > width + 0.5 || r.left < -0.5;
      };
      for (const el of Array.from(document.body.querySelectorAll("*"))) {
        if (!sticksOut(el) || (el.parentElement && sticksOut(el.parentElement))) continue;
        const r = el.getBoundingClientRect();
        const cls = el.classList.length ? `.${Array.from(el.classList).join(".")}` : "";
        offenders.push(`<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${cls}> spans ${Math.round(r.left)}…${Math.round(r.right)} px`);
        if (offenders.length >= 10) break;
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: width, offenders };
  });
  expect(
    result.scrollWidth,
    `${page.url()} scrolls horizontally at ${PHONE.width} px (content ${result.scrollWidth} px wide). Sticking out:\n  ${result.offenders.join("\n  ")}`,
  ).toBeLessThanOrEqual(result.clientWidth);
}
