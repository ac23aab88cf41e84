import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { buildCourses, type BuildSummary } from "~/catalog/build.server";
import { reloadCatalog } from "~/catalog/catalog.server";
import { contentPipeline } from "~/content-kinds.server";
import { env } from "~/config/env.server";
import { withProcessLock } from "~/jobs/process-lock.server";

/**
 * How /admin/scorm changes a course folder of PACKAGE_COURSES_DIR (decision
 * 030): on a hidden working copy, swapped in by rename, then the courses are
 * rebuilt in-process; a failed build puts the previous folder back, a good
 * one reloads the catalogue.
 */

export type PackageCourseOptions = {
  packageCoursesDir?: string;
  coursesDir?: string;
  storeDir?: string;
  cacheDir?: string;
};

export const dirs = (options: PackageCourseOptions) => ({
  packageCoursesDir: options.packageCoursesDir ?? env.PACKAGE_COURSES_DIR,
  coursesDir: options.coursesDir ?? env.COURSES_DIR,
  storeDir: options.storeDir ?? env.SCORM_DIR,
  cacheDir: options.cacheDir ?? env.COURSE_CACHE_DIR,
});

export const exists = (file: string) =>
  fs.stat(file).then(
    () => true,
    () => false,
  );

/**
 * One change at a time: two admins' changes would otherwise rebuild over each other's half-written folders.
 * Across the server's processes too (decision 032): the lock file sits in the course cache they all build into.
 */
export function serially<T>(fn: () => Promise<T>, cacheDir = env.COURSE_CACHE_DIR): Promise<T> {
  return withProcessLock(path.join(cacheDir, "changes.lock"), fn);
}

/**
 * Applies `change` to a working copy of PACKAGE_COURSES_DIR/<slug> (empty for
 * a new course), swaps it in, rebuilds, and puts the previous folder back if
 * the build fails. Hidden names (a leading dot) are never read as courses.
 */
export async function changeCourseFolder(
  slug: string,
  options: PackageCourseOptions & { isNew: boolean },
  change: (workDir: string) => Promise<void>,
): Promise<{ ok: true } | { ok: false; buildProblems: string[] }> {
  const { packageCoursesDir, coursesDir, cacheDir } = dirs(options);
  await fs.mkdir(packageCoursesDir, { recursive: true });
  const target = path.join(packageCoursesDir, slug);
  const tag = `${slug}.${process.pid}.${randomBytes(4).toString("hex")}`;
  const work = path.join(packageCoursesDir, `.work-${tag}`);
  const previous = path.join(packageCoursesDir, `.previous-${tag}`);
  try {
    if (options.isNew) await fs.mkdir(work);
    else await fs.cp(target, work, { recursive: true, errorOnExist: true });
    await change(work);
  } catch (error) {
    await fs.rm(work, { recursive: true, force: true });
    throw error;
  }
  if (!options.isNew) await fs.rename(target, previous);
  await fs.rename(work, target);
  let summary: BuildSummary;
  try {
    summary = await buildCourses({ coursesDir, packageCoursesDir, cacheDir, pipeline: contentPipeline, libraryFromManifest: true });
  } catch (error) {
    summary = { courses: 0, lessons: 0, compiled: 0, cacheHits: 0, failures: [(error as Error).message], ms: 0 };
  }
  if (summary.failures.length) {
    await fs.rm(target, { recursive: true, force: true });
    if (!options.isNew) await fs.rename(previous, target);
    return { ok: false, buildProblems: summary.failures };
  }
  await fs.rm(previous, { recursive: true, force: true });
  await reloadCatalog(cacheDir);
  return { ok: true };
}

