import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { parseAssignmentDefinition, validateCourseAssignments } from "./assignment-format.server";
import { maxPoints } from "./assignments.server";
import { PITCH_YAML, writeCourseAssignment } from "./test-fixtures";

const FILE = "courses/media/assignments/pitch.yml";
const ALL = ["fr", "ar", "en"] as const;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tadrib-assignment-format-"));
const coursesDir = path.join(tmp, "courses");

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function pitch(): Record<string, unknown> {
  return YAML.parse(PITCH_YAML);
}

function errorsOf(raw: unknown, languages: readonly ("fr" | "ar" | "en")[] = ALL, id = "pitch") {
  const checked = parseAssignmentDefinition(raw, id, languages, FILE);
  return checked.ok ? [] : checked.errors;
}

describe("parseAssignmentDefinition", () => {
  it("accepts the documented format and fills defaults", () => {
    const checked = parseAssignmentDefinition(pitch(), "pitch", ALL, FILE);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.assignment.id).toBe("pitch");
    expect(checked.assignment.text).toBe("required");
    expect(checked.assignment.attachment).toEqual({ kinds: ["pdf", "audio"], maxSizeMB: 1, required: false });
    expect(checked.assignment.rubric.map((c) => c.id)).toEqual(["angle", "sources"]);
    expect(maxPoints(checked.assignment)).toBe(7);

    const raw = pitch();
    delete raw.text;
    delete raw.attachment;
    const plain = parseAssignmentDefinition(raw, "pitch", ALL, FILE);
    expect(plain.ok && plain.assignment.text).toBe("required");
    expect(plain.ok && plain.assignment.attachment).toBeNull();
  });

  it("reads word limits, and refuses limits that cannot be met", () => {
    const withWords = (words: unknown) => ({ ...pitch(), words });
    const checked = parseAssignmentDefinition(withWords({ min: 250, max: 400 }), "pitch", ALL, FILE);
    expect(checked.ok && checked.assignment.words).toEqual({ min: 250, max: 400 });
    const onlyMax = parseAssignmentDefinition(withWords({ max: 400 }), "pitch", ALL, FILE);
    expect(onlyMax.ok && onlyMax.assignment.words).toEqual({ min: null, max: 400 });
    expect(parseAssignmentDefinition(pitch(), "pitch", ALL, FILE)).toMatchObject({ ok: true, assignment: { words: null } });
    expect(errorsOf(withWords({ min: 400, max: 250 }))).toEqual([`${FILE}: words.min: is more than max (250)`]);
    expect(errorsOf(withWords({}))).toEqual([`${FILE}: words: give min:, max: or both`]);
    expect(errorsOf(withWords({ min: 2.5 }))).toEqual([`${FILE}: words.min: must be a whole number of words`]);
    expect(errorsOf(withWords({ max: 50_000 }))).toEqual([`${FILE}: words.max: cannot fit in the 20000 characters an answer may have`]);
  });

  it("names the file and the field of a missing translation", () => {
    const raw = pitch() as { rubric: { levels: { label: Record<string, string> }[] }[]; title: Record<string, string> };
    delete raw.rubric[0].levels[1].label.ar;
    delete raw.title.en;
    expect(errorsOf(raw)).toEqual([`${FILE}: title.en: Required`, `${FILE}: rubric[0].levels[1].label.ar: Required`]);
    // A course offered only in French does not need the other languages.
    expect(errorsOf(raw, ["fr"])).toEqual([]);
  });

  it("refuses duplicate criterion and level ids", () => {
    const raw = pitch() as { rubric: { id: string; levels: { id: string }[] }[] };
    raw.rubric[1].id = "angle";
    raw.rubric[0].levels[2].id = "weak";
    expect(errorsOf(raw)).toEqual([
      `${FILE}: rubric[0].levels[2].id: "weak" is already used by rubric[0].levels[0]`,
      `${FILE}: rubric[1].id: "angle" is already used by rubric[0]`,
    ]);
  });

  it("explains wrong values", () => {
    const raw = pitch() as Record<string, unknown> & { attachment: Record<string, unknown>; rubric: { levels: { points: unknown }[] }[] };
    raw.attachment.kinds = ["pdf", "video"];
    raw.attachment.maxSizeMB = 500;
    raw.rubric[0].levels[0].points = 1.5;
    raw.colour = "blue";
    expect(errorsOf(raw)).toEqual([
      `${FILE}: attachment.kinds[1]: must be one of: pdf, image, audio`,
      `${FILE}: attachment.maxSizeMB: must be at most 50`,
      `${FILE}: rubric[0].levels[0].points: must be a whole number of points`,
      `${FILE}: Unrecognized key(s) in object: 'colour'`,
    ]);
  });

  it("needs something to submit and a rubric that can tell answers apart", () => {
    const oneLevel = pitch() as { rubric: { levels: unknown[] }[] };
    oneLevel.rubric[1].levels = oneLevel.rubric[1].levels.slice(0, 1);
    expect(errorsOf(oneLevel)).toEqual([`${FILE}: rubric[1].levels: needs at least two levels`]);

    const nothing = pitch();
    nothing.text = "optional";
    delete nothing.attachment;
    expect(errorsOf(nothing)).toEqual([
      `${FILE}: text: can be optional only when an attachment is allowed (otherwise there is nothing to submit)`,
    ]);
  });

  it("checks the id taken from the file name", () => {
    expect(errorsOf(pitch(), ALL, "Pitch_1")[0]).toBe(
      `${FILE}: the file name "Pitch_1" is the assignment id and must be lowercase-kebab (a-z, 0-9 and single hyphens)`,
    );
    expect(errorsOf(["a list"])).toEqual([`${FILE}: expected a YAML mapping (title:, instructions:, rubric: …)`]);
  });
});

describe("validateCourseAssignments", () => {
  it("returns every assignment of a course, and none for a course without the folder", async () => {
    writeCourseAssignment(coursesDir, "media", "pitch", PITCH_YAML);
    writeCourseAssignment(coursesDir, "media", "interview", PITCH_YAML);
    const checked = await validateCourseAssignments(path.join(coursesDir, "media"), ALL);
    expect(checked.ok && [...checked.assignments.keys()]).toEqual(["interview", "pitch"]);

    const none = await validateCourseAssignments(path.join(coursesDir, "no-such-course"), ALL);
    expect(none.ok && none.assignments.size).toBe(0);
  });

  it("reports YAML syntax errors with their line, and stray files", async () => {
    writeCourseAssignment(coursesDir, "broken", "pitch", "title:\n  fr: [unclosed\n");
    fs.writeFileSync(path.join(coursesDir, "broken", "assignments", "notes.yaml"), "title: x\n");
    const checked = await validateCourseAssignments(path.join(coursesDir, "broken"), ALL);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors[0]).toBe("courses/broken/assignments/notes.yaml: not an assignment (assignment files end in .yml)");
    expect(checked.errors[1]).toMatch(/^courses\/broken\/assignments\/pitch\.yml: YAML syntax error at line \d+, column \d+: /);
  });
});
