import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { type Manifest, MANIFEST_FORMAT, manifestPath, readLessonEntry } from "./cache.server";
import { displayPath, listCourseSlugs } from "./course-schema.server";
import { documentPath } from "./documents.server";
import { MEDIA_DIR } from "./media-files.server";

/**
 * The course build's versioning, without the compilers: cheap enough for
 * `npm start` to ask, on every start, whether the compiled cache still
 * matches courses/ (decision 029). The build (build.server.ts) uses the same
 * functions to name what it writes.
 */

async function filesUnder(dir: string, prefix = ""): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith(".")) continue;
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await filesUnder(path.join(dir, entry.name), rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

/**
 * A course's version: SHA-256 over the names and bytes of every file in its
 * folder (course.yml, lessons, quizzes, assignments, images…), so it changes
 * whenever any of the course's content does. A Completion records it.
 */
export async function courseVersion(courseDir: string): Promise<string> {
  const hash = createHash("sha256");
  for (const rel of await filesUnder(courseDir)) {
    hash.update(rel).update("\0").update(await fs.readFile(path.join(courseDir, rel))).update("\0");
  }
  return hash.digest("hex");
}

/** slug → the folder holding it, over both course folders; a slug in both is reported, and only the first one built. */
export async function courseFolders(coursesDir: string, packageCoursesDir?: string): Promise<{ folders: Map<string, string>; clashes: string[] }> {
  const folders = new Map<string, string>();
  const clashes: string[] = [];
  for (const dir of packageCoursesDir && path.resolve(packageCoursesDir) !== path.resolve(coursesDir) ? [coursesDir, packageCoursesDir] : [coursesDir]) {
    for (const slug of await listCourseSlugs(dir)) {
      const first = folders.get(slug);
      if (first) clashes.push(`${displayPath(dir, slug)}: a course with this slug is already in ${displayPath(first, slug)} (slugs must be unique across both course folders)`);
      else folders.set(slug, dir);
    }
  }
  return { folders, clashes };
}

/**
 * Why the compiled cache does not match the course folders, or null when it
 * does: the manifest is of this format, names exactly the courses of both
 * folders, each at the version (content hash) its folder has now, and every
 * lesson entry and course document it names is in the cache. A lesson's cache
 * key also covers the compilers and the island kinds; those change only with
 * the app's code or its packages, and `npm start` then rebuilds everything.
 */
export async function staleCourseBuild({
  coursesDir,
  packageCoursesDir,
  cacheDir,
}: {
  coursesDir: string;
  packageCoursesDir?: string;
  cacheDir: string;
}): Promise<string | null> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await fs.readFile(manifestPath(cacheDir), "utf8")) as Manifest;
  } catch {
    return "no compiled courses yet";
  }
  if (manifest.format !== MANIFEST_FORMAT) return `the cache was written by another version (format ${manifest.format})`;
  const { folders, clashes } = await courseFolders(coursesDir, packageCoursesDir);
  if (clashes.length) return clashes[0];
  const built = new Map(manifest.courses.map((c) => [c.slug, c]));
  for (const slug of folders.keys()) if (!built.has(slug)) return `${slug} is not built yet`;
  for (const course of manifest.courses) {
    const dir = folders.get(course.slug);
    if (!dir) return `${course.slug} is no longer in the course folders`;
    if ((await courseVersion(path.join(dir, course.slug))) !== course.version) return `${course.slug} changed`;
    if (!existsSync(documentPath(cacheDir, course.slug, course.version))) return `the document of ${course.slug} is missing from the cache`;
    for (const byLang of Object.values(course.lessons)) {
      for (const key of Object.values(byLang)) {
        // As the build's own cache check: the entry, and the media files its HTML names.
        const entry = await readLessonEntry(cacheDir, key);
        if (!entry || !(entry.media ?? []).every((name) => existsSync(path.join(cacheDir, MEDIA_DIR, name)))) {
          return `a lesson of ${course.slug} is missing from the cache`;
        }
      }
    }
  }
  return null;
}
