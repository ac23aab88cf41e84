import { describe, expect, it } from "vitest";
import { countWords, wordCountError, wordLimitError } from "./word-count";

describe("countWords", () => {
  it("counts runs with letters or digits, in any script", () => {
    expect(countWords("")).toBe(0);
    expect(countWords("   \n\t ")).toBe(0);
    expect(countWords("L'angle : qui paie le voyage ?")).toBe(5);
    expect(countWords("يتحدث المهاجرون بأنفسهم، ولكل رقم مصدر.")).toBe(6);
    expect(countWords("Les 2 000 saisonnières — 12-34")).toBe(5);
    expect(countWords("ligne un\nligne deux\r\n\r\nfin")).toBe(5);
  });
});

describe("word limits", () => {
  const limits = { min: 3, max: 5 };
  it("says which limit a count breaks", () => {
    expect(wordCountError(2, limits)).toBe("assignment.errors.tooFewWords");
    expect(wordCountError(3, limits)).toBeNull();
    expect(wordCountError(5, limits)).toBeNull();
    expect(wordCountError(6, limits)).toBe("assignment.errors.tooManyWords");
    expect(wordCountError(1000, null)).toBeNull();
    expect(wordCountError(1, { min: null, max: 5 })).toBeNull();
  });
  it("leaves an empty text to the 'required' rule", () => {
    expect(wordLimitError("  ", limits)).toBeNull();
    expect(wordLimitError("un deux", limits)).toBe("assignment.errors.tooFewWords");
  });
});
