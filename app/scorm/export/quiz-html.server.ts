import type { Locale } from "~/i18n/locales";
import type { TParams } from "~/i18n/translate";
import type { Quiz } from "~/learning/quiz/definition.server";
import { drawQuiz } from "~/learning/quiz/draw.server";
import { fieldName } from "~/learning/quiz/form-answers";
import { publicQuizView } from "~/learning/quiz/public-view.server";
import type { PublicGradableQuestion, PublicQuizView } from "~/learning/quiz/types";
import type { PackageQuiz } from "./package-quiz";

/**
 * A quiz of an exported package as static HTML: the same fields and names as
 * Tadrib's quiz form (quiz-attempt-form.tsx, form-answers.ts), so the
 * package's runtime reads them with Tadrib's answersFromForm. The HTML holds
 * only the public view (texts, option ids, per-layout tokens); the answer
 * key travels in the package config for runtime.js.
 */
export const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

type T = (key: string, params?: TParams) => string;

/**
 * The layout is drawn once, at export, from a seed naming the course and the
 * quiz: every learner of the package gets the same questions in the same
 * order (a pool draws the same subset), and the same export gives the same bytes.
 * `passingScore` is raised to the completion rule's minScore when that is higher.
 */
export function packageQuiz(quiz: Quiz, slug: string, lang: Locale, minScore: number | undefined): PackageQuiz {
  const settings = { ...quiz.settings, passingScore: Math.max(quiz.settings.passingScore, minScore ?? 0) };
  const packaged: Quiz = { ...quiz, settings };
  const drawn = drawQuiz(packaged, `scorm-export:${slug}:${quiz.id}`);
  return { quiz: packaged, drawn, view: publicQuizView(packaged, drawn, lang) };
}

function questionFields(quizId: string, question: PublicGradableQuestion, number: string, t: T): string {
  const base = `pq-${quizId}-${question.id}`;
  const name = escapeHtml(fieldName(question.id));
  let hint: string | null = null;
  let body: string;
  switch (question.type) {
    case "single":
    case "multiple": {
      if (question.type === "multiple") hint = t("quiz.attempt.multipleHint");
      const type = question.type === "multiple" ? "checkbox" : "radio";
      body = `<ul class="quiz-options">${question.options
        .map(
          (o) =>
            `<li><input type="${type}" id="${base}-${escapeHtml(o.id)}" name="${name}" value="${escapeHtml(o.id)}"> <label for="${base}-${escapeHtml(o.id)}">${escapeHtml(o.text)}</label></li>`,
        )
        .join("")}</ul>`;
      break;
    }
    case "true-false":
      body = `<ul class="quiz-options">${(["true", "false"] as const)
        .map((v) => `<li><input type="radio" id="${base}-${v}" name="${name}" value="${v}"> <label for="${base}-${v}">${escapeHtml(t(`quiz.attempt.${v}`))}</label></li>`)
        .join("")}</ul>`;
      break;
    case "matching":
      hint = t("quiz.attempt.matchHint");
      body = question.left
        .map((left) => {
          const id = `${base}-${escapeHtml(left.id)}`;
          const options = question.right.map((r) => `<option value="${escapeHtml(r.id)}">${escapeHtml(r.text)}</option>`).join("");
          return `<div class="quiz-match"><label for="${id}">${escapeHtml(left.text)}</label> <select id="${id}" name="${escapeHtml(fieldName(question.id, left.id))}"><option value="">${escapeHtml(t("quiz.attempt.matchPlaceholder"))}</option>${options}</select></div>`;
        })
        .join("");
      break;
    case "ordering":
      hint = t("quiz.attempt.orderingHint");
      // The hidden inputs are enabled once the learner moves an item: an untouched order is no answer, as on the platform.
      body = `<ol class="quiz-ordering">${question.items
        .map(
          (item) =>
            `<li data-token="${escapeHtml(item.id)}"><span class="quiz-item-text">${escapeHtml(item.text)}</span> <span class="quiz-moves"><button type="button" data-move="up" aria-label="${escapeHtml(t("quiz.attempt.moveUp", { item: item.text }))}">↑</button> <button type="button" data-move="down" aria-label="${escapeHtml(t("quiz.attempt.moveDown", { item: item.text }))}">↓</button></span><input type="hidden" name="${name}" value="${escapeHtml(item.id)}" disabled></li>`,
        )
        .join("")}</ol>`;
      break;
    case "short-text":
    case "numeric": {
      const numeric = question.type === "numeric";
      if (numeric) hint = [t("quiz.attempt.numericHint"), question.unit ? t("quiz.attempt.unit", { unit: question.unit }) : ""].join(" ").trim();
      body = `<label for="${base}-input">${escapeHtml(t("quiz.attempt.yourAnswer"))}</label> <input type="text" id="${base}-input" name="${name}" dir="auto" autocomplete="off" maxlength="${numeric ? 50 : 500}"${numeric ? ' inputmode="decimal"' : ""}${hint ? ` aria-describedby="${base}-hint"` : ""}>`;
      break;
    }
  }
  return `<fieldset class="quiz-question" id="${base}" data-question="${escapeHtml(question.id)}">
<legend><span class="quiz-number">${escapeHtml(t("quiz.attempt.question", { number }))}</span> ${escapeHtml(question.prompt)} <span class="quiz-points">(${escapeHtml(t("quiz.attempt.points", { count: question.points }))})</span></legend>
${hint ? `<p class="quiz-hint" id="${base}-hint">${escapeHtml(hint)}</p>` : ""}${body}
<p class="quiz-mark" hidden></p>
</fieldset>`;
}

export function quizHtml(view: PublicQuizView, t: T): string {
  const id = escapeHtml(view.id);
  let number = 0;
  const questions = view.questions.map((question) => {
    const label = String(++number);
    if (question.type !== "case") return questionFields(view.id, question, label, t);
    return `<section class="quiz-case" aria-labelledby="pq-${id}-${escapeHtml(question.id)}-title">
<h4 id="pq-${id}-${escapeHtml(question.id)}-title">${escapeHtml(t("quiz.attempt.question", { number: label }))} · ${escapeHtml(t("quiz.attempt.caseStudy"))}${question.title ? ` · ${escapeHtml(question.title)}` : ""}</h4>
<p>${escapeHtml(question.scenario)}</p>${question.prompt ? `<p>${escapeHtml(question.prompt)}</p>` : ""}
${question.questions.map((sub, i) => questionFields(view.id, sub, `${label}.${i + 1}`, t)).join("\n")}
</section>`;
  });
  const attempts =
    view.settings.attemptsAllowed === "unlimited" ? t("quiz.panel.attemptsUnlimited") : t("quiz.panel.attemptsAllowed", { count: view.settings.attemptsAllowed });
  return `<section class="quiz" id="quiz-${id}" aria-labelledby="quiz-${id}-title">
<h3 id="quiz-${id}-title">${escapeHtml(view.title)}</h3>
${view.intro ? `<p>${escapeHtml(view.intro)}</p>` : ""}<p class="quiz-rules">${escapeHtml(t("quiz.panel.passingScore"))}: ${escapeHtml(t("quiz.panel.passingScoreValue", { percent: view.settings.passingScore }))} · ${escapeHtml(t("quiz.panel.attempts"))}: ${escapeHtml(attempts)}</p>
<form class="quiz-form" data-quiz="${id}" novalidate>
${questions.join("\n")}
<p class="quiz-result" role="status"></p>
<p class="quiz-actions"><button type="submit" class="quiz-submit">${escapeHtml(t("quiz.attempt.submit"))}</button> <button type="button" class="quiz-retry" hidden>${escapeHtml(t("quiz.panel.retry"))}</button></p>
</form>
<p class="visually-hidden" aria-live="polite" data-announce></p>
</section>`;
}
