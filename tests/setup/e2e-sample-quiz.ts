/**
 * The sample course's quiz (courses/first-steps-trafficking/quizzes/check-your-knowledge.yml),
 * read from its file, and a learner's hands to answer it in the browser: for
 * specs that need a passed quiz on the way to something else (a completion, a
 * certificate). The quiz itself is tested in tests/e2e/quiz.spec.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";
import { parse } from "yaml";
import type { Locale } from "../../app/i18n/locales";
import { ROOT, SAMPLE_COURSE } from "./e2e-env";
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

const file = path.join(ROOT, "courses", SAMPLE_COURSE, "quizzes", `${SAMPLE_QUIZ_ID}.yml`);
const quiz = parse(fs.readFileSync(file, "utf8")) as { title: Localized; questions: QuizQuestion[] };
const questions = quiz.questions.flatMap((q) => (q.type === "case" ? (q.questions ?? []) : [q]));

export const sampleQuizTitle = quiz.title;

export function sampleQuizPanel(page: Page): Locator {
  return page.locator(`#quiz-${SAMPLE_QUIZ_ID}`);
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

/** Answers every question of the attempt on screen as the quiz file says is right. */
export async function answerSampleQuizRight(page: Page, locale: Locale) {
  const t = tFor(locale);
  for (const q of questions) {
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
      throw new Error(`answerSampleQuizRight: no way to answer a "${q.type}" question yet`);
    }
  }
}
