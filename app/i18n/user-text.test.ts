import { describe, expect, it } from "vitest";
import { z } from "zod";
import { cleanUserText, userText } from "./user-text";

describe("cleanUserText", () => {
  it("drops NUL and other control characters", () => {
    expect(cleanUserText("Sal\u0000ma\u0007 \u001b[31mB\u009b")).toBe("Salma [31mB");
  });

  it("drops bidi embeddings, overrides and isolates that disguise text", () => {
    expect(cleanUserText("photo\u202Egnp.exe")).toBe("photognp.exe");
    expect(cleanUserText("\u202Aa\u202Bb\u202Cc\u202Dd\u2066e\u2067f\u2068g\u2069")).toBe("abcdefg");
  });

  it("keeps joiners and bidi marks that correct spelling needs", () => {
    const persian = "می\u200Cخواهم"; // ZWNJ
    expect(cleanUserText(persian)).toBe(persian);
    expect(cleanUserText("a\u200Db\u200Ec\u200Fd\u061Ce")).toBe("a\u200Db\u200Ec\u200Fd\u061Ce");
    expect(cleanUserText("أمينة بنعلي")).toBe("أمينة بنعلي");
  });

  it("keeps line breaks and tabs in multi-line text only, with one kind of line break", () => {
    expect(cleanUserText("a\r\nb\rc\td\u0000", { multiline: true })).toBe("a\nb\nc\td");
    expect(cleanUserText("a\nb\tc")).toBe("abc");
  });

  it("stores one form of each letter (NFC)", () => {
    expect(cleanUserText("Ze\u0301nab")).toBe("Zénab");
  });

  it("cleans before validating, so control characters alone are empty", () => {
    const schema = userText(z.string().trim().min(1, "empty"));
    expect(schema.safeParse("\u0000\u202E").success).toBe(false);
    expect(schema.safeParse(" Hind\u0000 ").data).toBe("Hind");
  });
});
