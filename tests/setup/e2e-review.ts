/** A reviewer's hands: their own browser, and a review recorded from /review through the real form. */
import fs from "node:fs";
import path from "node:path";
import { expect, type Browser, type Page } from "@playwright/test";
import { parse } from "yaml";
import type { Locale } from "../../app/i18n/locales";
import { createSessionFor, SESSION_COOKIE } from "./e2e-db";
import { DEMO, e2eBaseUrl, ROOT } from "./e2e-env";
import { watchForBrowserErrors } from "./e2e-fixtures";
import { literal, tFor } from "./e2e-i18n";

type Localized = Record<Locale, string>;
export type AssignmentFile = {
  title: Localized;
  rubric: { id: string; title: Localized; levels: { id: string; label: Localized; points: number }[] }[];
};

export function readAssignment(slug: string, assignmentId: string): AssignmentFile {
  return parse(fs.readFileSync(path.join(ROOT, "courses", slug, "assignments", `${assignmentId}.yml`), "utf8")) as AssignmentFile;
}

/** The demo reviewer (reviewer of the media course), in a French browser of their own. */
export async function reviewerPage(browser: Browser) {
  const context = await browser.newContext({ baseURL: e2eBaseUrl(), locale: "fr-FR" });
  const watcher = watchForBrowserErrors(context);
  await context.addCookies([{ name: SESSION_COOKIE, value: createSessionFor(DEMO.reviewer), url: e2eBaseUrl(), httpOnly: true, sameSite: "Lax" }]);
  return { page: await context.newPage(), done: async () => (watcher.assertClean(), await context.close()) };
}

/** Opens the learner's newest submission from /review and records a review: one level per criterion. */
export async function review(
  page: Page,
  assignment: AssignmentFile,
  learnerName: string,
  levels: Record<string, string>,
  decision: "accepted" | "revision_requested",
  feedback: string,
) {
  const t = tFor("fr");
  await page.goto("/review");
  await page.getByRole("link", { name: literal(learnerName) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(assignment.title.fr);
  for (const criterion of assignment.rubric) {
    const level = criterion.levels.find((l) => l.id === levels[criterion.id])!;
    await page.getByRole("group", { name: criterion.title.fr }).getByLabel(literal(level.label.fr)).check();
  }
  await page.getByLabel(t("assignment.reviewPage.feedback")).fill(feedback);
  await page.getByLabel(t(`assignment.reviewPage.decide.${decision}`)).check();
  await page.getByRole("button", { name: t("assignment.reviewPage.send") }).click();
  const notice = decision === "accepted" ? "assignment.queue.reviewedAccepted" : "assignment.queue.reviewedRevision";
  await expect(page.getByRole("status").filter({ hasText: t(notice) })).toBeVisible();
}

/** Every criterion at its best level. */
export function bestLevels(assignment: AssignmentFile): Record<string, string> {
  return Object.fromEntries(assignment.rubric.map((c) => [c.id, [...c.levels].sort((a, b) => b.points - a.points)[0].id]));
}
