import { translate, type TParams } from "~/i18n/translate";
import type { QuestionResult } from "~/learning/quiz/grading.server";
import { currentOrder, gradableQuestions, moveItem } from "~/learning/quiz/form-answers";
import type { AnswerValue } from "~/learning/quiz/types";
import {
  attemptsLeft,
  gradeForm,
  gradeSaved,
  outcome,
  readSuspendData,
  recordAttempt,
  statusToWrite,
  writeSuspendData,
  type PackageConfig,
  type PackageQuiz,
  type PackageState,
} from "./package-quiz";

/**
 * runtime.js of an exported package, bundled by runtime-bundle.server.ts. It
 * finds the SCORM 1.2 API with the ADL discovery algorithm (its own window
 * first, where an LMS may inject it, then the window.parent chain, then
 * opener; a frame of another origin stops the walk instead of breaking it),
 * restores the lessons read, the quizzes sent and the place, grades quizzes
 * in the browser and reports lesson_status and score (package-quiz.ts says
 * how). Without an API everything still works, nothing is recorded.
 */

type Scorm12 = {
  LMSInitialize(arg: ""): unknown;
  LMSFinish(arg: ""): unknown;
  LMSGetValue(name: string): unknown;
  LMSSetValue(name: string, value: string): unknown;
  LMSCommit(arg: ""): unknown;
};

function apiIn(win: Window): Scorm12 | null {
  try {
    const api = (win as unknown as { API?: Scorm12 }).API;
    return api && typeof api.LMSInitialize === "function" ? api : null;
  } catch {
    return null; // another origin
  }
}

function findAPI(start: Window | null): Scorm12 | null {
  let win = start;
  for (let tries = 0; win && tries < 500; tries++) {
    const api = apiIn(win);
    if (api) return api;
    let parent: Window | null = null;
    try {
      parent = win.parent && win.parent !== win ? win.parent : null;
    } catch {
      parent = null;
    }
    win = parent;
  }
  return null;
}

function discover(): Scorm12 | null {
  let api = findAPI(window);
  if (!api) {
    try {
      api = window.opener ? findAPI(window.opener as Window) : null;
    } catch {
      api = null;
    }
  }
  return api;
}

const config = JSON.parse(document.getElementById("tadrib-package")!.textContent ?? "{}") as PackageConfig;
const t = (key: string, params?: TParams) => translate(config.messages, config.lang, key, params);
const api = discover();
const live = Boolean(api) && String(api!.LMSInitialize("")) === "true";
const get = (name: string) => (live ? String(api!.LMSGetValue(name) ?? "") : "");
const set = (name: string, value: string) => {
  if (live) api!.LMSSetValue(name, value);
};
if (!live) {
  const note = document.getElementById("no-tracking");
  if (note) note.hidden = false;
}

let state: PackageState = readSuspendData(get("cmi.suspend_data"), config);

function save() {
  if (!live) return;
  set("cmi.suspend_data", writeSuspendData(state));
  const result = outcome(config, state);
  if (result.score !== null) {
    set("cmi.core.score.min", "0");
    set("cmi.core.score.max", "100");
    set("cmi.core.score.raw", String(result.score));
  }
  const status = statusToWrite(get("cmi.core.lesson_status"), result.status);
  if (status) set("cmi.core.lesson_status", status);
  api!.LMSCommit("");
}

// Lessons: one section shown at a time, the hash says which.
const sections = Array.from(document.querySelectorAll<HTMLElement>("section.lesson"));
function show(id: string) {
  const known = config.lessons.includes(id) ? id : config.lessons[0];
  for (const s of sections) s.hidden = s.id !== `lesson-${known}`;
  if (!state.read.includes(known)) state = { ...state, read: [...state.read, known] };
  set("cmi.core.lesson_location", known);
  save();
}
const fromHash = () => {
  const id = location.hash.replace(/^#lesson-/, "");
  return config.lessons.includes(id) ? id : null;
};

// Quizzes.
function markQuestion(fieldset: HTMLElement, result: QuestionResult) {
  const mark = fieldset.querySelector<HTMLElement>(":scope > .quiz-mark");
  if (!mark) return;
  const word = result.correct ? "correct" : result.score > 0 ? "partial" : "incorrect";
  mark.textContent = `${t(`quiz.result.${word}`)} · ${t("quiz.result.questionScore", { score: result.score, max: result.maxScore })}`;
  mark.className = `quiz-mark quiz-mark-${word}`;
  mark.hidden = false;
  fieldset.dataset.result = word;
}

function clearMarks(form: HTMLFormElement) {
  for (const mark of Array.from(form.querySelectorAll<HTMLElement>(".quiz-mark"))) mark.hidden = true;
  for (const fs of Array.from(form.querySelectorAll<HTMLFieldSetElement>("fieldset"))) {
    delete fs.dataset.result;
    fs.disabled = false;
  }
  form.querySelector<HTMLElement>(".quiz-result")!.textContent = "";
}

function fill(form: HTMLFormElement, pq: PackageQuiz, answers: Record<string, AnswerValue>) {
  for (const question of gradableQuestions(pq.view)) {
    const value = answers[question.id];
    const name = `q.${question.id}`;
    const inputs = Array.from(form.querySelectorAll<HTMLInputElement>("input")).filter((i) => i.name === name);
    if (question.type === "ordering") {
      if (!Array.isArray(value)) continue;
      const list = form.querySelector<HTMLElement>(`#pq-${pq.view.id}-${question.id} .quiz-ordering`);
      for (const token of currentOrder(question, value)) {
        const li = Array.from(list?.children ?? []).find((el) => (el as HTMLElement).dataset.token === token);
        if (li) list!.appendChild(li);
      }
      for (const input of Array.from(list?.querySelectorAll("input") ?? [])) input.disabled = false;
    } else if (question.type === "matching") {
      const pairs = value && typeof value === "object" && !Array.isArray(value) ? value : {};
      for (const left of question.left) {
        const select = Array.from(form.querySelectorAll("select")).find((s) => s.name === `q.${question.id}.${left.id}`);
        if (select) select.value = pairs[left.id] ?? "";
      }
    } else if (question.type === "short-text" || question.type === "numeric") {
      if (inputs[0]) inputs[0].value = typeof value === "string" ? value : "";
    } else {
      const chosen = Array.isArray(value) ? value : [String(value)];
      for (const input of inputs) input.checked = chosen.includes(input.value);
    }
  }
}

function showResult(form: HTMLFormElement, pq: PackageQuiz, answers: Record<string, AnswerValue>) {
  const result = gradeSaved(pq, answers, config.lang);
  const fieldsets = (id: string) => form.querySelector<HTMLElement>(`#pq-${pq.view.id}-${id}`);
  for (const q of result.questions) {
    if (q.parts.length) for (const part of q.parts) markQuestion(fieldsets(part.questionId)!, part);
    else if (fieldsets(q.questionId)) markQuestion(fieldsets(q.questionId)!, q);
  }
  for (const fs of Array.from(form.querySelectorAll<HTMLFieldSetElement>("fieldset"))) fs.disabled = true;
  const record = state.quizzes[pq.view.id];
  const left = attemptsLeft(pq, record);
  const lines = [
    t("quiz.result.score", { score: result.score, count: result.maxScore, percent: result.percent }),
    result.passed ? t("quiz.result.passed") : t("quiz.result.failed", { percent: pq.quiz.settings.passingScore }),
  ];
  if (record && record.b > result.percent) lines.push(t("scorm.export.bestScore", { percent: record.b }));
  if (left === 0) lines.push(t("quiz.panel.limitReached"));
  form.querySelector<HTMLElement>(".quiz-result")!.textContent = lines.join(" ");
  form.querySelector<HTMLButtonElement>(".quiz-submit")!.hidden = true;
  form.querySelector<HTMLButtonElement>(".quiz-retry")!.hidden = left === 0;
}

function wireQuiz(form: HTMLFormElement) {
  const id = form.dataset.quiz ?? "";
  if (!Object.prototype.hasOwnProperty.call(config.quizzes, id)) return;
  const pq = config.quizzes[id];
  const announce = form.parentElement?.querySelector<HTMLElement>("[data-announce]");
  form.addEventListener("click", (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>("button[data-move]");
    if (!button) return;
    const li = button.closest("li")!;
    const list = li.parentElement!;
    const items = Array.from(list.children) as HTMLElement[];
    const order = items.map((el) => el.dataset.token ?? "");
    const index = items.indexOf(li);
    const next = moveItem(order, index, button.dataset.move === "up" ? "up" : "down");
    for (const token of next) list.appendChild(items[order.indexOf(token)]);
    for (const input of Array.from(list.querySelectorAll("input"))) input.disabled = false;
    button.focus();
    if (announce) {
      const text = li.querySelector(".quiz-item-text")?.textContent ?? "";
      announce.textContent = t("quiz.attempt.moved", { item: text, position: next.indexOf(li.dataset.token ?? "") + 1, total: next.length });
    }
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (attemptsLeft(pq, state.quizzes[id]) === 0) return;
    const { result, answers } = gradeForm(pq, new FormData(form), config.lang);
    state = recordAttempt(state, id, result, answers);
    showResult(form, pq, answers);
    save();
    form.querySelector<HTMLElement>(".quiz-result")?.focus();
  });
  form.querySelector(".quiz-retry")?.addEventListener("click", () => {
    clearMarks(form);
    form.querySelector<HTMLButtonElement>(".quiz-submit")!.hidden = false;
    form.querySelector<HTMLButtonElement>(".quiz-retry")!.hidden = true;
    form.querySelector<HTMLElement>("input, select, button[data-move]")?.focus();
  });
  const record = state.quizzes[id];
  if (record) {
    fill(form, pq, record.a);
    showResult(form, pq, record.a);
  }
}

for (const form of Array.from(document.querySelectorAll<HTMLFormElement>("form.quiz-form"))) {
  form.querySelector<HTMLElement>(".quiz-result")!.tabIndex = -1;
  wireQuiz(form);
}

window.addEventListener("hashchange", () => {
  const id = fromHash();
  if (id) show(id);
});
show(fromHash() ?? (config.lessons.includes(get("cmi.core.lesson_location")) ? get("cmi.core.lesson_location") : config.lessons[0]));

let finished = false;
function finish() {
  if (!live || finished) return;
  finished = true;
  save();
  api!.LMSFinish("");
}
window.addEventListener("pagehide", finish);
window.addEventListener("beforeunload", finish);
