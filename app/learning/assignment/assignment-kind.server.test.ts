import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildKindEntries, type PlacedIsland } from "~/catalog/content-kind.server";
import type { CourseDefinition } from "~/catalog/types";
import { assignmentKindServer } from "./assignment-kind.server";
import type { LoadedAssignment } from "./assignments.server";
import { PITCH_YAML, writeCourseAssignment } from "./test-fixtures";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tadrib-island-checks-"));
const coursesDir = path.join(tmp, "courses");
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const course = {
  slug: "media",
  languages: ["fr", "ar"],
  modules: [{ id: "m", title: { fr: "M", ar: "م" }, lessons: [{ id: "pitch-lesson", title: { fr: "L", ar: "د" } }, { id: "other", title: { fr: "L", ar: "د" } }] }],
} as unknown as CourseDefinition;

const assignmentIslandValidator = assignmentKindServer.validateIsland!;
const assignmentCourseValidator = async (input: { courseDir: string; course: CourseDefinition; islands: PlacedIsland[] }) =>
  (await buildKindEntries(assignmentKindServer, input)).errors;

function island(lessonId: string, lang: string, id: string) {
  return { kind: "assignment", lessonId, lang, props: { id } };
}

describe("<Assignment /> in a lesson", () => {
  it("needs an id and nothing else", () => {
    const file = "courses/media/lessons/pitch-lesson.fr.mdx";
    expect(assignmentIslandValidator({ courseDir: "", course, lessonId: "pitch-lesson", lang: "fr", file, props: { id: "pitch" } })).toEqual([]);
    expect(assignmentIslandValidator({ courseDir: "", course, lessonId: "pitch-lesson", lang: "fr", file, props: { title: "x" } })).toEqual([
      `${file}: <Assignment> needs an id: <Assignment id="pitch" />`,
      `${file}: <Assignment> has no "title" prop (only id)`,
    ]);
  });
});

describe("a course's assignments", () => {
  const courseDir = path.join(coursesDir, "media");
  writeCourseAssignment(coursesDir, "media", "pitch", PITCH_YAML);
  const check = (islands: PlacedIsland[]) => assignmentCourseValidator({ courseDir, course, islands });

  it("pass when each file is used by one lesson in every language", async () => {
    expect(await check([island("pitch-lesson", "fr", "pitch"), island("pitch-lesson", "ar", "pitch")])).toEqual([]);
  });

  it("name the lesson file of a missing, unknown or doubled assignment, and the unused file", async () => {
    expect(await check([island("pitch-lesson", "fr", "pitch"), island("pitch-lesson", "fr", "pitch"), island("other", "ar", "nope")])).toEqual([
      "courses/media/lessons/pitch-lesson.fr.mdx: <Assignment id=\"pitch\" /> appears twice",
      "courses/media/lessons/other.ar.mdx: <Assignment id=\"nope\" />: there is no courses/media/assignments/nope.yml",
      "courses/media/lessons/pitch-lesson.ar.mdx: <Assignment id=\"pitch\" /> is missing (the other languages of this lesson have it)",
    ]);
    expect(await check([])).toEqual([
      "courses/media/assignments/pitch.yml: no lesson uses it (add <Assignment id=\"pitch\" /> to a lesson, or remove the file)",
    ]);
  });

  it("refuse an assignment shared by two lessons", async () => {
    const islands = ["fr", "ar"].flatMap((lang) => [island("pitch-lesson", lang, "pitch"), island("other", lang, "pitch")]);
    expect(await check(islands)).toEqual([
      "courses/media/assignments/pitch.yml: used by several lessons (pitch-lesson, other); an assignment belongs to one lesson",
    ]);
  });

  it("report an invalid file with its field", async () => {
    writeCourseAssignment(coursesDir, "broken", "pitch", PITCH_YAML.replace("  ar: عرض فكرة تحقيق صحفي\n", ""));
    const errors = await assignmentCourseValidator({ courseDir: path.join(coursesDir, "broken"), course, islands: [] });
    expect(errors).toEqual(["courses/broken/assignments/pitch.yml: title.ar: Required"]);
  });
});

describe("the assignments written into the course document", () => {
  it("have their instructions rendered once from Markdown, with no raw HTML let through", async () => {
    const raw = PITCH_YAML.replace("Pitch a story", '<script>alert(1)</script> <img src=x onerror="alert(2)"> Pitch a story');
    writeCourseAssignment(coursesDir, "rendered", "pitch", raw);
    const course3 = { ...course, slug: "rendered", languages: ["fr", "ar", "en"] } as CourseDefinition;
    const islands = (["fr", "ar", "en"] as const).map((lang) => island("pitch-lesson", lang, "pitch"));
    const built = await buildKindEntries(assignmentKindServer, { courseDir: path.join(coursesDir, "rendered"), course: course3, islands });
    expect(built.errors).toEqual([]);
    const pitch = built.entries!.pitch as unknown as LoadedAssignment;
    expect(pitch.instructionsHtml.fr).toBe("<p>Proposez un <strong>angle</strong> de reportage sur la migration de travail.</p>");
    expect(pitch.instructionsHtml.en).not.toMatch(/<script|<img/);
    expect(pitch.instructionsHtml.en).toContain("&lt;script&gt;");
    expect(pitch.rubric.map((c) => c.id)).toEqual(["angle", "sources"]);
  });
});
