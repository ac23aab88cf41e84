import fs from "node:fs/promises";
import path from "node:path";
import YAML from "yaml";
import { getCatalog } from "~/catalog/catalog.server";
import { COURSE_FILE, isCourseSlug, LESSONS_DIR, lessonFileName, listCourseSlugs, loadCourseDefinition } from "~/catalog/course-schema.server";
import type { LocalizedText } from "~/catalog/types";
import { readYamlFile } from "~/catalog/yaml-errors.server";
import { db } from "~/db/client.server";
import { serverT } from "~/i18n/detect.server";
import { isLocale, LOCALES, type Locale } from "~/i18n/locales";
import { cleanUserText } from "~/i18n/user-text";
import { changeCourseFolder, dirs, exists, type PackageCourseOptions, serially } from "./course-folder-change.server";
import { SCORM_DIR_NAME, SCORM_EXTENSION, SCORM_ISLAND } from "./scorm-kind.server";
import { isPackageKey, packageDir } from "./store.server";

/**
 * What /admin/scorm does with a stored package (decision 030): a new course
 * made of it, a lesson showing it in a course made from packages, or a new
 * version of the package a lesson shows. Courses made here are ordinary
 * course folders in PACKAGE_COURSES_DIR (decision 026); those of the content
 * repository (COURSES_DIR) are authors' files in git and are never written
 * from the web: the page shows the snippet an author adds instead.
 *
 * Every change is prepared in a hidden working copy of the course folder,
 * swapped in by rename, then the courses are rebuilt in-process; a build that
 * fails puts the previous folder back (the build itself leaves the previous
 * manifest untouched) and its problems are returned. On success the catalogue
 * is reloaded, so this process serves the new course at once (others within
 * CATALOG_RECHECK_MS). One change at a time per process.
 */

export type UseField = "package" | "slug" | "title" | "languages" | "packageLanguage" | "hours" | "course" | "position" | "lessonId" | "target";

export type { PackageCourseOptions };

export type UseOutcome =
  | { ok: true; action: "created" | "added" | "replaced"; slug: string; lessonId: string }
  | { ok: false; errors: Partial<Record<UseField, string>> }
  | { ok: false; buildProblems: string[] };


/** A course of PACKAGE_COURSES_DIR as the page lists it: where a lesson can go, which packages it shows. */
export type PackageCourse = {
  slug: string;
  title: LocalizedText;
  languages: Locale[];
  modules: { id: string; title: LocalizedText; lessons: { id: string; title: LocalizedText }[] }[];
  packages: { id: string; sha256: string }[];
};

/** The lesson id of a course made from one package (its URL: /courses/<slug>/package), and the id of its scorm/ file. */
export const PACKAGE_LESSON_ID = "package";
const MAX_TITLE = 200;
const MAX_SLUG = 60;

class Refused extends Error {
  constructor(readonly errors: Partial<Record<UseField, string>>) {
    super("refused");
  }
}

const text = (value: unknown) => (typeof value === "string" ? cleanUserText(value).trim() : "");

function titleOf(value: unknown, field: UseField = "title"): string {
  const title = text(value);
  if (!title || title.length > MAX_TITLE) throw new Refused({ [field]: "scorm.use.errors.title" });
  return title;
}

function idOf(value: unknown, field: UseField, key: string): string {
  const id = text(value);
  if (!isCourseSlug(id) || id.length > MAX_SLUG) throw new Refused({ [field]: key });
  return id;
}

/** The stored package the form names: its row (recorded when it was stored) and its folder must both be there. */
async function storedPackage(sha256: unknown, storeDir: string): Promise<{ sha256: string; title: string }> {
  if (typeof sha256 !== "string" || !isPackageKey(sha256)) throw new Refused({ package: "scorm.use.errors.package" });
  const row = await db.scormPackage.findUnique({ where: { sha256 }, select: { title: true } });
  if (!row || !(await exists(path.join(packageDir(sha256, storeDir), "imsmanifest.xml")))) throw new Refused({ package: "scorm.use.errors.package" });
  return { sha256, title: row.title };
}

function scormFileText(sha256: string, title: string): string {
  const doc = new YAML.Document({ sha256 });
  doc.commentBefore = ` The SCORM package "${title.replace(/\s+/g, " ")}", stored by /admin/scorm (SCORM_DIR/<sha256>).`;
  return doc.toString();
}

const lessonText = (scormId: string) => `<Scorm id="${scormId}" />\n`;

async function writeLessonFiles(courseDir: string, lessonId: string, languages: readonly Locale[], sha256: string, title: string) {
  await fs.mkdir(path.join(courseDir, LESSONS_DIR), { recursive: true });
  await fs.mkdir(path.join(courseDir, SCORM_DIR_NAME), { recursive: true });
  for (const lang of languages) await fs.writeFile(path.join(courseDir, LESSONS_DIR, lessonFileName(lessonId, lang)), lessonText(lessonId), { flag: "wx" });
  await fs.writeFile(path.join(courseDir, SCORM_DIR_NAME, lessonId + SCORM_EXTENSION), scormFileText(sha256, title), { flag: "wx" });
}

async function outcomeOf(run: () => Promise<UseOutcome>): Promise<UseOutcome> {
  try {
    return await serially(run);
  } catch (error) {
    if (error instanceof Refused) return { ok: false, errors: error.errors };
    throw error;
  }
}

/** Whether a slug is taken by a folder of either course folder, or by a course the server serves. */
async function slugTaken(slug: string, options: PackageCourseOptions): Promise<boolean> {
  const { packageCoursesDir, coursesDir, cacheDir } = dirs(options);
  if ((await exists(path.join(packageCoursesDir, slug))) || (await exists(path.join(coursesDir, slug)))) return true;
  const catalog = await getCatalog(cacheDir).catch(() => null);
  return Boolean(catalog?.bySlug.has(slug));
}

export type NewCourseInput = { sha256: unknown; slug: unknown; title: unknown; packageLanguage: unknown; languages: unknown[]; hours?: unknown };

/**
 * A new course whose one lesson plays the package: course.yml (the package's
 * language first, a completion rule naming the SCORM lesson alone), the
 * lesson in every language, scorm/package.yml with the package's sha256.
 */
export function createPackageCourse(input: NewCourseInput, options: PackageCourseOptions = {}): Promise<UseOutcome> {
  return outcomeOf(async () => {
    const pkg = await storedPackage(input.sha256, dirs(options).storeDir);
    const slug = idOf(input.slug, "slug", "scorm.use.errors.slug");
    const title = titleOf(input.title);
    if (!isLocale(input.packageLanguage)) throw new Refused({ packageLanguage: "scorm.use.errors.packageLanguage" });
    const packageLanguage = input.packageLanguage;
    if (!input.languages.every(isLocale)) throw new Refused({ languages: "scorm.use.errors.languages" });
    // The package's language first: it is the course's own; the others offer the same package with the platform around it translated.
    const languages = [packageLanguage, ...LOCALES.filter((l) => l !== packageLanguage && input.languages.includes(l))];
    const hours = input.hours === undefined || input.hours === "" ? 1 : Number(input.hours);
    if (!Number.isFinite(hours) || hours <= 0 || hours > 1000) throw new Refused({ hours: "scorm.use.errors.hours" });
    if (await slugTaken(slug, options)) throw new Refused({ slug: "scorm.use.errors.slugTaken" });

    const inEvery = (make: (lang: Locale) => string) => Object.fromEntries(languages.map((lang) => [lang, make(lang)]));
    const doc = new YAML.Document({
      title: inEvery(() => title),
      summary: inEvery((lang) => serverT(lang)("scorm.use.newCourse.summary", { title: pkg.title.replace(/\s+/g, " ").slice(0, MAX_TITLE) })),
      audience: inEvery((lang) => serverT(lang)("scorm.use.newCourse.audience")),
      hours,
      languages,
      modules: [{ id: PACKAGE_LESSON_ID, title: inEvery(() => title), lessons: [{ id: PACKAGE_LESSON_ID, title: inEvery(() => title) }] }],
      completion: { lessons: [], scorm: [PACKAGE_LESSON_ID] },
    });
    doc.commentBefore =
      ` Made at /admin/scorm from a SCORM package; an ordinary course folder (docs/authoring.md).\n` +
      ` The package's own language is ${packageLanguage}, listed first.`;
    const completion = doc.get("completion", true) as YAML.YAMLMap;
    completion.commentBefore = " Completed when the package reports every item of its table of contents done.";
    const changed = await changeCourseFolder(slug, { ...options, isNew: true }, async (work) => {
      await fs.writeFile(path.join(work, COURSE_FILE), doc.toString());
      await writeLessonFiles(work, PACKAGE_LESSON_ID, languages, pkg.sha256, pkg.title);
    });
    return changed.ok ? { ok: true, action: "created", slug, lessonId: PACKAGE_LESSON_ID } : changed;
  });
}

/** Courses of PACKAGE_COURSES_DIR that the build accepts, with their modules and the packages they show. */
export async function listPackageCourses(options: PackageCourseOptions = {}): Promise<PackageCourse[]> {
  const { packageCoursesDir } = dirs(options);
  const out: PackageCourse[] = [];
  for (const slug of await listCourseSlugs(packageCoursesDir)) {
    const checked = await loadCourseDefinition(packageCoursesDir, slug);
    if (!checked.ok) continue;
    const scormDir = path.join(packageCoursesDir, slug, SCORM_DIR_NAME);
    const names = (await fs.readdir(scormDir).catch(() => [] as string[])).filter((n) => n.endsWith(SCORM_EXTENSION)).sort();
    const packages: PackageCourse["packages"] = [];
    for (const name of names) {
      const read = await readYamlFile(path.join(scormDir, name), name);
      const sha256 = read.ok ? (read.value as { sha256?: unknown } | null)?.sha256 : undefined;
      if (typeof sha256 === "string") packages.push({ id: name.slice(0, -SCORM_EXTENSION.length), sha256 });
    }
    const { title, languages, modules } = checked.course;
    out.push({ slug, title, languages, modules, packages });
  }
  return out;
}

async function packageCourse(slug: unknown, options: PackageCourseOptions): Promise<string> {
  const { packageCoursesDir } = dirs(options);
  if (typeof slug !== "string" || !isCourseSlug(slug) || !(await exists(path.join(packageCoursesDir, slug, COURSE_FILE)))) {
    throw new Refused({ course: "scorm.use.errors.course" });
  }
  return slug;
}

export type NewLessonInput = { sha256: unknown; slug: unknown; position: unknown; lessonId: unknown; title: unknown };

/**
 * A lesson showing the package, added to a course of PACKAGE_COURSES_DIR at
 * `position` ("<moduleId>:<index in its lessons>"). course.yml is edited
 * through the yaml Document API, so its comments and layout stay; the lesson
 * joins completion.scorm.
 */
export function addPackageLesson(input: NewLessonInput, options: PackageCourseOptions = {}): Promise<UseOutcome> {
  return outcomeOf(async () => {
    const pkg = await storedPackage(input.sha256, dirs(options).storeDir);
    const slug = await packageCourse(input.slug, options);
    const lessonId = idOf(input.lessonId, "lessonId", "scorm.use.errors.lessonId");
    const title = titleOf(input.title);
    const [moduleId, indexText] = typeof input.position === "string" ? input.position.split(":") : [];
    const courseDir = path.join(dirs(options).packageCoursesDir, slug);
    const source = await fs.readFile(path.join(courseDir, COURSE_FILE), "utf8");
    const doc = YAML.parseDocument(source);
    const checked = await loadCourseDefinition(dirs(options).packageCoursesDir, slug);
    if (doc.errors.length || !checked.ok) throw new Refused({ course: "scorm.use.errors.courseInvalid" });
    const course = checked.course;
    const moduleIndex = course.modules.findIndex((m) => m.id === moduleId);
    const index = Number(indexText);
    if (moduleIndex < 0 || !Number.isInteger(index) || index < 0 || index > course.modules[moduleIndex].lessons.length) {
      throw new Refused({ position: "scorm.use.errors.position" });
    }
    const taken = course.modules.some((m) => m.lessons.some((l) => l.id === lessonId)) || (await exists(path.join(courseDir, SCORM_DIR_NAME, lessonId + SCORM_EXTENSION)));
    if (taken) throw new Refused({ lessonId: "scorm.use.errors.lessonIdTaken" });

    const lessons = doc.getIn(["modules", moduleIndex, "lessons"], true) as YAML.YAMLSeq;
    lessons.items.splice(index, 0, doc.createNode({ id: lessonId, title: Object.fromEntries(course.languages.map((l) => [l, title])) }));
    const scorm = doc.getIn(["completion", "scorm"], true);
    if (YAML.isSeq(scorm)) scorm.add(doc.createNode(lessonId));
    else doc.setIn(["completion", "scorm"], doc.createNode([lessonId], { flow: true }));

    const changed = await changeCourseFolder(slug, { ...options, isNew: false }, async (work) => {
      await fs.writeFile(path.join(work, COURSE_FILE), doc.toString());
      await writeLessonFiles(work, lessonId, course.languages, pkg.sha256, pkg.title);
    });
    return changed.ok ? { ok: true, action: "added", slug, lessonId } : changed;
  });
}

export type ReplaceInput = { sha256: unknown; target: unknown };

/**
 * A new version of the package a lesson shows ("<slug>/<scorm id>"): only
 * the sha256 of scorm/<id>.yml changes (comments kept). Attempts are kept
 * per lesson and SCO: learners' records stay, and their next launch starts a
 * new attempt on the new version (resume.server.ts, decideResume).
 */
export function replaceLessonPackage(input: ReplaceInput, options: PackageCourseOptions = {}): Promise<UseOutcome> {
  return outcomeOf(async () => {
    const pkg = await storedPackage(input.sha256, dirs(options).storeDir);
    const [slugText, scormId] = typeof input.target === "string" ? input.target.split("/") : [];
    const slug = await packageCourse(slugText, options).catch(() => {
      throw new Refused({ target: "scorm.use.errors.target" });
    });
    if (!scormId || !isCourseSlug(scormId)) throw new Refused({ target: "scorm.use.errors.target" });
    const file = path.join(dirs(options).packageCoursesDir, slug, SCORM_DIR_NAME, scormId + SCORM_EXTENSION);
    const source = await fs.readFile(file, "utf8").catch(() => null);
    if (source === null) throw new Refused({ target: "scorm.use.errors.target" });
    const doc = YAML.parseDocument(source);
    if (doc.get("sha256") === pkg.sha256) throw new Refused({ target: "scorm.use.errors.samePackage" });
    doc.set("sha256", pkg.sha256);
    const changed = await changeCourseFolder(slug, { ...options, isNew: false }, async (work) => {
      await fs.writeFile(path.join(work, SCORM_DIR_NAME, scormId + SCORM_EXTENSION), doc.toString());
    });
    if (!changed.ok) return changed;
    const built = (await getCatalog(dirs(options).cacheDir)).bySlug.get(slug);
    const lessonId = built?.islands?.find((i) => i.kind === SCORM_ISLAND && i.id === scormId)?.lessonId ?? scormId;
    return { ok: true, action: "replaced", slug, lessonId };
  });
}
