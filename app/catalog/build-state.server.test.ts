import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { buildCourses } from "./build.server";
import { staleCourseBuild } from "./build-state.server";
import { type Manifest, lessonEntryPath, manifestPath } from "./cache.server";
import { makeCoursesDir, writeCourse } from "./course-fixture.server";
import { documentPath } from "./documents.server";

let dirs: ReturnType<typeof makeCoursesDir>;
beforeEach(() => {
  dirs = makeCoursesDir();
});
afterEach(() => dirs.cleanup());

const build = () => buildCourses({ coursesDir: dirs.coursesDir, cacheDir: dirs.cacheDir, pipeline: { kinds: [], checks: [] } });
const stale = () => staleCourseBuild({ coursesDir: dirs.coursesDir, cacheDir: dirs.cacheDir });
const manifest = () => JSON.parse(fs.readFileSync(manifestPath(dirs.cacheDir), "utf8")) as Manifest;

describe("staleCourseBuild (what npm start asks before serving)", () => {
  test("nothing to do right after a build; a build is needed before the first one", async () => {
    writeCourse(dirs.coursesDir, "sample");
    expect(await stale()).toBe("no compiled courses yet");
    await build();
    expect(await stale()).toBeNull();
  });

  test("any changed file of a course, a new course or a removed one asks for a build", async () => {
    const dir = writeCourse(dirs.coursesDir, "sample");
    await build();
    fs.appendFileSync(path.join(dir, "lessons", "intro.fr.mdx"), "\nEdited.\n");
    expect(await stale()).toBe("sample changed");
    await build();
    expect(await stale()).toBeNull();

    writeCourse(dirs.coursesDir, "second");
    expect(await stale()).toBe("second is not built yet");
    await build();
    fs.rmSync(path.join(dirs.coursesDir, "second"), { recursive: true });
    expect(await stale()).toBe("second is no longer in the course folders");
  });

  test("a lesson entry or course document missing from the cache asks for a build", async () => {
    writeCourse(dirs.coursesDir, "sample");
    await build();
    const [course] = manifest().courses;
    fs.rmSync(lessonEntryPath(dirs.cacheDir, course.lessons.intro.fr!));
    expect(await stale()).toBe("a lesson of sample is missing from the cache");
    await build();
    fs.rmSync(documentPath(dirs.cacheDir, course.slug, course.version));
    expect(await stale()).toBe("the document of sample is missing from the cache");
  });

  test("a manifest of another format asks for a build", async () => {
    writeCourse(dirs.coursesDir, "sample");
    await build();
    fs.writeFileSync(manifestPath(dirs.cacheDir), JSON.stringify({ ...manifest(), format: 1 }));
    expect(await stale()).toBe("the cache was written by another version (format 1)");
  });
});
