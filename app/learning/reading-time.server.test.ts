import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { buildCourses } from "~/catalog/build.server";
import { type Manifest, manifestPath } from "~/catalog/cache.server";
import { courseYml, makeCoursesDir, writeCourse } from "~/catalog/course-fixture.server";
import { contentPipeline } from "~/content-kinds.server";

/** The reading time the build writes, with the platform's content kinds adding their minutes. */

let dirs: ReturnType<typeof makeCoursesDir>;
beforeEach(() => {
  dirs = makeCoursesDir();
});
afterEach(() => dirs.cleanup());

const QUIZ = [
  "title: { fr: Quiz }",
  "settings: { passingScore: 50, attemptsAllowed: unlimited }",
  "questions:",
  ...["a", "b", "c"].flatMap((id) => [`  - id: ${id}`, "    type: true-false", `    prompt: { fr: "Question ${id} ?" }`, "    answer: true"]),
].join("\n");

const ASSIGNMENT = `
title: { fr: Note }
instructions: { fr: Écrivez. }
rubric:
  - id: clarity
    title: { fr: Clarté }
    levels:
      - { id: weak, label: { fr: Faible }, points: 0 }
      - { id: strong, label: { fr: Forte }, points: 2 }
`;

describe("reading time in the manifest", () => {
  test("each lesson and language gets its minutes: words, a minute per quiz question, twenty per assignment", async () => {
    const yml = courseYml({
      languages: ["fr"],
      modules: [
        {
          id: "m",
          title: { fr: "Module" },
          lessons: [
            { id: "intro", title: { fr: "Introduction" } },
            { id: "note", title: { fr: "Note" } },
          ],
        },
      ],
      title: { fr: "Cours" },
      summary: { fr: "Résumé." },
      audience: { fr: "Tous." },
    });
    const dir = writeCourse(dirs.coursesDir, "sample", yml, {
      "intro.fr.mdx": `${"mot ".repeat(400)}\n\n<Quiz id="check" />\n`,
      "note.fr.mdx": `Court.\n\n<Assignment id="case-note" />\n`,
    });
    fs.mkdirSync(path.join(dir, "quizzes"));
    fs.writeFileSync(path.join(dir, "quizzes", "check.yml"), QUIZ);
    fs.mkdirSync(path.join(dir, "assignments"));
    fs.writeFileSync(path.join(dir, "assignments", "case-note.yml"), ASSIGNMENT);
    const summary = await buildCourses({ coursesDir: dirs.coursesDir, cacheDir: dirs.cacheDir, pipeline: contentPipeline });
    expect(summary.failures).toEqual([]);
    const manifest = JSON.parse(fs.readFileSync(manifestPath(dirs.cacheDir), "utf8")) as Manifest;
    // 400 words at 180 a minute: 3 minutes, and 3 questions; one word and an assignment: 1 + 20.
    expect(manifest.courses[0].minutes).toEqual({ intro: { fr: 6 }, note: { fr: 21 } });
  });
});
