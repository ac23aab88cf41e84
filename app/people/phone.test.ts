import { describe, expect, it } from "vitest";
import { normalizePhone } from "./phone";

describe("normalizePhone", () => {
  it.each([
    ["06 12 34 56 78", "+212612345678"],
    ["0612345678", "+212612345678"],
    ["+212 6-12-34-56-78", "+212612345678"],
    ["00212612345678", "+212612345678"],
    ["(+212) 612.34.56.78", "+212612345678"],
    ["٠٦١٢٣٤٥٦٧٨", "+212612345678"],
    ["+33 6 12 34 56 78", "+33612345678"],
  ])("reads %j as %s", (raw, expected) => {
    expect(normalizePhone(raw)).toBe(expected);
  });

  it.each(["", "   ", "612345678", "06 12 34", "+212 6123", "abc", "06-12-34-56-78 ext 2", "+0612345678", null, undefined])("refuses %j", (raw) => {
    expect(normalizePhone(raw)).toBeNull();
  });
});
