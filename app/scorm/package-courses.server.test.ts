import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import YAML from "yaml";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createAuthSession } from "~/auth/session.server";
import { action as commitAction } from "~/routes/api.scorm.attempts.$attemptId.commit";
import { buildCourses } from "~/catalog/build.server";
import { manifestPath } from "~/catalog/cache.server";
import { getCatalog } from "~/catalog/catalog.server";
import { documentEntry } from "~/catalog/documents.server";
import { writeCourse } from "~/catalog/course-fixture.server";
import { env } from "~/config/env.server";
import { contentPipeline } from "~/content-kinds.server";
import { db } from "~/db/client.server";
import { recordCompletionIfMet } from "~/learning/completion.server";
import { createUser, enrolmentFor } from "../../tests/setup/db-fixtures";
import { commitScormData } from "./commits.server";
import { addPackageLesson, createPackageCourse, listPackageCourses, replaceLessonPackage } from "./package-courses.server";
import { recordPackage } from "./packages.server";
import { loadScormData } from "./resume.server";
import type { ScormEntry } from "./scorm-kind.server";
import { scorm12Manifest, scorm12Package } from "./test-zip";
import { storePackage } from "./unpack.server";

/**
 * /admin/scorm's writers on real folders: a content repository with one
 * course, a package-courses folder, a package store and a course cache, all
 * in a temp directory; the real build with the platform's content kinds; the
 * test file's own SQLite database.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tadrib-package-courses-"));
const coursesDir = path.join(tmp, "repo", "courses");
const packageCoursesDir = path.join(tmp, "data", "courses");
const storeDir = path.join(tmp, "store");
const cacheDir = path.join(tmp, "cache");
const options = { coursesDir, packageCoursesDir, storeDir, cacheDir };
const previous = { SCORM_DIR: env.SCORM_DIR, COURSE_CACHE_DIR: env.COURSE_CACHE_DIR };

beforeAll(async () => {
  // The SCORM kind reads SCORM_DIR and the course documents COURSE_CACHE_DIR, as on the server.
  Object.assign(env, { SCORM_DIR: storeDir, COURSE_CACHE_DIR: cacheDir });
  writeCourse(coursesDir, "library-course");
  const summary = await buildCourses({ coursesDir, packageCoursesDir, cacheDir, pipeline: contentPipeline });
  expect(summary.failures).toEqual([]);
});
afterAll(() => {
  Object.assign(env, previous);
  fs.rmSync(tmp, { recursive: true, force: true });
});

let zips = 0;
async function storedPackage(title = "Repérer les signes de la traite") {
  const zip = path.join(tmp, `p${zips++}.zip`);
  fs.writeFileSync(zip, scorm12Package([], scorm12Manifest({ title })));
  const stored = await storePackage(zip, { storeDir });
  if (!stored.ok) throw new Error(JSON.stringify(stored.problems));
  return recordPackage(stored.key, stored.manifest);
}

/** Every file under a folder, hidden ones included (a leftover working copy would show). */
function tree(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}
const manifestBytes = () => fs.readFileSync(manifestPath(cacheDir));

const newCourse = (sha256: string, fields: Record<string, unknown> = {}) =>
  createPackageCourse({ sha256, slug: "signes-traite", title: "Repérer les signes", packageLanguage: "fr", languages: ["ar", "fr"], hours: "2", ...fields }, options);

describe("a new course from a package", () => {
  test("is written whole, built, served at once, and completed when the package is", async () => {
    const pkg = await storedPackage();
    const before = await getCatalog(cacheDir);
    expect(await newCourse(pkg.sha256)).toEqual({ ok: true, action: "created", slug: "signes-traite", lessonId: "package" });

    const dir = path.join(packageCoursesDir, "signes-traite");
    expect(tree(packageCoursesDir)).toEqual(
      ["course.yml", "lessons/package.ar.mdx", "lessons/package.fr.mdx", "scorm/package.yml"].map((f) => `signes-traite/${f}`),
    );
    expect(fs.readFileSync(path.join(dir, "lessons/package.ar.mdx"), "utf8")).toBe('<Scorm id="package" />\n');
    expect(YAML.parse(fs.readFileSync(path.join(dir, "scorm/package.yml"), "utf8"))).toEqual({ sha256: pkg.sha256 });
    const yml = fs.readFileSync(path.join(dir, "course.yml"), "utf8");
    expect(yml).toMatch(/^# Made at \/admin\/scorm/);
    expect(YAML.parse(yml)).toMatchObject({
      title: { fr: "Repérer les signes", ar: "Repérer les signes" },
      summary: { fr: "Un cours fait du paquet SCORM « Repérer les signes de la traite ».", ar: "دورة مصنوعة من حزمة SCORM «Repérer les signes de la traite»." },
      hours: 2,
      languages: ["fr", "ar"],
      modules: [{ id: "package", lessons: [{ id: "package" }] }],
      completion: { lessons: [], scorm: ["package"] },
    });

    // Served by this process at once, as a new catalogue object, beside the content repository's course.
    const after = await getCatalog(cacheDir);
    expect(after).not.toBe(before);
    expect(after.courses.map((c) => [c.slug, c.origin ?? "library"])).toEqual([
      ["library-course", "library"],
      ["signes-traite", "package"],
    ]);
    const course = after.bySlug.get("signes-traite")!;
    expect((await documentEntry<ScormEntry>(course, "scorm", "package"))?.sha256).toBe(pkg.sha256);

    const learner = await createUser();
    await enrolmentFor(learner.id, course.id);
    const launch = await loadScormData({ userId: learner.id, courseId: course.id, lessonId: "package", packageId: pkg.id, scoId: "item1" });
    if (!launch.ok) throw new Error(launch.error);
    // Committed through the route the player posts to: the commit that finishes the package completes the course.
    const { token } = await createAuthSession(learner.id);
    const commit = async (seq: number, values: Record<string, string>) => {
      const { attemptId } = launch;
      const request = new Request(`http://localhost/api/scorm/attempts/${attemptId}/commit`, {
        method: "POST",
        body: JSON.stringify({ seq, values }),
        headers: { "content-type": "application/json", cookie: `tadrib_session=${token}` },
      });
      expect((await commitAction({ request, params: { attemptId }, context: {} })).status).toBe(200);
    };
    const completion = () => db.completion.findFirst({ where: { userId: learner.id, courseId: course.id } });
    await commit(1, { "cmi.core.lesson_status": "incomplete" });
    expect(await completion()).toBeNull();
    await commit(2, { "cmi.core.lesson_status": "passed", "cmi.core.score.raw": "90" });
    expect(await completion()).toMatchObject({ courseVersion: course.version });
    expect(await recordCompletionIfMet(learner.id, course)).toEqual({ completed: true, newlyCompleted: false });
  });

  test("bad input and taken slugs are refused, and nothing changes", async () => {
    const pkg = await storedPackage("Deuxième paquet");
    const files = tree(packageCoursesDir);
    const bytes = manifestBytes();
    expect(await newCourse(pkg.sha256)).toEqual({ ok: false, errors: { slug: "scorm.use.errors.slugTaken" } });
    expect(await newCourse(pkg.sha256, { slug: "library-course" })).toEqual({ ok: false, errors: { slug: "scorm.use.errors.slugTaken" } });
    expect(await newCourse(pkg.sha256, { slug: "Pas un slug" })).toEqual({ ok: false, errors: { slug: "scorm.use.errors.slug" } });
    expect(await newCourse(pkg.sha256, { slug: "x", title: "  " })).toEqual({ ok: false, errors: { title: "scorm.use.errors.title" } });
    expect(await newCourse(pkg.sha256, { slug: "x", packageLanguage: "de" })).toEqual({ ok: false, errors: { packageLanguage: "scorm.use.errors.packageLanguage" } });
    expect(await newCourse(pkg.sha256, { slug: "x", hours: "-1" })).toEqual({ ok: false, errors: { hours: "scorm.use.errors.hours" } });
    expect(await newCourse("0".repeat(64), { slug: "x" })).toEqual({ ok: false, errors: { package: "scorm.use.errors.package" } });
    expect(await newCourse("../etc", { slug: "x" })).toEqual({ ok: false, errors: { package: "scorm.use.errors.package" } });
    expect(tree(packageCoursesDir)).toEqual(files);
    expect(manifestBytes().equals(bytes)).toBe(true);
  });
});

const COMMENTED = `# Written by hand, then extended from /admin/scorm.
title: { fr: Parcours, en: Pathway }
summary: { fr: Résumé., en: Summary. }
audience: { fr: Tous., en: Everyone. }
hours: 3 # a guess
languages: [fr, en]
modules:
  - id: basics
    title: { fr: Bases, en: Basics }
    lessons:
      - id: intro # the welcome
        title: { fr: Introduction, en: Introduction }
      - id: terms
        title: { fr: Vocabulaire, en: Terms }
`;

describe("a lesson added to a course made from packages", () => {
  test("goes where the admin said; course.yml keeps its comments and layout; the rule names it", async () => {
    writeCourse(packageCoursesDir, "parcours", COMMENTED, {
      "intro.fr.mdx": "Bonjour.\n",
      "intro.en.mdx": "Hello.\n",
      "terms.fr.mdx": "Mots.\n",
      "terms.en.mdx": "Words.\n",
    });
    const pkg = await storedPackage("Troisième");
    const add = (fields: Record<string, unknown>) =>
      addPackageLesson({ sha256: pkg.sha256, slug: "parcours", position: "basics:1", lessonId: "signs", title: "Les signes", ...fields }, options);

    expect(await add({})).toEqual({ ok: true, action: "added", slug: "parcours", lessonId: "signs" });
    const yml = fs.readFileSync(path.join(packageCoursesDir, "parcours/course.yml"), "utf8");
    for (const kept of ["# Written by hand, then extended from /admin/scorm.", "hours: 3 # a guess", "- id: intro # the welcome", "title: { fr: Parcours, en: Pathway }"]) {
      expect(yml).toContain(kept);
    }
    const parsed = YAML.parse(yml);
    expect(parsed.modules[0].lessons.map((l: { id: string }) => l.id)).toEqual(["intro", "signs", "terms"]);
    expect(parsed.modules[0].lessons[1].title).toEqual({ fr: "Les signes", en: "Les signes" });
    expect(parsed.completion).toEqual({ scorm: ["signs"] });
    expect(tree(path.join(packageCoursesDir, "parcours"))).toEqual(
      ["course.yml", "lessons/intro.en.mdx", "lessons/intro.fr.mdx", "lessons/signs.en.mdx", "lessons/signs.fr.mdx", "lessons/terms.en.mdx", "lessons/terms.fr.mdx", "scorm/signs.yml"],
    );
    const course = (await getCatalog(cacheDir)).bySlug.get("parcours")!;
    expect(course.islands).toEqual([{ kind: "scorm", id: "signs", lessonId: "signs" }]);
    expect((await listPackageCourses(options)).find((c) => c.slug === "parcours")?.packages).toEqual([{ id: "signs", sha256: pkg.sha256 }]);

    const files = tree(packageCoursesDir);
    expect(await add({})).toEqual({ ok: false, errors: { lessonId: "scorm.use.errors.lessonIdTaken" } });
    expect(await add({ lessonId: "intro" })).toEqual({ ok: false, errors: { lessonId: "scorm.use.errors.lessonIdTaken" } });
    expect(await add({ lessonId: "other", position: "basics:9" })).toEqual({ ok: false, errors: { position: "scorm.use.errors.position" } });
    expect(await add({ lessonId: "other", position: "nowhere:0" })).toEqual({ ok: false, errors: { position: "scorm.use.errors.position" } });
    // The content repository's courses are authors' files in git: never written from the web.
    expect(await add({ lessonId: "other", slug: "library-course" })).toEqual({ ok: false, errors: { course: "scorm.use.errors.course" } });
    expect(await add({ lessonId: "other", slug: "../repo/courses/library-course" })).toEqual({ ok: false, errors: { course: "scorm.use.errors.course" } });
    expect(tree(packageCoursesDir)).toEqual(files);
  });
});

describe("a new version of a lesson's package", () => {
  test("changes only the sha256; learners' attempts stay and their next launch starts a new attempt on it", async () => {
    const first = (await getCatalog(cacheDir)).bySlug.get("signes-traite")!;
    const v1 = await db.scormPackage.findUniqueOrThrow({ where: { sha256: (await documentEntry<ScormEntry>(first, "scorm", "package"))!.sha256 } });
    const learner = await createUser();
    await enrolmentFor(learner.id, first.id);
    const launch = await loadScormData({ userId: learner.id, courseId: first.id, lessonId: "package", packageId: v1.id, scoId: "item1" });
    if (!launch.ok) throw new Error(launch.error);
    await commitScormData({ userId: learner.id, courseId: first.id, scoId: "item1", attemptId: launch.attemptId, seq: 1, values: { "cmi.core.lesson_status": "incomplete" } });

    const dir = path.join(packageCoursesDir, "signes-traite");
    const courseYml = fs.readFileSync(path.join(dir, "course.yml"));
    const v2 = await storedPackage("Repérer les signes, version 2");
    const target = "signes-traite/package";
    expect(await replaceLessonPackage({ sha256: v2.sha256, target }, options)).toEqual({ ok: true, action: "replaced", slug: "signes-traite", lessonId: "package" });
    const scormYml = fs.readFileSync(path.join(dir, "scorm/package.yml"), "utf8");
    expect(scormYml).toMatch(/^# The SCORM package "Repérer les signes de la traite"/);
    expect(YAML.parse(scormYml)).toEqual({ sha256: v2.sha256 });
    expect(fs.readFileSync(path.join(dir, "course.yml")).equals(courseYml)).toBe(true);

    const course = (await getCatalog(cacheDir)).bySlug.get("signes-traite")!;
    expect(course.version).not.toBe(first.version);
    expect((await documentEntry<ScormEntry>(course, "scorm", "package"))?.title).toBe("Repérer les signes, version 2");
    expect(await db.scormAttempt.count({ where: { userId: learner.id, lessonId: "package" } })).toBe(1);
    const next = await loadScormData({ userId: learner.id, courseId: course.id, lessonId: "package", packageId: v2.id, scoId: "item1" });
    expect(next).toMatchObject({ ok: true, number: 2, entry: "ab-initio" });

    expect(await replaceLessonPackage({ sha256: v2.sha256, target }, options)).toEqual({ ok: false, errors: { target: "scorm.use.errors.samePackage" } });
    expect(await replaceLessonPackage({ sha256: v2.sha256, target: "library-course/package" }, options)).toEqual({ ok: false, errors: { target: "scorm.use.errors.target" } });
    expect(await replaceLessonPackage({ sha256: v2.sha256, target: "signes-traite/nothing" }, options)).toEqual({ ok: false, errors: { target: "scorm.use.errors.target" } });
  });
});

describe("a change the build refuses", () => {
  test("puts the previous files back, keeps the manifest byte for byte and the catalogue as it was, and says why", async () => {
    // A package course someone broke by hand: the whole build fails, so does any change.
    writeCourse(packageCoursesDir, "broken", "title: [\n");
    const catalog = await getCatalog(cacheDir);
    const bytes = manifestBytes();
    const files = tree(packageCoursesDir);
    const parcoursYml = fs.readFileSync(path.join(packageCoursesDir, "parcours/course.yml"));
    const pkg = await storedPackage("Quatrième");

    const created = await newCourse(pkg.sha256, { slug: "never-made" });
    expect(created).toEqual({ ok: false, buildProblems: [expect.stringMatching(/^courses\/broken\/course\.yml: YAML syntax error/)] });
    const added = await addPackageLesson({ sha256: pkg.sha256, slug: "parcours", position: "basics:0", lessonId: "fourth", title: "Quatre" }, options);
    expect(added).toMatchObject({ ok: false, buildProblems: [expect.stringMatching(/^courses\/broken\/course\.yml/)] });
    const replaced = await replaceLessonPackage({ sha256: pkg.sha256, target: "parcours/signs" }, options);
    expect(replaced).toMatchObject({ ok: false, buildProblems: [expect.stringMatching(/^courses\/broken\/course\.yml/)] });

    expect(tree(packageCoursesDir)).toEqual(files);
    expect(fs.readFileSync(path.join(packageCoursesDir, "parcours/course.yml")).equals(parcoursYml)).toBe(true);
    expect(manifestBytes().equals(bytes)).toBe(true);
    expect(await getCatalog(cacheDir)).toBe(catalog);
    fs.rmSync(path.join(packageCoursesDir, "broken"), { recursive: true });
  });
});
