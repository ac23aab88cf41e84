import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getCourse, getLessonContent } from "~/catalog/catalog.server";
import { courseYml, writeCourse } from "~/catalog/course-fixture.server";
import { documentPath } from "~/catalog/documents.server";
import { fixtureSource } from "./quiz/fixtures/load-fixture";
import { loadQuiz } from "./quiz/load.server";
import { loadAssignment } from "./assignment/assignments.server";
import { PITCH_YAML, writeCourseAssignment } from "./assignment/test-fixtures";
import { db } from "~/db/client.server";
import { markLessonComplete } from "./progress.server";
import { buildAndGetCourse } from "../../tests/setup/built-course";
import { createUser, enrolmentFor } from "../../tests/setup/db-fixtures";

/**
 * Quizzes and assignments are built with the lessons into the course
 * document: a server needs only the cache, and a course's version (which a
 * Completion records) follows every file of the course.
 */
const dirs = vi.hoisted(() => {
  const base = `${process.env.TMPDIR ?? "/tmp"}/tadrib-built-content-${process.pid}-${Date.now()}`;
  process.env.COURSE_CACHE_DIR = `${base}/cache`;
  return { base, courses: `${base}/courses`, cache: `${base}/cache` };
});
afterAll(() => fs.rmSync(dirs.base, { recursive: true, force: true }));

const LANGS = ["fr", "ar", "en"];

function writeFullCourse(slug: string) {
  const lessons: Record<string, string> = {};
  for (const lang of LANGS) {
    lessons[`intro.${lang}.mdx`] = `Intro ${lang}.\n`;
    lessons[`terms.${lang}.mdx`] = `Terms ${lang}.\n\n<Quiz id="check" />\n`;
    lessons[`cases.${lang}.mdx`] = `Cases ${lang}.\n\n<Assignment id="pitch" />\n`;
  }
  const yml = courseYml({
    languages: LANGS,
    title: { fr: "Cours", ar: "دورة", en: "Course" },
    summary: { fr: "Résumé.", ar: "ملخص.", en: "Summary." },
    audience: { fr: "Tous.", ar: "الجميع.", en: "Everyone." },
    modules: [
      {
        id: "basics",
        title: { fr: "Bases", ar: "الأساسيات", en: "Basics" },
        lessons: [
          { id: "intro", title: { fr: "Introduction", ar: "مقدمة", en: "Introduction" } },
          { id: "terms", title: { fr: "Termes", ar: "المصطلحات", en: "Terms" } },
        ],
      },
      { id: "practice", title: { fr: "Pratique", ar: "تطبيق", en: "Practice" }, lessons: [{ id: "cases", title: { fr: "Cas", ar: "حالات", en: "Cases" } }] },
    ],
  });
  const dir = writeCourse(dirs.courses, slug, yml, lessons);
  fs.mkdirSync(path.join(dir, "quizzes"), { recursive: true });
  fs.writeFileSync(path.join(dir, "quizzes", "check.yml"), fixtureSource());
  writeCourseAssignment(dirs.courses, slug, "pitch", PITCH_YAML);
  return dir;
}

beforeAll(() => {
  fs.mkdirSync(dirs.courses, { recursive: true });
});

describe("a server with only the build output", () => {
  it("serves lessons, quizzes and assignments with courses/ gone", async () => {
    writeFullCourse("offline");
    await buildAndGetCourse(dirs.courses, dirs.cache, "offline");
    const moved = `${dirs.courses}-moved`;
    fs.renameSync(dirs.courses, moved);
    try {
      const course = (await getCourse("offline"))!;
      const quiz = await loadQuiz(course, "check");
      expect(quiz?.id).toBe("check");
      expect(quiz?.settings.passingScore).toBe(70);
      // Memoised per version: the same object on the next request.
      expect(await loadQuiz(course, "check")).toBe(quiz);
      const assignment = await loadAssignment(course, "pitch");
      expect(assignment?.title.en).toBe("Story pitch");
      expect(assignment?.instructionsHtml.fr).toBe("<p>Proposez un <strong>angle</strong> de reportage sur la migration de travail.</p>");
      const lesson = await getLessonContent(course, "terms", "ar");
      expect(lesson.segments).toContainEqual({ type: "island", kind: "quiz", props: { id: "check" } });
    } finally {
      fs.renameSync(moved, dirs.courses);
    }
  });

  it("returns null for an unknown quiz or assignment and for ids that try to leave the document", async () => {
    const course = (await getCourse("offline"))!;
    expect(await loadQuiz(course, "nope")).toBeNull();
    expect(await loadQuiz(course, "../../etc/passwd")).toBeNull();
    expect(await loadQuiz(course, "__proto__")).toBeNull();
    expect(await loadAssignment(course, "nope")).toBeNull();
    expect(await loadAssignment(course, "constructor")).toBeNull();
    expect(await loadAssignment(course, "../pitch")).toBeNull();
  });
});

describe("the course version", () => {
  const edits: [string, (dir: string) => void][] = [
    ["a lesson", (dir) => fs.appendFileSync(path.join(dir, "lessons", "intro.fr.mdx"), "\nOne more line.\n")],
    ["a quiz", (dir) => fs.writeFileSync(path.join(dir, "quizzes", "check.yml"), fixtureSource().replace("passingScore: 70", "passingScore: 80"))],
    ["an assignment", (dir) => fs.writeFileSync(path.join(dir, "assignments", "pitch.yml"), PITCH_YAML.replace("Story pitch", "A story pitch"))],
    ["course.yml", (dir) => fs.appendFileSync(path.join(dir, "course.yml"), "validityMonths: 24\n")],
    ["an image", (dir) => fs.writeFileSync(path.join(dir, "lessons", "diagram.svg"), "<svg/>")],
  ];

  it("changes with every kind of file of the course, and each version keeps its own document", async () => {
    const dir = writeFullCourse("versioned");
    const versions = [(await buildAndGetCourse(dirs.courses, dirs.cache, "versioned")).version];
    for (const [what, edit] of edits) {
      edit(dir);
      const course = await buildAndGetCourse(dirs.courses, dirs.cache, "versioned");
      expect(versions, `editing ${what}`).not.toContain(course.version);
      versions.push(course.version);
      expect(fs.existsSync(documentPath(dirs.cache, "versioned", course.version))).toBe(true);
    }
    const latest = await buildAndGetCourse(dirs.courses, dirs.cache, "versioned");
    expect((await loadQuiz(latest, "check"))?.settings.passingScore).toBe(80);
    expect((await loadAssignment(latest, "pitch"))?.title.en).toBe("A story pitch");
    // What an earlier version said stays readable from its own document.
    const first = { ...latest, version: versions[0] };
    expect((await loadQuiz(first, "check"))?.settings.passingScore).toBe(70);
    expect((await loadAssignment(first, "pitch"))?.title.en).toBe("Story pitch");
  });

  it("is what a completion records: the version of the content served when the rule was met", async () => {
    const course = await buildAndGetCourse(dirs.courses, dirs.cache, "versioned");
    const learner = await createUser();
    await enrolmentFor(learner.id, course.id);
    for (const lessonId of ["intro", "terms", "cases"]) await markLessonComplete(learner.id, course, lessonId);
    const completion = await db.completion.findFirstOrThrow({ where: { userId: learner.id, courseId: course.id } });
    expect(completion.courseVersion).toBe(course.version);
    expect(completion.courseVersion).toMatch(/^[0-9a-f]{64}$/);
  });

  it("does not change when nothing did", async () => {
    const before = (await buildAndGetCourse(dirs.courses, dirs.cache, "versioned")).version;
    expect((await buildAndGetCourse(dirs.courses, dirs.cache, "versioned")).version).toBe(before);
  });
});
