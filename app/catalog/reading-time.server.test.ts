import { describe, expect, test } from "vitest";
import { countWords, lessonMinutes, textOfHtml, WORDS_PER_MINUTE } from "./reading-time.server";
import type { Segment } from "./types";

const html = (text: string): Segment => ({ type: "html", html: text });
const noQuiz = async () => 0;

describe("counting a lesson's words", () => {
  test("Arabic words are counted by spaces, attached conjunctions and articles included; punctuation is not a word", () => {
    // وبالنسبة (and-for) and للطفل (for-the-child) are one word each.
    expect(countWords("وبالنسبة للطفل، يكفي الفعل والغرض.", "ar")).toBe(5);
    expect(countWords("الاتجار بالبشر: ما هو؟ — تعريف ١٢٣", "ar")).toBe(6);
  });

  test("French elisions are one word, numbers count, symbols do not", () => {
    // "27-14" is two numbers; « » : ! are nothing.
    expect(countWords("L'exploitation n'a pas besoin d'avoir eu lieu : 27-14, « traite » !", "fr")).toBe(10);
  });

  test("markup, attributes and alt text are not counted; entities are read as the characters they stand for", () => {
    const markup =
      '<figure class="media media-image"><img src="/media/x.svg" alt="Many many words that nobody reads on the page" width="520" height="560"/>' +
      "<figcaption>Two words</figcaption></figure><p>One <em>em</em>phasised&nbsp;word &amp; <strong>another</strong></p>";
    expect(textOfHtml(markup)).not.toContain("nobody");
    expect(countWords(textOfHtml(markup), "en")).toBe(6);
    // Inline tags inside a word do not split it; block tags separate words.
    expect(countWords(textOfHtml("<p>end</p><p>start</p><p>wh<em>ole</em></p>"), "en")).toBe(3);
  });
});

describe("a lesson's minutes", () => {
  test("words at the language's speed, rounded up, at least one minute", async () => {
    const words = (n: number, w = "mot") => html(`<p>${Array.from({ length: n }, () => w).join(" ")}</p>`);
    expect(await lessonMinutes({ segments: [words(180)], lang: "fr", quizQuestions: noQuiz })).toBe(1);
    expect(await lessonMinutes({ segments: [words(181)], lang: "fr", quizQuestions: noQuiz })).toBe(2);
    expect(await lessonMinutes({ segments: [words(400, "word")], lang: "en", quizQuestions: noQuiz })).toBe(2);
    // Arabic is read more slowly per word: the same count takes longer.
    expect(await lessonMinutes({ segments: [words(240, "كلمة")], lang: "ar", quizQuestions: noQuiz })).toBe(240 / WORDS_PER_MINUTE.ar);
    expect(await lessonMinutes({ segments: [], lang: "en", quizQuestions: noQuiz })).toBe(1);
  });

  test("one minute per question of the quiz the lesson names, twenty per assignment", async () => {
    const asked: string[] = [];
    const segments: Segment[] = [
      html(`<p>${"word ".repeat(200)}</p>`),
      { type: "island", kind: "quiz", props: { id: "check" } },
      { type: "island", kind: "assignment", props: { id: "case-note" } },
    ];
    const minutes = await lessonMinutes({
      segments,
      lang: "en",
      quizQuestions: async (id) => {
        asked.push(id);
        return 8;
      },
    });
    expect(asked).toEqual(["check"]);
    expect(minutes).toBe(1 + 8 + 20);
  });
});
