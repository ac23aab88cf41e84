/**
 * A course's quiz, read from its file, and a learner's hands to answer it
 * right in the browser: for specs that need a passed quiz on the way to
 * something else (a completion, a certificate). The quiz itself is tested in
 * tests/e2e/quiz.spec.ts, on the anti-trafficking course's check-your-knowledge.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";
import { parse } from "yaml";
import type { Locale } from "../../app/i18n/locales";
import { ROOT, TRAFFICKING_COURSE } from "./e2e-env";
import { tFor } from "./e2e-i18n";

export const SAMPLE_QUIZ_ID = "check-your-knowledge";
export const SAMPLE_QUIZ_LESSON = "indicators-and-referral";

type Localized = Record<Locale, string>;
type QuizQuestion = {
  id: string;
  type: string;
  options?: { id: string; text: Localized; correct?: boolean }[];
  pairs?: { id: string; left: Localized; right: Localized }[];
  items?: { id: string; text: Localized }[];
  accepted?: Record<Locale, string[]>;
  answer?: number | boolean;
  questions?: QuizQuestion[];
};
type QuizFile = { title: Localized; questions: QuizQuestion[] };

export function readQuiz(slug: string, quizId: string): QuizFile {
  return parse(fs.readFileSync(path.join(ROOT, "courses", slug, "quizzes", `${quizId}.yml`), "utf8")) as QuizFile;
}

export const sampleQuizTitle = readQuiz(TRAFFICKING_COURSE, SAMPLE_QUIZ_ID).title;

export function quizPanel(page: Page, quizId: string): Locator {
  return page.locator(`#quiz-${quizId}`);
}

export function sampleQuizPanel(page: Page): Locator {
  return quizPanel(page, SAMPLE_QUIZ_ID);
}

const fieldset = (page: Page, id: string) => page.locator(`fieldset#q-${id}`);

async function putInOrder(box: Locator, wanted: string[], locale: Locale) {
  const t = tFor(locale);
  const shown = () => box.locator(".quiz-ordering-text > span:last-child");
  for (let i = 0; i < wanted.length; i++) {
    for (;;) {
      const at = (await shown().allTextContents()).indexOf(wanted[i]);
      if (at <= i) break;
      await box.getByRole("button", { name: t("quiz.attempt.moveUp", { item: wanted[i] }) }).click();
      await expect(shown().nth(at - 1)).toHaveText(wanted[i]);
    }
  }
}

async function answerQuestion(page: Page, q: QuizQuestion, locale: Locale) {
  const t = tFor(locale);
  const box = fieldset(page, q.id);
  if (q.type === "single" || q.type === "multiple") {
    for (const option of q.options ?? []) {
      const input = box.getByLabel(option.text[locale], { exact: true });
      if (option.correct) await input.check();
      else if (await input.isChecked()) await input.uncheck();
    }
  } else if (q.type === "true-false") {
    await box.getByLabel(t(q.answer ? "quiz.attempt.true" : "quiz.attempt.false"), { exact: true }).check();
  } else if (q.type === "matching") {
    for (const pair of q.pairs ?? []) await box.getByLabel(pair.left[locale], { exact: true }).selectOption({ label: pair.right[locale] });
  } else if (q.type === "ordering") {
    await putInOrder(box, (q.items ?? []).map((i) => i.text[locale]), locale);
  } else if (q.type === "short-text") {
    await box.getByLabel(t("quiz.attempt.yourAnswer")).fill(q.accepted![locale][0]);
  } else if (q.type === "numeric") {
    await box.getByLabel(t("quiz.attempt.yourAnswer")).fill(String(q.answer));
  } else {
    throw new Error(`answerQuizRight: no way to answer a "${q.type}" question yet`);
  }
}

/**
 * Answers every question of the attempt on screen as the quiz file says is
 * right. A quiz that draws some of its questions shows only those: the
 * others are skipped, but at least one must be on screen.
 */
export async function answerQuizRight(page: Page, locale: Locale, slug: string, quizId: string) {
  const questions = readQuiz(slug, quizId).questions.flatMap((q) => (q.type === "case" ? (q.questions ?? []) : [q]));
  await expect(page.locator("fieldset[id^='q-']").first()).toBeVisible();
  let answered = 0;
  for (const q of questions) {
    if ((await fieldset(page, q.id).count()) === 0) continue;
    await answerQuestion(page, q, locale);
    answered++;
  }
  expect(answered, `${slug}/${quizId}: questions answered`).toBeGreaterThan(0);
}

export function answerSampleQuizRight(page: Page, locale: Locale) {
  return answerQuizRight(page, locale, TRAFFICKING_COURSE, SAMPLE_QUIZ_ID);
}

/** On the lesson page that shows it: starts an attempt, answers it right, submits, and sees it passed at 100 %. */
export async function passQuiz(page: Page, locale: Locale, slug: string, quizId: string) {
  const t = tFor(locale);
  const panel = quizPanel(page, quizId);
  await panel.getByRole("button", { name: t("quiz.panel.start") }).click();
  await answerQuizRight(page, locale, slug, quizId);
  await panel.getByRole("button", { name: t("quiz.attempt.submit") }).click();
  await expect(panel.getByText(t("quiz.panel.passed", { percent: 100 }))).toBeVisible();
}
