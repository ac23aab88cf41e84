import { describe, expect, test } from "vitest";
import { derivedCache } from "./derived.server";

describe("derivedCache (values derived from a loaded catalogue)", () => {
  test("computes once per owner object and key, and afresh for a new owner (a reloaded catalogue)", () => {
    const computed: string[] = [];
    const titleIn = derivedCache((course: { title: Record<string, string> }, lang: string) => {
      computed.push(lang);
      return course.title[lang];
    });
    const loaded = { title: { fr: "Traite", en: "Trafficking" } };
    expect(titleIn(loaded, "fr")).toBe("Traite");
    expect(titleIn(loaded, "fr")).toBe("Traite");
    expect(titleIn(loaded, "en")).toBe("Trafficking");
    expect(computed).toEqual(["fr", "en"]);

    // A reload gives a new object: nothing computed from the old one is reused.
    const reloaded = { title: { fr: "Traite des personnes", en: "Trafficking" } };
    expect(titleIn(reloaded, "fr")).toBe("Traite des personnes");
    expect(titleIn(loaded, "fr")).toBe("Traite");
    expect(computed).toEqual(["fr", "en", "fr"]);
  });
});
