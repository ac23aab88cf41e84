/**
 * What a simulated learner of `npm run bench:load` answers: the right answer
 * to each question the quiz page shows, as the quiz island would send it to
 * the answers endpoint, read from the quiz file and the page's own HTML (the
 * page names matching choices by tokens, which only their labels explain).
 * Ordering questions are left unanswered: their tokens are not in the HTML
 * until an item is moved, and the pass mark does not need them.
 */
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";

type Localized = Record<string, string>;
type QuizQuestion = {
  id: string;
  type: string;
  options?: { id: string; correct?: boolean }[];
  pairs?: { id: string; right: Localized }[];
  accepted?: Record<string, string[]>;
  answer?: number | boolean;
  questions?: QuizQuestion[];
};

export function readQuizQuestions(root: string, slug: string, quizId: string): QuizQuestion[] {
  const file = parse(fs.readFileSync(path.join(root, "courses", slug, "quizzes", `${quizId}.yml`), "utf8")) as { questions: QuizQuestion[] };
  return file.questions.flatMap((q) => (q.type === "case" ? (q.questions ?? []) : [q]));
}

const unescape = (html: string) =>
  html.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The in-progress attempt's id on a quiz page, or null. */
export function attemptIdIn(html: string): string | null {
  return /<input type="hidden" name="attemptId" value="([^"]+)"/.exec(html)?.[1] ?? null;
}

export function rightAnswers(questions: QuizQuestion[], html: string, locale: string): { questionId: string; value: unknown }[] {
  const answers: { questionId: string; value: unknown }[] = [];
  for (const q of questions) {
    if (!html.includes(`id="q-${q.id}"`)) continue; // not drawn in this attempt
    const correct = (q.options ?? []).filter((o) => o.correct).map((o) => o.id);
    let value: unknown;
    if (q.type === "single") value = correct[0];
    else if (q.type === "multiple") value = correct;
    else if (q.type === "true-false") value = Boolean(q.answer);
    else if (q.type === "short-text") value = q.accepted?.[locale]?.[0];
    else if (q.type === "numeric") value = String(q.answer);
    else if (q.type === "matching") {
      const pairs: Record<string, string> = {};
      for (const pair of q.pairs ?? []) {
        const select = new RegExp(`<select[^>]*name="q\\.${escapeRe(q.id)}\\.${escapeRe(pair.id)}"[^>]*>(.*?)</select>`).exec(html)?.[1] ?? "";
        for (const [, token, label] of select.matchAll(/<option value="([^"]+)"[^>]*>([^<]*)<\/option>/g)) {
          if (unescape(label) === pair.right[locale]) pairs[pair.id] = token;
        }
      }
      value = pairs;
    }
    if (value !== undefined) answers.push({ questionId: q.id, value });
  }
  return answers;
}
