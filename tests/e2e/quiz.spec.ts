/**
 * Quizzes in a lesson (issue 3): a learner fails, resumes after a reload,
 * retries and passes; the same without JavaScript; in Arabic on a phone,
 * accessible; reviewers' statistics; and the leak test — no response the
 * browser receives while the attempt is under way holds an answer key,
 * feedback or explanation.
 */
import fs from "node:fs";
import path from "node:path";
import { type Locator, type Page, type PlaywrightWorkerArgs, type Route } from "@playwright/test";
import { parse } from "yaml";
import type { Locale } from "../../app/i18n/locales";
import { e2eBaseUrl, ROOT, TRAFFICKING_COURSE } from "../setup/e2e-env";
import { createSessionFor, enrol, findUser, withDb } from "../setup/e2e-db";
import { decodePayload, entries, type Payload } from "../setup/e2e-payloads";
import {
  createUser,
  DEMO,
  expect,
  expectNoHorizontalScroll,
  expectNoSeriousA11yViolations,
  loginAs,
  PHONE,
  test,
  tFor,
  waitForHydration,
} from "../setup/e2e-fixtures";

const QUIZ_ID = "check-your-knowledge";
const LESSON_ID = "indicators-and-referral";
const lessonUrl = `/courses/${TRAFFICKING_COURSE}/${LESSON_ID}`;
const statisticsUrl = `/courses/${TRAFFICKING_COURSE}/quizzes/${QUIZ_ID}/statistics`;

type Localized = Record<Locale, string>;
type QuizFile = {
  questions: {
    id: string;
    type: string;
    explanation?: Localized;
    prompt?: Localized;
    title?: Localized;
    options?: { id: string; text: Localized; correct?: boolean; feedback?: Localized }[];
    pairs?: { id: string; left: Localized; right: Localized }[];
    items?: { id: string; text: Localized }[];
    accepted?: Record<Locale, string[]>;
    trueFeedback?: Localized;
    falseFeedback?: Localized;
    questions?: QuizFile["questions"];
    answer?: number | boolean;
  }[];
};

const quiz = parse(fs.readFileSync(path.join(ROOT, "courses", TRAFFICKING_COURSE, "quizzes", `${QUIZ_ID}.yml`), "utf8")) as QuizFile;
const allQuestions = quiz.questions.flatMap((q) => (q.type === "case" ? (q.questions ?? []) : [q]));
const question = (id: string) => allQuestions.find((q) => q.id === id)!;

/** The texts that belong to the answer key, in every language: explanations and feedback. */
function secretTexts(): string[] {
  const out: string[] = [];
  for (const q of [...quiz.questions, ...allQuestions]) {
    if (q.explanation) out.push(...Object.values(q.explanation));
    for (const o of q.options ?? []) if (o.feedback) out.push(...Object.values(o.feedback));
    for (const feedback of [q.trueFeedback, q.falseFeedback]) if (feedback) out.push(...Object.values(feedback));
  }
  return [...new Set(out)];
}

/** Every accepted typed answer, however short ("18", "27-14"). */
function acceptedAnswers(): string[] {
  return [...new Set(allQuestions.flatMap((q) => Object.values(q.accepted ?? {}).flat().map(String)))];
}

const unescapeHtml = (html: string) =>
  html.replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/**
 * What in these responses would give the answer key away: option-level
 * correct flags, expected or accepted answers, feedback and explanations
 * (in the decoded data, and as text anywhere in a response), and any
 * accepted answer outside the learner's own saved answers.
 */
function answerKeyLeaks(payloads: Payload[]): string[] {
  const leaks: string[] = [];
  const texts = secretTexts();
  const accepted = new Set(acceptedAnswers());
  for (const payload of payloads) {
    const readable = payload.kind === "html" ? unescapeHtml(payload.text) : payload.text;
    for (const secret of texts) if (readable.includes(secret)) leaks.push(`${payload.url}: text "${secret.slice(0, 40)}…"`);
    for (const value of payload.values) {
      for (const { path, key, value: v, parent } of entries(value)) {
        const mine = /\.answers\.|\.given$/.test(path);
        if (key === "correct" && v === true && "chosen" in parent) leaks.push(`${payload.url}: ${path} (an option marked correct)`);
        if (["expected", "accepted", "tolerance"].includes(key) && v !== null && v !== undefined) leaks.push(`${payload.url}: ${path}`);
        if (["explanation", "feedback"].includes(key) && v) leaks.push(`${payload.url}: ${path}`);
        if (typeof v === "string" && accepted.has(v) && !mine) leaks.push(`${payload.url}: ${path} = "${v}"`);
      }
    }
  }
  return leaks;
}

/**
 * Records and decodes every response the page receives, until stopped. The
 * requests are routed through the test and fetched by it: Chromium does not
 * keep the bodies of streamed responses (Remix's .data) for Playwright to read
 * afterwards, and a scan that skipped them would pass without looking.
 */
async function recordPayloads(page: Page) {
  const pending: Promise<Payload | null>[] = [];
  const handler = async (route: Route) => {
    const response = await route.fetch({ maxRedirects: 0 });
    const body = await response.body();
    const contentType = response.headers()["content-type"] ?? "";
    if (response.status() < 300 || response.status() >= 400) pending.push(decodePayload(route.request().url(), contentType, body.toString("utf8")));
    // A request the page gave up meanwhile (a reload during a save) cannot be fulfilled any more; its body was still read.
    await route.fulfill({ response, body }).catch(() => undefined);
  };
  await page.route("**/*", handler);
  return {
    async stop(): Promise<Payload[]> {
      await page.unroute("**/*", handler);
      return (await Promise.all(pending)).filter((p): p is Payload => p !== null);
    },
  };
}

async function enrolledLearner(locale: Locale = "fr") {
  const user = await createUser({ locale, name: locale === "ar" ? "سلمى العلوي" : "Salma Test" });
  enrol(user.email, TRAFFICKING_COURSE);
  return user;
}

const panel = (page: Page) => page.locator(`#quiz-${QUIZ_ID}`);
const fieldset = (page: Page, id: string) => page.locator(`fieldset#q-${id}`);

/** Moves ordering items with the Move up buttons until they read `wanted`. */
async function putInOrder(page: Page, box: Locator, wanted: string[], locale: Locale) {
  const t = tFor(locale);
  for (let i = 0; i < wanted.length; i++) {
    for (;;) {
      const shown = await box.locator(".quiz-ordering-text > span:last-child").allTextContents();
      const at = shown.indexOf(wanted[i]);
      if (at <= i) break;
      await box.getByRole("button", { name: t("quiz.attempt.moveUp", { item: wanted[i] }) }).click();
      await expect(box.locator(".quiz-ordering-text > span:last-child").nth(at - 1)).toHaveText(wanted[i]);
    }
  }
}

/** Answers every question as the quiz file says is right. */
async function answerEverythingRight(page: Page, locale: Locale) {
  const t = tFor(locale);
  const pick = async (id: string) => {
    for (const option of question(id).options ?? []) {
      const box = fieldset(page, id).getByLabel(option.text[locale], { exact: true });
      if (option.correct) await box.check();
      else if (await box.isChecked()) await box.uncheck();
    }
  };
  await pick("three-elements");
  await fieldset(page, "consent").getByLabel(t("quiz.attempt.false"), { exact: true }).check();
  await pick("indicators");
  for (const pair of question("trafficking-or-smuggling").pairs ?? []) {
    await fieldset(page, "trafficking-or-smuggling").getByLabel(pair.left[locale], { exact: true }).selectOption({ label: pair.right[locale] });
  }
  const items = (question("what-to-do").items ?? []).map((i) => i.text[locale]);
  await putInOrder(page, fieldset(page, "what-to-do"), items, locale);
  await fieldset(page, "law-number").getByLabel(t("quiz.attempt.yourAnswer")).fill(question("law-number").accepted![locale][0]);
  await fieldset(page, "child-age").getByLabel(t("quiz.attempt.yourAnswer")).fill("18");
  await pick("amina-indicators");
  await pick("amina-first-step");
}

test.describe("quiz in a lesson", () => {
  test("a learner fails, resumes after a reload, retries and passes", async ({ page }) => {
    const t = tFor("fr");
    const learner = await enrolledLearner("fr");
    await loginAs(page, learner.email);
    await page.goto(lessonUrl);
    await waitForHydration(page);
    await panel(page).getByRole("button", { name: t("quiz.panel.start") }).click();
    await expect(panel(page).getByRole("heading", { name: t("quiz.attempt.heading", { number: 1 }) })).toBeVisible();
    // The keyboard and the screen reader are taken to the first question, not left on <body>.
    await expect(panel(page).locator("fieldset.quiz-question").first().locator("input, select, button").first()).toBeFocused();
    // A case study counts as one question, its parts numbered under it: as many numbers as the intro announces.
    const numbers = await panel(page).locator(".quiz-question-number").allTextContents();
    const topLevel = numbers.filter((n) => /^Question \d+$/.test(n));
    expect(topLevel).toEqual(quiz.questions.map((_, i) => `Question ${i + 1}`));
    expect(numbers).toContain(`Question ${quiz.questions.length}.2`);
    await expect(panel(page).locator(".quiz-intro")).toContainText("Huit questions");
    expect(quiz.questions).toHaveLength(8);

    // Answers are saved as they are given…
    const wrong = question("three-elements").options!.find((o) => o.id === "border-payment-documents")!;
    const saved = page.waitForResponse((r) => r.url().endsWith(`/quizzes/${QUIZ_ID}/answers`) && r.request().method() === "POST");
    await fieldset(page, "three-elements").getByLabel(wrong.text.fr).check();
    expect((await saved).status()).toBe(200);
    await fieldset(page, "child-age").getByLabel(t("quiz.attempt.yourAnswer")).fill("21");
    await fieldset(page, "child-age").getByLabel(t("quiz.attempt.yourAnswer")).blur();
    await expect(panel(page).getByRole("status").filter({ hasText: t("quiz.attempt.saved") })).toBeVisible();

    // …so a reload resumes the same attempt with them.
    await page.reload();
    await expect(panel(page).getByRole("heading", { name: t("quiz.attempt.heading", { number: 1 }) })).toBeVisible();
    await expect(fieldset(page, "three-elements").getByLabel(wrong.text.fr)).toBeChecked();
    await expect(fieldset(page, "child-age").getByLabel(t("quiz.attempt.yourAnswer"))).toHaveValue("21");

    await panel(page).getByRole("button", { name: t("quiz.attempt.submit") }).click();
    await expect(panel(page).getByRole("heading", { name: t("quiz.result.heading", { number: 1 }) })).toBeVisible();
    await expect(panel(page).getByText(t("quiz.result.failed", { percent: 70 }))).toBeVisible();
    // Right or wrong after each attempt; the correct answers, feedback and explanations are not shown to a learner
    // who can try again (the sample quiz keeps showCorrectAnswers at its default, never).
    const review = panel(page).getByRole("region", { name: t("quiz.result.review") });
    await expect(review.locator(".quiz-verdict-incorrect").first()).toBeVisible();
    await expect(panel(page).getByText(t("quiz.result.answersNeverShown"))).toBeVisible();
    await expect(panel(page).getByText(wrong.feedback!.fr)).toHaveCount(0);
    await expect(panel(page).getByText(question("three-elements").explanation!.fr)).toHaveCount(0);
    await expect(review.getByText(t("quiz.result.rightAnswer"))).toHaveCount(0);

    await panel(page).getByRole("button", { name: t("quiz.panel.retry") }).click();
    await expect(panel(page).getByRole("heading", { name: t("quiz.attempt.heading", { number: 2 }) })).toBeVisible();
    await answerEverythingRight(page, "fr");
    await expect(panel(page).getByText(t("quiz.attempt.allAnswered"))).toBeVisible();
    await panel(page).getByRole("button", { name: t("quiz.attempt.submit") }).click();
    await expect(panel(page).getByRole("heading", { name: t("quiz.result.heading", { number: 2 }) })).toBeVisible();
    await expect(panel(page).getByText(t("quiz.panel.passed", { percent: 100 }))).toBeVisible();
    const history = panel(page).getByRole("region", { name: t("quiz.history.heading") }).getByRole("listitem");
    await expect(history.filter({ has: page.getByText(t("quiz.history.failed"), { exact: true }) })).toHaveCount(1);
    await expect(history.filter({ has: page.getByText(t("quiz.history.passed"), { exact: true }) })).toHaveCount(1);
  });

  test("no response the browser receives holds the answer key, before submission or after a blank attempt", async ({ page }) => {
    const t = tFor("fr");
    const learner = await enrolledLearner("fr");
    await loginAs(page, learner.email);
    const recording = await recordPayloads(page);

    // Attempt 1, sent blank: the finding was that attempt 2's page then carried the answer key.
    await page.goto(lessonUrl);
    await waitForHydration(page);
    await panel(page).getByRole("button", { name: t("quiz.panel.start") }).click();
    await expect(panel(page).getByRole("heading", { name: t("quiz.attempt.heading", { number: 1 }) })).toBeVisible();
    await panel(page).getByRole("button", { name: t("quiz.attempt.submit") }).click();
    await expect(panel(page).getByRole("heading", { name: t("quiz.result.heading", { number: 1 }) })).toBeVisible();
    await page.reload();
    await waitForHydration(page);
    await panel(page).getByRole("button", { name: t("quiz.panel.retry") }).click();
    await expect(panel(page).getByRole("heading", { name: t("quiz.attempt.heading", { number: 2 }) })).toBeVisible();
    await answerEverythingRight(page, "fr");
    await expect(panel(page).getByRole("status").filter({ hasText: t("quiz.attempt.saved") })).toBeVisible();
    await page.reload();
    await page.goto(`/courses/${TRAFFICKING_COURSE}/quizzes/${QUIZ_ID}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const before = await recording.stop();

    // HTML pages (loader data inlined), single-fetch .data responses and the answers endpoint's JSON were all read.
    expect(new Set(before.map((p) => p.kind))).toEqual(new Set(["html", "data", "json", "text"]));
    expect(before.filter((p) => p.kind === "html" && p.values.length).length).toBeGreaterThanOrEqual(3);
    expect(before.filter((p) => p.kind === "data").length).toBeGreaterThanOrEqual(2);
    expect(answerKeyLeaks(before)).toEqual([]);

    // The decoding is what makes the scan see: once attempt 2 is sent, the page's data carries its right-or-wrong
    // verdicts as turbo-stream, where a plain search for "correct":true finds nothing.
    await page.getByRole("button", { name: t("quiz.attempt.submit") }).click();
    await expect(page.getByText(t("quiz.panel.passed", { percent: 100 }))).toBeVisible();
    const data = await page.request.get(`${lessonUrl}.data`);
    const decoded = await decodePayload(data.url(), data.headers()["content-type"] ?? "", await data.text());
    expect(decoded.kind).toBe("data");
    expect(decoded.text).not.toMatch(/"correct"\s*:\s*true/);
    const verdicts = [...entries(decoded.values[0])].filter((e) => e.key === "correct" && e.value === true && "maxScore" in e.parent);
    expect(verdicts.length).toBeGreaterThanOrEqual(allQuestions.length);
    expect(answerKeyLeaks([decoded])).toEqual([]);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the whole quiz works with plain form posts", async ({ page }) => {
    const t = tFor("fr");
    const learner = await enrolledLearner("fr");
    await loginAs(page, learner.email);
    await page.goto(lessonUrl);
    await panel(page).getByRole("button", { name: t("quiz.panel.start") }).click();
    await expect(panel(page).getByRole("heading", { name: t("quiz.attempt.heading", { number: 1 }) })).toBeVisible();
    // Without JavaScript, the redirect's fragment takes the page (and the keyboard's starting point) to the first question.
    await expect(page).toHaveURL(new RegExp(`#q-${quiz.questions[0].id}$`));

    const right = question("three-elements").options!.find((o) => o.correct)!;
    await fieldset(page, "three-elements").getByLabel(right.text.fr).check();
    await fieldset(page, "law-number").getByLabel(t("quiz.attempt.yourAnswer")).fill("loi 27-14");
    // An ordering button posts the form: the answers typed so far are saved with the move.
    const box = fieldset(page, "what-to-do");
    const first = (await box.locator(".quiz-ordering-text > span:last-child").allTextContents())[1];
    await box.getByRole("button", { name: t("quiz.attempt.moveUp", { item: first }) }).click();
    await expect(fieldset(page, "what-to-do").locator(".quiz-ordering-text > span:last-child").first()).toHaveText(first);
    await expect(fieldset(page, "law-number").getByLabel(t("quiz.attempt.yourAnswer"))).toHaveValue("loi 27-14");
    await expect(fieldset(page, "three-elements").getByLabel(right.text.fr)).toBeChecked();

    await panel(page).getByRole("button", { name: t("quiz.attempt.submit") }).click();
    await expect(panel(page).getByRole("heading", { name: t("quiz.result.heading", { number: 1 }) })).toBeVisible();
    await expect(panel(page).getByText(t("quiz.result.failed", { percent: 70 }))).toBeVisible();
  });

  test("a stale second tab sending its empty form keeps the answers saved from the first", async ({ page, context }) => {
    const t = tFor("fr");
    const learner = await enrolledLearner("fr");
    await loginAs(page, learner.email);
    await page.goto(lessonUrl);
    await panel(page).getByRole("button", { name: t("quiz.panel.start") }).click();
    await expect(panel(page).getByRole("heading", { name: t("quiz.attempt.heading", { number: 1 }) })).toBeVisible();
    const stale = await context.newPage();
    await stale.goto(lessonUrl);
    await expect(panel(stale).getByRole("heading", { name: t("quiz.attempt.heading", { number: 1 }) })).toBeVisible();

    const right = question("three-elements").options!.find((o) => o.correct)!;
    await fieldset(page, "three-elements").getByLabel(right.text.fr).check();
    await fieldset(page, "law-number").getByLabel(t("quiz.attempt.yourAnswer")).fill("loi 27-14");
    await panel(page).getByRole("button", { name: t("quiz.attempt.save") }).click();
    await expect(fieldset(page, "law-number").getByLabel(t("quiz.attempt.yourAnswer"))).toHaveValue("loi 27-14");

    // The second tab never saw those answers; sending it must not erase them.
    await panel(stale).getByRole("button", { name: t("quiz.attempt.submit") }).click();
    await expect(panel(stale).getByRole("heading", { name: t("quiz.result.heading", { number: 1 }) })).toBeVisible();
    const review = panel(stale).getByRole("region", { name: t("quiz.result.review") });
    await expect(review.locator(".quiz-verdict-correct")).toHaveCount(2);
  });
});

test.describe("in Arabic on a phone", () => {
  test("right to left, accessible, no sideways scrolling, during and after the attempt", async ({ page }) => {
    const t = tFor("ar");
    const learner = await enrolledLearner("ar");
    await loginAs(page, learner.email);
    await page.setViewportSize(PHONE);
    await page.goto(lessonUrl);
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await panel(page).getByRole("button", { name: t("quiz.panel.start") }).click();
    await expect(panel(page).getByRole("heading", { name: t("quiz.attempt.heading", { number: 1 }) })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await expectNoHorizontalScroll(page);

    await answerEverythingRight(page, "ar");
    await panel(page).getByRole("button", { name: t("quiz.attempt.submit") }).click();
    await expect(panel(page).getByText(t("quiz.panel.passed", { percent: 100 }))).toBeVisible();
    await expect(panel(page).getByRole("region", { name: t("quiz.result.review") }).locator(".quiz-verdict-correct").first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await expectNoHorizontalScroll(page);
  });
});

test.describe("question statistics", () => {
  /** Sends one attempt for `email` with plain form posts, as the page does without JavaScript. */
  async function sendAttempt(playwright: PlaywrightWorkerArgs["playwright"], email: string, fields: Record<string, string>) {
    const api = await playwright.request.newContext({
      baseURL: e2eBaseUrl(),
      extraHTTPHeaders: { cookie: `tadrib_session=${createSessionFor(email)}` },
    });
    const url = `/courses/${TRAFFICKING_COURSE}/quizzes/${QUIZ_ID}`;
    expect((await api.post(url, { form: { intent: "start" }, maxRedirects: 0 })).status()).toBe(302);
    const userId = findUser(email)!.id;
    const attemptId = withDb((db) => (db.prepare(`SELECT id FROM "QuizAttempt" WHERE userId = ? AND status = 'in_progress'`).get(userId) as { id: string }).id);
    expect((await api.post(url, { form: { intent: "submit", attemptId, ...fields }, maxRedirects: 0 })).status()).toBe(302);
    await api.dispose();
  }

  type Row = { asked: number; correct: number; rate: string; wrong: string; caseLabel: string };

  /** The statistics table as the admin reads it, by question prompt. */
  async function readTable(page: Page): Promise<Map<string, Row>> {
    const t = tFor("fr");
    const rows = page.getByRole("table", { name: t("quiz.statistics.caption") }).locator("tbody tr");
    const out = new Map<string, Row>();
    for (const row of await rows.all()) {
      const prompt = (await row.locator("th span").first().textContent())!.trim();
      const cells = (await row.locator("td").allTextContents()).map((c) => c.trim());
      const caseLabel = (await row.locator(".quiz-stat-case").allTextContents()).join("").trim();
      out.set(prompt, { asked: Number(cells[0]), correct: Number(cells[1]), rate: cells[2], wrong: cells[3], caseLabel });
    }
    return out;
  }

  test("admins see how each question went: the numbers, case titles and wrong answers as typed", async ({ page, playwright }) => {
    const t = tFor("fr");
    await loginAs(page, DEMO.admin);
    await page.goto(statisticsUrl);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(t("quiz.statistics.title", { title: "" }).trim());
    const before = await readTable(page);
    expect(before.size).toBe(allQuestions.length);

    // One learner gets the four simple questions right; three get them wrong, typing the same wrong law number two ways.
    const right = question("three-elements").options!.find((o) => o.correct)!.id;
    await sendAttempt(playwright, (await enrolledLearner()).email, {
      "q.three-elements": right,
      "q.consent": "false",
      "q.law-number": "loi 27-14",
      "q.child-age": "18",
    });
    for (const typed of ["12-34", "12-34", "12 34"]) {
      await sendAttempt(playwright, (await enrolledLearner()).email, {
        "q.three-elements": "border-payment-documents",
        "q.consent": "true",
        "q.law-number": typed,
        "q.child-age": "21",
      });
    }

    await page.reload();
    const after = await readTable(page);
    const delta = (id: string) => {
      const prompt = question(id).prompt!.fr;
      const [b, a] = [before.get(prompt)!, after.get(prompt)!];
      return { asked: a.asked - b.asked, correct: a.correct - b.correct, wrong: a.wrong };
    };
    for (const id of ["three-elements", "consent", "law-number", "child-age"]) {
      expect([id, delta(id).asked, delta(id).correct]).toEqual([id, 4, 1]);
    }
    for (const id of ["indicators", "amina-indicators", "amina-first-step"]) {
      expect([id, delta(id).asked, delta(id).correct]).toEqual([id, 4, 0]);
    }
    // The most frequent wrong answer is shown as learners typed it, counted with its spelling variants.
    expect(delta("law-number").wrong).toMatch(/^12-34 \((\d+) fois\)$/);
    expect(delta("child-age").wrong).toMatch(/^21 \(\d+ fois\)$/);
    const wrongOption = question("three-elements").options!.find((o) => o.id === "border-payment-documents")!;
    expect(delta("three-elements").wrong).toContain(wrongOption.text.fr);
    // Case studies are named by their title, not by their id.
    const amina = quiz.questions.find((q) => q.type === "case")!;
    expect(after.get(question("amina-first-step").prompt!.fr)!.caseLabel).toBe(t("quiz.statistics.inCase", { title: amina.title!.fr }));
    expect([...after.values()].some((r) => r.caseLabel.includes(`« ${amina.id} »`))).toBe(false);

    await expectNoSeriousA11yViolations(page);
    // At 360 px the table scrolls in its box; no header or cell is broken in the middle of a word.
    await page.setViewportSize(PHONE);
    await expectNoHorizontalScroll(page);
    const brokenWords = await page.evaluate(() => {
      const broken: string[] = [];
      for (const cell of Array.from(document.querySelectorAll("table th, table td"))) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? "";
          // A line may break after a hyphen ("faites-|vous"); inside a run of letters it may not.
          for (const match of text.matchAll(/[^\s\-\u2010]+/g)) {
            const range = document.createRange();
            range.setStart(node, match.index!);
            range.setEnd(node, match.index! + match[0].length);
            const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
            if (lines.size > 1) broken.push(match[0]);
          }
        }
      }
      return broken;
    });
    expect(brokenWords).toEqual([]);
  });

  test.describe("learners", () => {
    test.use({ allowedConsoleErrors: [/status of 403/] });

    test("are refused", async ({ page }) => {
      const learner = await enrolledLearner("fr");
      await loginAs(page, learner.email);
      const response = await page.goto(statisticsUrl);
      expect(response?.status()).toBe(403);
    });
  });
});
