import { describe, expect, it } from "vitest";
import { drawQuiz } from "./draw.server";
import { loadFixture } from "./fixtures/load-fixture";
import { answersFromForm, applyMove, currentOrder, fieldName, moveItem, sameAnswer } from "./form-answers";
import { publicQuizView } from "./public-view.server";

const quiz = loadFixture();
const view = publicQuizView(quiz, drawQuiz(quiz, "form"), "fr");
const ordering = view.questions.find((q) => q.id === "referral-steps");
if (ordering?.type !== "ordering") throw new Error("fixture changed");

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

describe("answersFromForm", () => {
  it("reads every question type from the quiz form's fields", () => {
    const answers = answersFromForm(
      form([
        [fieldName("palermo-elements"), "act-means-purpose"],
        [fieldName("indicators"), "passport-kept"],
        [fieldName("indicators"), "debt-bondage"],
        [fieldName("consent-irrelevant"), "false"],
        [fieldName("match-roles", "prosecutor"), "c2"],
        [fieldName("match-roles", "social-worker"), ""],
        [fieldName("referral-steps"), "c3"],
        [fieldName("referral-steps"), "c1"],
        [fieldName("law-name"), "loi 27-14"],
        [fieldName("victims-count"), ""],
        [fieldName("farm-first-step"), "safety"],
        [fieldName("not-asked"), "x"],
      ]),
      view,
    );
    expect(answers).toEqual({
      "palermo-elements": "act-means-purpose",
      indicators: ["passport-kept", "debt-bondage"],
      "consent-irrelevant": false,
      "match-roles": { prosecutor: "c2" },
      "referral-steps": ["c3", "c1"],
      "law-name": "loi 27-14",
      "victims-count": null,
      "farm-indicators": null,
      "farm-first-step": "safety",
    });
  });

  it("gives null for every question of an empty form, so clearing a field clears the answer", () => {
    const answers = answersFromForm(new FormData(), view);
    expect(Object.values(answers).every((v) => v === null)).toBe(true);
    expect(Object.keys(answers)).toHaveLength(9);
  });
});

describe("ordering moves", () => {
  const shown = ordering.items.map((i) => i.id);

  it("starts from the order shown and ignores unknown or repeated tokens in a saved order", () => {
    expect(currentOrder(ordering, undefined)).toEqual(shown);
    expect(currentOrder(ordering, ["c4", "c4", "zz", "c1"])).toEqual(["c4", "c1", "c2", "c3"]);
  });

  it("moves one item up or down, and not past the ends", () => {
    expect(moveItem(["a", "b", "c"], 1, "up")).toEqual(["b", "a", "c"]);
    expect(moveItem(["a", "b", "c"], 1, "down")).toEqual(["a", "c", "b"]);
    expect(moveItem(["a", "b", "c"], 0, "up")).toEqual(["a", "b", "c"]);
    expect(moveItem(["a", "b", "c"], 2, "down")).toEqual(["a", "b", "c"]);
    expect(moveItem(["a", "b", "c"], 7, "up")).toEqual(["a", "b", "c"]);
  });

  it("applies a button pressed without JavaScript to the posted answers", () => {
    const moved = applyMove({ "referral-steps": null }, view, "referral-steps:1:up");
    expect(moved["referral-steps"]).toEqual([shown[1], shown[0], shown[2], shown[3]]);
    expect(applyMove({}, view, "law-name:1:up")).toEqual({});
    expect(applyMove({}, view, "referral-steps:1:sideways")).toEqual({});
  });
});

describe("sameAnswer", () => {
  it("compares answers whatever the key order", () => {
    expect(sameAnswer({ a: "c1", b: "c2" }, { b: "c2", a: "c1" })).toBe(true);
    expect(sameAnswer(["x", "y"], ["y", "x"])).toBe(false);
    expect(sameAnswer(undefined, null)).toBe(true);
    expect(sameAnswer(true, "true")).toBe(false);
  });
});
