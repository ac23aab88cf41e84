import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { LOCALES, type Locale } from "~/i18n/locales";
import type { CourseDefinition, LocalizedText } from "./types";
import { issueMessages, readYaml } from "./yaml-errors.server";

/**
 * courses/<slug>/course.yml and its lessons, checked before anything is
 * compiled. Every message names the file and the field path, e.g.
 * `courses/sample/course.yml: modules[0].lessons[1].title.ar: Required`,
 * because the people who read them are course writers, not developers.
 *
 * Layout of a course folder (see docs/authoring.md):
 *   courses/<slug>/course.yml
 *   courses/<slug>/lessons/<lessonId>.<lang>.mdx   one per lesson per language
 */
export const COURSE_FILE = "course.yml";
export const LESSONS_DIR = "lessons";
// Named here rather than imported: the quiz and assignment modules import this one.
const QUIZZES_DIR = "quizzes";
const ASSIGNMENTS_DIR = "assignments";

/** `quizzes/check-your-knowledge.yml` → `check-your-knowledge`; the formats themselves are checked by their own validators. */
async function idsOfYamlFiles(dir: string): Promise<string[]> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith(".yml") && !n.startsWith(".")).map((n) => n.slice(0, -".yml".length));
}

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const kebabMessage = "must be lowercase-kebab (a-z, 0-9 and single hyphens)";

export function lessonFileName(lessonId: string, lang: Locale): string {
  return `${lessonId}.${lang}.mdx`;
}

export function isCourseSlug(value: string): boolean {
  return KEBAB.test(value);
}

const text = z.string().trim().min(1, "must not be empty");
const localized = z
  .object(Object.fromEntries(LOCALES.map((l) => [l, text.optional()])) as Record<Locale, z.ZodOptional<typeof text>>)
  .strict("only these languages are known: " + LOCALES.join(", "));
const id = z.string().regex(KEBAB, kebabMessage);

const lessonSchema = z.object({ id, title: localized }).strict();
const moduleSchema = z.object({ id, title: localized, lessons: z.array(lessonSchema).min(1, "needs at least one lesson") }).strict();

// A quiz is named by its id alone, or with the score the rule asks for: `- { id: final-test, minScore: 80 }`.
const quizRequirement = z.union(
  [
    id.transform((quizId) => ({ id: quizId })),
    z
      .object({
        id,
        minScore: z
          .number({ invalid_type_error: "must be a percentage (a number from 1 to 100)" })
          .min(1, "must be a percentage (a number from 1 to 100)")
          .max(100, "must be a percentage (a number from 1 to 100)")
          .optional(),
      })
      .strict(),
  ],
  { errorMap: () => ({ message: "write a quiz id, or { id: <quiz id>, minScore: <percent> }" }) },
);

const completionSchema = z
  .object({
    // An empty list: no lesson needs marking as completed, when the rule asks for something else (a SCORM package).
    lessons: z.union([z.literal("all"), z.array(id)]).default("all"),
    quizzes: z.array(quizRequirement, { invalid_type_error: "must be a list of quiz ids" }).optional(),
    assignments: z.array(id, { invalid_type_error: "must be a list of assignment ids" }).optional(),
    scorm: z.array(id, { invalid_type_error: "must be a list of lesson ids (lessons showing a SCORM package)" }).optional(),
  })
  .strict();

/**
 * The quiz and assignment files a course folder holds, so the completion rule
 * can name only what exists. Unknown when validating YAML on its own.
 */
export type CourseFiles = { quizIds: readonly string[]; assignmentIds: readonly string[] };

const courseSchema = (files?: CourseFiles) => z
  .object({
    title: localized,
    summary: localized,
    audience: localized,
    hours: z.number({ invalid_type_error: "must be a number of hours" }).positive("must be more than 0").max(1000),
    languages: z.array(z.enum(LOCALES)).min(1, "offer at least one language"),
    modules: z.array(moduleSchema).min(1, "needs at least one module"),
    completion: completionSchema.default({ lessons: "all" }),
    /** Refresher training: how long a completion stays current, in months (certificates then expire). */
    validityMonths: z
      .number({ invalid_type_error: "must be a whole number of months" })
      .int("must be a whole number of months")
      .min(1, "must be at least 1")
      .max(240, "must be at most 240 (20 years)")
      .nullish()
      .transform((v) => v ?? null),
  })
  .strict()
  .superRefine((course, ctx) => {
    const issue = (p: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path: p, message });

    const seenLanguages = new Set<string>();
    course.languages.forEach((lang, i) => {
      if (seenLanguages.has(lang)) issue(["languages", i], `"${lang}" is listed twice`);
      seenLanguages.add(lang);
    });

    const requireLanguages = (value: LocalizedText, at: (string | number)[]) => {
      for (const lang of course.languages) if (!value[lang]) issue([...at, lang], "Required");
    };
    requireLanguages(course.title, ["title"]);
    requireLanguages(course.summary, ["summary"]);
    requireLanguages(course.audience, ["audience"]);

    const moduleIds = new Map<string, number>();
    const lessonIds = new Map<string, string>();
    course.modules.forEach((mod, m) => {
      requireLanguages(mod.title, ["modules", m, "title"]);
      const firstModule = moduleIds.get(mod.id);
      if (firstModule !== undefined) issue(["modules", m, "id"], `"${mod.id}" is already used by modules[${firstModule}]`);
      else moduleIds.set(mod.id, m);
      mod.lessons.forEach((lesson, l) => {
        requireLanguages(lesson.title, ["modules", m, "lessons", l, "title"]);
        const first = lessonIds.get(lesson.id);
        // Lesson ids are unique across the whole course: they are the last part of the lesson URL.
        if (first !== undefined) issue(["modules", m, "lessons", l, "id"], `"${lesson.id}" is already used by ${first}`);
        else lessonIds.set(lesson.id, `modules[${m}].lessons[${l}]`);
      });
    });

    const { completion } = course;
    const asksForMore = Boolean(completion.quizzes?.length || completion.assignments?.length || completion.scorm?.length);
    if (Array.isArray(completion.lessons) && !completion.lessons.length && !asksForMore) {
      issue(["completion", "lessons"], "list at least one lesson, or write all");
    }
    const scormLessons = new Set<string>();
    completion.scorm?.forEach((lessonId, i) => {
      if (!lessonIds.has(lessonId)) issue(["completion", "scorm", i], `no lesson has the id "${lessonId}"`);
      else if (scormLessons.has(lessonId)) issue(["completion", "scorm", i], `"${lessonId}" is listed twice`);
      scormLessons.add(lessonId);
    });
    if (Array.isArray(completion.lessons)) {
      const listed = new Set<string>();
      completion.lessons.forEach((lessonId, i) => {
        if (!lessonIds.has(lessonId)) issue(["completion", "lessons", i], `no lesson has the id "${lessonId}"`);
        else if (listed.has(lessonId)) issue(["completion", "lessons", i], `"${lessonId}" is listed twice`);
        listed.add(lessonId);
      });
    }
    const quizIds = new Set<string>();
    completion.quizzes?.forEach((quiz, i) => {
      if (files && !files.quizIds.includes(quiz.id)) {
        issue(["completion", "quizzes", i], `no quiz has the id "${quiz.id}" (there is no quizzes/${quiz.id}.yml)`);
      } else if (quizIds.has(quiz.id)) issue(["completion", "quizzes", i], `"${quiz.id}" is listed twice`);
      quizIds.add(quiz.id);
    });
    const assignmentIds = new Set<string>();
    completion.assignments?.forEach((assignmentId, i) => {
      if (files && !files.assignmentIds.includes(assignmentId)) {
        issue(["completion", "assignments", i], `no assignment has the id "${assignmentId}" (there is no assignments/${assignmentId}.yml)`);
      } else if (assignmentIds.has(assignmentId)) issue(["completion", "assignments", i], `"${assignmentId}" is listed twice`);
      assignmentIds.add(assignmentId);
    });
  });

export type CourseCheck = { ok: true; course: CourseDefinition } | { ok: false; errors: string[] };

/**
 * Validates already-parsed YAML; `file` is the name used in messages. With
 * `files`, the quizzes and assignments the completion rule names must exist.
 */
export function parseCourseDefinition(raw: unknown, slug: string, file: string, files?: CourseFiles): CourseCheck {
  const errors: string[] = [];
  if (!isCourseSlug(slug)) errors.push(`${file}: the folder name "${slug}" is the course slug and ${kebabMessage}`);
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return { ok: false, errors: [...errors, `${file}: expected a YAML mapping (title:, summary:, modules: …)`] };
  }
  const parsed = courseSchema(files).safeParse(raw);
  if (!parsed.success) errors.push(...issueMessages(file, parsed.error.issues));
  if (errors.length || !parsed.success) return { ok: false, errors };
  return { ok: true, course: { slug, ...parsed.data } as CourseDefinition };
}

/** The name of a file inside a course folder as messages show it: `courses/<slug>/…`. */
export function displayPath(coursesDir: string, slug: string, ...rest: string[]): string {
  return [path.basename(coursesDir), slug, ...rest].join("/");
}

/**
 * Reads and validates courses/<slug>/course.yml, then checks that every
 * declared lesson has its .mdx file in every declared language and that no
 * stray lesson file is left unlisted.
 */
export async function loadCourseDefinition(coursesDir: string, slug: string): Promise<CourseCheck> {
  const courseDir = path.join(coursesDir, slug);
  const file = displayPath(coursesDir, slug, COURSE_FILE);
  let sourceText: string;
  try {
    sourceText = await fs.readFile(path.join(courseDir, COURSE_FILE), "utf8");
  } catch {
    return { ok: false, errors: [`${file}: file missing (every course folder needs one)`] };
  }
  const yaml = readYaml(sourceText, file);
  if (!yaml.ok) return yaml;
  const checked = parseCourseDefinition(yaml.value, slug, file, {
    quizIds: await idsOfYamlFiles(path.join(courseDir, QUIZZES_DIR)),
    assignmentIds: await idsOfYamlFiles(path.join(courseDir, ASSIGNMENTS_DIR)),
  });
  if (!checked.ok) return checked;

  const errors: string[] = [];
  const lessonsDir = path.join(courseDir, LESSONS_DIR);
  const present = new Set(await fs.readdir(lessonsDir).catch(() => [] as string[]));
  const expected = new Set<string>();
  for (const mod of checked.course.modules) {
    for (const lesson of mod.lessons) {
      for (const lang of checked.course.languages) {
        const name = lessonFileName(lesson.id, lang);
        expected.add(name);
        if (!present.has(name)) {
          errors.push(`${displayPath(coursesDir, slug, LESSONS_DIR, name)}: file missing (lesson "${lesson.id}" is offered in ${lang})`);
        }
      }
    }
  }
  for (const name of [...present].sort()) {
    if (name.endsWith(".mdx") && !expected.has(name)) {
      errors.push(
        `${displayPath(coursesDir, slug, LESSONS_DIR, name)}: not part of the course (list the lesson in ${COURSE_FILE} and its language in languages, or remove the file)`,
      );
    }
  }
  return errors.length ? { ok: false, errors } : checked;
}

/** Course folders under coursesDir (any directory; an invalid name is reported by validation). */
export async function listCourseSlugs(coursesDir: string): Promise<string[]> {
  const entries = await fs.readdir(coursesDir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
}
