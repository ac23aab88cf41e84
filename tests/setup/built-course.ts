import { buildCourses } from "~/catalog/build.server";
import { type CatalogCourse, loadCatalog } from "~/catalog/catalog.server";
import { contentPipeline } from "~/content-kinds.server";

/**
 * Builds a test's course folder with the real content kinds into `cacheDir`
 * (the test file's COURSE_CACHE_DIR), fails on any build message, and returns
 * the course as the server sees it.
 */
export async function buildAndGetCourse(coursesDir: string, cacheDir: string, slug: string): Promise<CatalogCourse> {
  const summary = await buildCourses({ coursesDir, cacheDir, pipeline: contentPipeline });
  if (summary.failures.length) throw new Error(`course build failed:\n${summary.failures.join("\n")}`);
  // Read afresh (getCatalog reads the manifest once per process outside development).
  const course = (await loadCatalog(cacheDir)).bySlug.get(slug);
  if (!course) throw new Error(`${slug} is not in the built catalogue`);
  return course;
}
