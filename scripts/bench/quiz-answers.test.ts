import { expect, test } from "vitest";
import { attemptIdIn, rightAnswers } from "./quiz-answers";

// Fragments of a real quiz page (shuffled options; matching choices under tokens).
const HTML = `<input type="hidden" name="attemptId" value="cmx6a0r5t0000d47du72q0su3"/>
<fieldset class="quiz-question" id="q-pick"><input type="radio" name="q.pick" value="b"/><input type="radio" name="q.pick" value="a"/></fieldset>
<fieldset class="quiz-question" id="q-match"><select id="q-match-x" name="q.match.x"><option value="" selected="">— Choisir —</option><option value="c1">Ni l&#x27;un ni l&#x27;autre</option><option value="c2">Traite des personnes</option></select>
<select id="q-match-y" name="q.match.y"><option value="" selected="">— Choisir —</option><option value="c1">Ni l&#x27;un ni l&#x27;autre</option><option value="c2">Traite des personnes</option></select></fieldset>
<fieldset class="quiz-question" id="q-part-one"></fieldset>`;

const QUESTIONS = [
  { id: "pick", type: "single", options: [{ id: "a", correct: true }, { id: "b" }] },
  { id: "match", type: "matching", pairs: [{ id: "x", right: { fr: "Traite des personnes" } }, { id: "y", right: { fr: "Ni l'un ni l'autre" } }] },
  { id: "part-one", type: "true-false", answer: false },
  { id: "not-drawn", type: "numeric", answer: 3 },
];

test("the attempt id and the right answers, as the island sends them, for the questions on the page", () => {
  expect(attemptIdIn(HTML)).toBe("cmx6a0r5t0000d47du72q0su3");
  expect(attemptIdIn("<p>no attempt</p>")).toBeNull();
  expect(rightAnswers(QUESTIONS, HTML, "fr")).toEqual([
    { questionId: "pick", value: "a" },
    { questionId: "match", value: { x: "c2", y: "c1" } },
    { questionId: "part-one", value: false },
  ]);
});
