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
