import { describe, expect, it } from "vitest";
import { drawQuiz, idForToken, layoutQuestions, selectQuestionIds } from "./draw.server";
import { loadFixture } from "./fixtures/load-fixture";
import { seededRng, shuffle } from "./random";

const seeds = Array.from({ length: 40 }, (_, i) => `seed-${i}`);

describe("seeded randomness", () => {
  it("gives the same sequence for the same seed and another for another seed", () => {
    const a = seededRng("attempt-1");
    const b = seededRng("attempt-1");
    const c = seededRng("attempt-2");
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(first);
    for (const x of first) expect(x >= 0 && x < 1).toBe(true);
  });

  it("shuffles a copy into a permutation, evenly enough", () => {
    const items = ["a", "b", "c"];
    const firsts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const out = shuffle(items, seededRng(`s${i}`));
      expect([...out].sort()).toEqual(items);
      firsts.set(out[0], (firsts.get(out[0]) ?? 0) + 1);
    }
    expect(items).toEqual(["a", "b", "c"]);
    for (const item of items) expect(firsts.get(item)).toBeGreaterThan(850);
  });
});

describe("drawQuiz", () => {
  const quiz = loadFixture();

  it("draws the same questions in the same order, with the same option orders, for the same seed", () => {
    expect(drawQuiz(quiz, "fixed")).toEqual(drawQuiz(quiz, "fixed"));
    const orders = new Set(seeds.map((s) => JSON.stringify(drawQuiz(quiz, s))));
    expect(orders.size).toBeGreaterThan(30);
  });

  it("rebuilds an attempt's layout from its stored ids and seed", () => {
    const drawn = drawQuiz(quiz, "stored");
    expect(layoutQuestions(quiz, drawn.map((d) => d.id), "stored")).toEqual(drawn);
    // A question removed from the quiz since the attempt started is skipped, not an error.
    expect(layoutQuestions(quiz, ["gone", drawn[0].id], "stored")).toEqual([drawn[0]]);
  });

  it("keeps the author's order when nothing is shuffled, except matching and ordering answers", () => {
    const plain = loadFixture((s) => s.replace("shuffleQuestions: true", "shuffleQuestions: false").replace("shuffleOptions: true", "shuffleOptions: false"));
    for (const seed of seeds.slice(0, 10)) {
      const drawn = drawQuiz(plain, seed);
      expect(drawn.map((d) => d.id)).toEqual(plain.questions.map((q) => q.id));
      expect(drawn[0].order).toEqual(["act-means-purpose", "border-crossing", "money-violence"]);
      expect(drawn[3].left).toEqual(["labour-inspector", "prosecutor", "social-worker"]);
    }
    const rightOrders = new Set(seeds.map((s) => drawQuiz(plain, s)[3].order.join()));
    expect(rightOrders.size).toBeGreaterThan(5);
  });

  it("never shows ordering items already in the right order", () => {
    const correct = ["identify", "protect", "refer", "follow-up"];
    const firstShown = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const order = drawQuiz(quiz, `o${i}`).find((d) => d.id === "referral-steps")!.order;
      expect([...order].sort()).toEqual([...correct].sort());
      expect(order).not.toEqual(correct);
      firstShown.add(order[0]);
    }
    expect(firstShown.size).toBe(4);
  });

  it("lays out a case study's sub-questions in the author's order with their own option orders", () => {
    const drawn = drawQuiz(quiz, "case").find((d) => d.id === "farm-case")!;
    expect(drawn.parts.map((p) => p.id)).toEqual(["farm-indicators", "farm-first-step"]);
    expect([...drawn.parts[0].order].sort()).toEqual(["age", "documents", "wages"]);
  });

  it("draws N of M questions", () => {
    const pooled = loadFixture((s) => s.replace("  shuffleQuestions: true", "  shuffleQuestions: false\n  pool: { draw: 3 }"));
    const seen = new Set<string>();
    for (const seed of seeds) {
      const ids = selectQuestionIds(pooled, seed);
      expect(ids).toHaveLength(3);
      expect(new Set(ids).size).toBe(3);
      // Not shuffled: drawn questions keep the author's relative order.
      const positions = ids.map((id) => pooled.questions.findIndex((q) => q.id === id));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      ids.forEach((id) => seen.add(id));
    }
    expect(seen.size).toBe(8);
    expect(selectQuestionIds(pooled, "same")).toEqual(selectQuestionIds(pooled, "same"));
  });

  it("draws per group", () => {
    const grouped = loadFixture((s) =>
      s
        .replace("  shuffleQuestions: true", "  shuffleQuestions: true\n  pool: { groups: { basics: 2, practice: 1 } }")
        .replace(/\n {2}- id: ([a-z-]+)\n/g, (_all, id: string) => `\n  - id: ${id}\n    group: ${id === "farm-case" || id === "referral-steps" ? "practice" : "basics"}\n`),
    );
    for (const seed of seeds) {
      const ids = selectQuestionIds(grouped, seed);
      expect(ids).toHaveLength(3);
      const practice = ids.filter((id) => id === "farm-case" || id === "referral-steps");
      expect(practice).toHaveLength(1);
    }
  });

  it("maps tokens back to authored ids only for tokens of this attempt", () => {
    const drawn = drawQuiz(quiz, "tokens").find((d) => d.id === "match-roles")!;
    expect(idForToken(drawn, "c1")).toBe(drawn.order[0]);
    expect(idForToken(drawn, "c4")).toBe(drawn.order[3]);
    for (const bad of ["c5", "c0", "c01", "prosecutor", "", 1, null, undefined, ["c1"]]) expect(idForToken(drawn, bad)).toBeNull();
  });
});
