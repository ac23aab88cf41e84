import { describe, expect, test } from "vitest";
import { formatPath, issueMessages, readYaml } from "./yaml-errors.server";

describe("YAML course files' messages", () => {
  test("a parsed file gives its value", () => {
    expect(readYaml("hours: 2\nlanguages: [fr, ar]\n", "c.yml")).toEqual({ ok: true, value: { hours: 2, languages: ["fr", "ar"] } });
  });

  test("each syntax error names the file, the line and the column", () => {
    expect(readYaml('title:\n  fr: Cours\nmodules:\n  - id: a\n    title: "unclosed\n', "courses/x/course.yml")).toEqual({
      ok: false,
      errors: ['courses/x/course.yml: YAML syntax error at line 6, column 1: Missing closing "quote'],
    });
  });

  test("field paths read the way the file is written", () => {
    expect(formatPath(["modules", 0, "lessons", 1, "title", "ar"])).toBe("modules[0].lessons[1].title.ar");
    expect(formatPath([])).toBe("");
    expect(
      issueMessages("q.yml", [
        { path: ["questions", 2, "prompt"], message: "Required" },
        { path: [], message: "expected a mapping" },
      ]),
    ).toEqual(["q.yml: questions[2].prompt: Required", "q.yml: expected a mapping"]);
  });
});
