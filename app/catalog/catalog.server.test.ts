import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { db } from "~/db/client.server";
import { buildCourses } from "./build.server";
import { lessonEntryPath, manifestPath } from "./cache.server";
import { CATALOG_RECHECK_MS, CourseCacheMissingError, getCatalog, getLessonContent, loadCatalog, reloadCatalog } from "./catalog.server";
import { makeCoursesDir, writeCourse } from "./course-fixture.server";

let dirs: ReturnType<typeof makeCoursesDir>;
beforeEach(() => {
  dirs = makeCoursesDir();
});
afterEach(() => dirs.cleanup());

describe("the runtime course catalogue", () => {
  test("without a build it fails with an error that says to run npm run courses:build", async () => {
    const error = await loadCatalog(dirs.cacheDir).catch((e) => e);
    expect(error).toBeInstanceOf(CourseCacheMissingError);
    expect(error.message).toMatch(/Run `npm run courses:build`/);
  });

  test("loads the manifest, upserts one Course row per slug, and serves lessons from the cache only", async () => {
    writeCourse(dirs.coursesDir, "sample");
    writeCourse(dirs.coursesDir, "second");
    expect((await buildCourses({ coursesDir: dirs.coursesDir, cacheDir: dirs.cacheDir, pipeline: { kinds: [], checks: [] } })).failures).toEqual([]);

    const catalog = await loadCatalog(dirs.cacheDir);
    expect(catalog.courses.map((c) => c.slug)).toEqual(["sample", "second"]);
    const rows = await db.course.findMany({ where: { slug: { in: ["sample", "second"] } }, orderBy: { slug: "asc" } });
    expect(rows.map((r) => r.id)).toEqual(catalog.courses.map((c) => c.id));

    // Loading again reuses the rows (upsert by slug), never duplicates them.
    const again = await loadCatalog(dirs.cacheDir);
    expect(again.courses.map((c) => c.id)).toEqual(catalog.courses.map((c) => c.id));
    expect(await db.course.count({ where: { slug: { in: ["sample", "second"] } } })).toBe(2);

    const course = catalog.bySlug.get("sample")!;
    const lesson = await getLessonContent(course, "intro", "fr", dirs.cacheDir);
    expect(lesson.segments[0]).toEqual({ type: "html", html: expect.stringContaining("Some text for intro in fr.") });

    // Memoised: a second read does not touch the file system.
    fs.rmSync(lessonEntryPath(dirs.cacheDir, course.lessons.intro.fr!));
    expect((await getLessonContent(course, "intro", "fr", dirs.cacheDir)).key).toBe(lesson.key);
    // An entry the manifest names but the cache lost is a clear error, not a compile.
    fs.rmSync(lessonEntryPath(dirs.cacheDir, course.lessons.terms.en!));
    await expect(getLessonContent(course, "terms", "en", dirs.cacheDir)).rejects.toThrow(/npm run courses:build/);
  });

  test("getCatalog is memoised per cache directory", async () => {
    writeCourse(dirs.coursesDir, "sample");
    await buildCourses({ coursesDir: dirs.coursesDir, cacheDir: dirs.cacheDir, pipeline: { kinds: [], checks: [] } });
    const first = await getCatalog(dirs.cacheDir);
    fs.rmSync(manifestPath(dirs.cacheDir));
    // NODE_ENV is "test": the manifest is read once, like in production.
    expect(await getCatalog(dirs.cacheDir)).toBe(first);
  });

  test("a rebuild is served as a new catalogue object: at once after reloadCatalog, else after one stat check", async () => {
    const pipeline = { kinds: [], checks: [] };
    writeCourse(dirs.coursesDir, "sample");
    await buildCourses({ coursesDir: dirs.coursesDir, cacheDir: dirs.cacheDir, pipeline });
    const first = await getCatalog(dirs.cacheDir);
    expect(first.courses.map((c) => c.slug)).toEqual(["sample"]);

    writeCourse(dirs.coursesDir, "second");
    await buildCourses({ coursesDir: dirs.coursesDir, cacheDir: dirs.cacheDir, pipeline });
    const reloaded = await reloadCatalog(dirs.cacheDir);
    expect(reloaded).not.toBe(first);
    expect(reloaded.courses.map((c) => c.slug)).toEqual(["sample", "second"]);
    expect(await getCatalog(dirs.cacheDir)).toBe(reloaded);

    // Another process rebuilt: this one notices on its next check, and only then.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      writeCourse(dirs.coursesDir, "third");
      await buildCourses({ coursesDir: dirs.coursesDir, cacheDir: dirs.cacheDir, pipeline });
      expect(await getCatalog(dirs.cacheDir)).toBe(reloaded);
      vi.setSystemTime(Date.now() + CATALOG_RECHECK_MS);
      const third = await getCatalog(dirs.cacheDir);
      expect(third).not.toBe(reloaded);
      expect(third.bySlug.has("third")).toBe(true);
      // Nothing changed since: the same object.
      vi.setSystemTime(Date.now() + CATALOG_RECHECK_MS);
      expect(await getCatalog(dirs.cacheDir)).toBe(third);
    } finally {
      vi.useRealTimers();
    }
  });
});
