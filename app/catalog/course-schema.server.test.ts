import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { courseYml, makeCoursesDir, writeCourse } from "./course-fixture.server";
import { loadCourseDefinition } from "./course-schema.server";

let dirs: ReturnType<typeof makeCoursesDir>;
beforeEach(() => {
  dirs = makeCoursesDir();
});
afterEach(() => dirs.cleanup());

async function errorsFor(slug: string, yml: Record<string, unknown> | string, lessons?: Record<string, string>) {
  writeCourse(dirs.coursesDir, slug, yml, lessons);
  const result = await loadCourseDefinition(dirs.coursesDir, slug);
  return result.ok ? [] : result.errors;
}

function withLesson(change: (lesson: Record<string, unknown>) => void) {
  const yml = courseYml();
  const modules = yml.modules as { lessons: Record<string, unknown>[] }[];
  change(modules[0].lessons[1]);
  return yml;
}

describe("course.yml validation", () => {
  test("a valid course loads, with its slug and the default completion rule", async () => {
    writeCourse(dirs.coursesDir, "sample");
    const result = await loadCourseDefinition(dirs.coursesDir, "sample");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.course.slug).toBe("sample");
    expect(result.course.languages).toEqual(["fr", "en"]);
    expect(result.course.modules.map((m) => m.lessons.map((l) => l.id))).toEqual([["intro", "terms"], ["cases"]]);
    expect(result.course.completion).toEqual({ lessons: "all" });
  });

  test("a title missing in a declared language names the file and the field path", async () => {
    const yml = courseYml({ languages: ["fr", "en", "ar"] });
    // Every other text has its Arabic version; only modules[0].lessons[1].title lacks it.
    const addAr = (t: Record<string, string>) => Object.assign(t, { ar: "نص" });
    for (const key of ["title", "summary", "audience"]) addAr(yml[key] as Record<string, string>);
    const modules = yml.modules as { title: Record<string, string>; lessons: { id: string; title: Record<string, string> }[] }[];
    modules.forEach((m) => {
      addAr(m.title);
      m.lessons.forEach((l, i) => (m === modules[0] && i === 1 ? null : addAr(l.title)));
    });
    const errors = await errorsFor("sample", yml, {
      ...Object.fromEntries(["intro", "terms", "cases"].flatMap((id) => ["fr", "en", "ar"].map((l) => [`${id}.${l}.mdx`, "Text."]))),
    });
    expect(errors).toEqual(["courses/sample/course.yml: modules[0].lessons[1].title.ar: Required"]);
  });

  test("missing required fields and wrong types are reported by path", async () => {
    const yml = courseYml({ hours: "two" });
    delete yml.summary;
    const errors = await errorsFor("sample", yml);
    expect(errors).toContain("courses/sample/course.yml: summary: Required");
    expect(errors).toContain("courses/sample/course.yml: hours: must be a number of hours");
  });

  test("unknown keys and languages are refused (a typo must not pass silently)", async () => {
    const errors = await errorsFor(
      "sample",
      withLesson((lesson) => {
        lesson.titel = lesson.title;
      }),
    );
    expect(errors).toEqual([expect.stringMatching(/^courses\/sample\/course\.yml: modules\[0\]\.lessons\[1\]: Unrecognized key.*titel/)]);

    const other = await errorsFor("other", courseYml({ languages: ["fr", "de"] }));
    expect(other[0]).toMatch(/^courses\/other\/course\.yml: languages\[1\]: Invalid enum value.*'de'/);
  });

  test("lesson ids are unique across the whole course, module ids within it", async () => {
    const yml = courseYml();
    const modules = yml.modules as { id: string; lessons: { id: string }[] }[];
    modules[1].lessons[0].id = "intro";
    modules[1].id = "basics";
    const errors = await errorsFor("sample", yml);
    expect(errors).toContain('courses/sample/course.yml: modules[1].id: "basics" is already used by modules[0]');
    expect(errors).toContain('courses/sample/course.yml: modules[1].lessons[0].id: "intro" is already used by modules[0].lessons[0]');
  });

  test("ids and the folder name (the slug) must be lowercase-kebab", async () => {
    const errors = await errorsFor(
      "Bad_Slug",
      withLesson((lesson) => {
        lesson.id = "Terms 2";
      }),
    );
    expect(errors).toEqual([
      expect.stringMatching(/^courses\/Bad_Slug\/course\.yml: the folder name "Bad_Slug" is the course slug and must be lowercase-kebab/),
      expect.stringMatching(/^courses\/Bad_Slug\/course\.yml: modules\[0\]\.lessons\[1\]\.id: must be lowercase-kebab/),
    ]);
  });

  test("every lesson needs an .mdx file in every declared language, and stray lesson files are reported", async () => {
    writeCourse(dirs.coursesDir, "sample");
    const lessons = path.join(dirs.coursesDir, "sample", "lessons");
    fs.rmSync(path.join(lessons, "terms.en.mdx"));
    fs.writeFileSync(path.join(lessons, "old-draft.fr.mdx"), "Draft.");
    fs.writeFileSync(path.join(lessons, "notes.txt"), "not a lesson, ignored");
    const result = await loadCourseDefinition(dirs.coursesDir, "sample");
    expect(result.ok ? [] : result.errors).toEqual([
      'courses/sample/lessons/terms.en.mdx: file missing (lesson "terms" is offered in en)',
      expect.stringMatching(/^courses\/sample\/lessons\/old-draft\.fr\.mdx: not part of the course/),
    ]);
  });

  test("a completion rule may only name existing lessons", async () => {
    const errors = await errorsFor("sample", courseYml({ completion: { lessons: ["intro", "nope"] } }));
    expect(errors).toEqual(['courses/sample/course.yml: completion.lessons[1]: no lesson has the id "nope"']);
  });

  test("YAML syntax errors give the line", async () => {
    const errors = await errorsFor("sample", "title:\n  fr: [unclosed\nhours: 1\n", {});
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^courses\/sample\/course\.yml: YAML syntax error at line \d+, column \d+: /);
  });

  test("a YAML syntax error names the line it is on", async () => {
    const errors = await errorsFor("sample", "title:\n  fr: Cours\nhours: 2\nhours: 3\n", {});
    expect(errors).toEqual(["courses/sample/course.yml: YAML syntax error at line 4, column 1: Map keys must be unique"]);
  });

  test("a folder without course.yml is reported", async () => {
    fs.mkdirSync(path.join(dirs.coursesDir, "empty"));
    const result = await loadCourseDefinition(dirs.coursesDir, "empty");
    expect(result.ok ? [] : result.errors).toEqual(["courses/empty/course.yml: file missing (every course folder needs one)"]);
  });
});
