import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import YAML from "yaml";

/**
 * Throwaway course folders for the catalogue's tests: a temp directory named
 * `courses/`, so messages read `courses/<slug>/…` exactly as in a real checkout.
 */
export function makeCoursesDir(): { root: string; coursesDir: string; cacheDir: string; cleanup: () => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "tadrib-courses-"));
  const coursesDir = path.join(root, "courses");
  fs.mkdirSync(coursesDir);
  return { root, coursesDir, cacheDir: path.join(root, "cache"), cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** A valid two-module, three-lesson course in French and English. */
export function courseYml(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: { fr: "Cours d'essai", en: "Test course" },
    summary: { fr: "Résumé.", en: "Summary." },
    audience: { fr: "Tout le monde.", en: "Everyone." },
    hours: 2,
    languages: ["fr", "en"],
    modules: [
      {
        id: "basics",
        title: { fr: "Bases", en: "Basics" },
        lessons: [
          { id: "intro", title: { fr: "Introduction", en: "Introduction" } },
          { id: "terms", title: { fr: "Vocabulaire", en: "Terms" } },
        ],
      },
      { id: "practice", title: { fr: "Pratique", en: "Practice" }, lessons: [{ id: "cases", title: { fr: "Cas", en: "Cases" } }] },
    ],
    ...overrides,
  };
}

/**
 * Writes courses/<slug>/course.yml (an object is dumped as YAML, a string is
 * written as is) and one lesson file per entry of `lessons` (file name → MDX).
 * Without `lessons`, every lesson × language of the YAML object gets a small file.
 */
export function writeCourse(
  coursesDir: string,
  slug: string,
  yml: Record<string, unknown> | string = courseYml(),
  lessons?: Record<string, string>,
): string {
  const dir = path.join(coursesDir, slug);
  fs.mkdirSync(path.join(dir, "lessons"), { recursive: true });
  fs.writeFileSync(path.join(dir, "course.yml"), typeof yml === "string" ? yml : YAML.stringify(yml));
  let files = lessons;
  if (!files && typeof yml !== "string") {
    files = {};
    const modules = yml.modules as { lessons: { id: string }[] }[];
    for (const mod of modules) {
      for (const lesson of mod.lessons) {
        for (const lang of yml.languages as string[]) {
          files[`${lesson.id}.${lang}.mdx`] = `## ${lesson.id} (${lang})\n\nSome text for ${lesson.id} in ${lang}.\n`;
        }
      }
    }
  }
  for (const [name, content] of Object.entries(files ?? {})) fs.writeFileSync(path.join(dir, "lessons", name), content);
  return dir;
}

export const RULE_QUIZ = `
title: { fr: Vérifiez, en: Check }
settings:
  passingScore: 70
questions:
  - id: one
    type: true-false
    answer: true
    prompt: { fr: Vrai ?, en: True? }
`;

export const RULE_ASSIGNMENT = `
title: { fr: Pitch, en: Pitch }
instructions: { fr: Écrivez., en: Write. }
rubric:
  - id: angle
    title: { fr: Angle, en: Angle }
    levels:
      - { id: weak, label: { fr: Faible, en: Weak }, points: 0 }
      - { id: strong, label: { fr: Fort, en: Strong }, points: 2 }
`;

/**
 * Lesson files for courseYml()'s three lessons in `languages`, the last one
 * ("cases") showing `island` (e.g. <Assignment id="pitch" />).
 */
export function lessonsShowing(island: string, languages: readonly string[] = ["fr", "en"]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const lang of languages) {
    files[`intro.${lang}.mdx`] = `Intro (${lang}).\n`;
    files[`terms.${lang}.mdx`] = `Terms (${lang}).\n`;
    files[`cases.${lang}.mdx`] = `Cases (${lang}).\n\n${island}\n`;
  }
  return files;
}

/** A course whose lesson "cases" shows the quiz "check" and the assignment "pitch". */
export function writeRuleCourse(coursesDir: string, completion: unknown): string {
  const dir = writeCourse(coursesDir, "sample", courseYml({ completion }));
  fs.mkdirSync(path.join(dir, "quizzes"), { recursive: true });
  fs.writeFileSync(path.join(dir, "quizzes", "check.yml"), RULE_QUIZ);
  fs.mkdirSync(path.join(dir, "assignments"), { recursive: true });
  fs.writeFileSync(path.join(dir, "assignments", "pitch.yml"), RULE_ASSIGNMENT);
  for (const lang of ["fr", "en"]) {
    fs.writeFileSync(path.join(dir, "lessons", `cases.${lang}.mdx`), `Text.\n\n<Quiz id="check" />\n\n<Assignment id="pitch" />\n`);
  }
  return dir;
}
