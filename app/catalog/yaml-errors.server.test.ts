import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { formatPath, issueMessages, readYaml, readYamlFile } from "./yaml-errors.server";

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

  test("a YAML file is read and parsed, a missing one is named as missing", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tadrib-yaml-"));
    fs.writeFileSync(path.join(dir, "a.yml"), "sha256: abc # the package\n");
    fs.writeFileSync(path.join(dir, "b.yml"), "a: [1\n");
    expect(await readYamlFile(path.join(dir, "a.yml"), "courses/x/scorm/a.yml")).toEqual({
      ok: true,
      source: "sha256: abc # the package\n",
      value: { sha256: "abc" },
    });
    expect(await readYamlFile(path.join(dir, "missing.yml"), "courses/x/scorm/missing.yml")).toEqual({
      ok: false,
      errors: ["courses/x/scorm/missing.yml: file missing"],
    });
    const broken = await readYamlFile(path.join(dir, "b.yml"), "courses/x/b.yml");
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.errors[0]).toMatch(/^courses\/x\/b\.yml: YAML syntax error at line \d+/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
