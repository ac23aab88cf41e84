import fs from "node:fs/promises";
import { env } from "~/config/env.server";
import { db } from "~/db/client.server";
import type { Locale } from "~/i18n/locales";
import { type LessonCacheEntry, type Manifest, MANIFEST_FORMAT, type ManifestCourse, manifestPath, readLessonEntry } from "./cache.server";

/**
 * The courses the server knows, read from the cache `npm run courses:build`
 * writes. Nothing here compiles: a request only reads JSON (memoised).
 */
export type CatalogCourse = ManifestCourse & {
  /** The Course row's id (rows are upserted by slug when a manifest is loaded). */
  id: string;
};

export type Catalog = { builtAt: string; courses: CatalogCourse[]; bySlug: Map<string, CatalogCourse> };

export class CourseCacheMissingError extends Error {
  constructor(cacheDir: string, detail: string) {
    super(`The compiled course cache in ${cacheDir} is missing or unreadable (${detail}). Run \`npm run courses:build\`.`);
    this.name = "CourseCacheMissingError";
  }
}

/** Which manifest file a catalogue was read from: a rebuild renames a new file into place (new inode, mtime, size). */
async function manifestSignature(cacheDir: string): Promise<string | null> {
  const stat = await fs.stat(manifestPath(cacheDir)).catch(() => null);
  return stat ? `${stat.ino}:${stat.size}:${stat.mtimeMs}` : null;
}

async function readManifest(cacheDir: string): Promise<{ manifest: Manifest; signature: string }> {
  const file = manifestPath(cacheDir);
  let text: string;
  // Taken before reading: a manifest replaced in between is read again on the next check, never missed.
  const signature = await manifestSignature(cacheDir);
  try {
    text = await fs.readFile(file, "utf8");
  } catch (error) {
    throw new CourseCacheMissingError(cacheDir, (error as NodeJS.ErrnoException).code ?? String(error));
  }
  const manifest = JSON.parse(text) as Manifest;
  if (manifest.format !== MANIFEST_FORMAT) {
    throw new CourseCacheMissingError(cacheDir, `manifest format ${manifest.format}, expected ${MANIFEST_FORMAT}`);
  }
  return { manifest, signature: signature ?? "" };
}

type Loaded = Catalog & { signature: string };

/** Reads a manifest and makes sure every course in it has its Course row. Always a new object. */
export async function loadCatalog(cacheDir: string): Promise<Loaded> {
  const { manifest, signature } = await readManifest(cacheDir);
  const courses: CatalogCourse[] = [];
  for (const course of manifest.courses) {
    const row = await db.course.upsert({ where: { slug: course.slug }, create: { slug: course.slug }, update: {}, select: { id: true } });
    courses.push({ ...course, id: row.id });
  }
  return { builtAt: manifest.builtAt, courses, bySlug: new Map(courses.map((c) => [c.slug, c])), signature };
}

/** How often a production process looks at the manifest's file (one stat) to pick up a rebuild made by another process. */
export const CATALOG_RECHECK_MS = 1000;

type Memo = { cacheDir: string; pending: Promise<Loaded>; checkedAt: number; reloading?: Promise<Loaded> };
// Module-level on purpose (not globalThis): each test file has its own
// database, so Course ids must not outlive the module that looked them up.
let current: Memo | undefined;

function startLoad(cacheDir: string): Memo {
  const memo: Memo = { cacheDir, pending: loadCatalog(cacheDir), checkedAt: Date.now() };
  current = memo;
  // A failed load (no cache yet) must not stick: the next request tries again.
  memo.pending.catch(() => {
    if (current === memo) current = undefined;
  });
  return memo;
}

/**
 * Reads the manifest again and swaps the catalogue in: every caller from now
 * on gets the new object (caches keyed on the catalogue object start afresh).
 * A manifest that cannot be read leaves the loaded catalogue in place. The
 * course build calls this after an in-process rebuild (/admin/scorm).
 */
export async function reloadCatalog(cacheDir = env.COURSE_CACHE_DIR): Promise<Catalog> {
  const memo = current;
  if (!memo || memo.cacheDir !== cacheDir) return startLoad(cacheDir).pending;
  if (memo.reloading) return memo.reloading;
  const reloading = loadCatalog(cacheDir);
  memo.reloading = reloading;
  try {
    const loaded = await reloading;
    if (current === memo) current = { cacheDir, pending: Promise.resolve(loaded), checkedAt: Date.now() };
    return loaded;
  } catch (error) {
    // Without a readable manifest the loaded catalogue is still the last good build.
    const previous = await memo.pending.catch(() => null);
    if (previous) return previous;
    throw error;
  } finally {
    memo.reloading = undefined;
  }
}

/**
 * The memoised catalogue. The manifest's file is looked at (one stat) on
 * every call in development and at most every CATALOG_RECHECK_MS otherwise;
 * when a build replaced it (`npm run courses:build`, an admin's in-process
 * rebuild in this or another server process), it is read again, as a new
 * catalogue object. A missing manifest keeps the loaded catalogue.
 */
export async function getCatalog(cacheDir = env.COURSE_CACHE_DIR): Promise<Catalog> {
  const memo = current;
  if (!memo || memo.cacheDir !== cacheDir) return startLoad(cacheDir).pending;
  const now = Date.now();
  if (env.NODE_ENV === "development" || now - memo.checkedAt >= CATALOG_RECHECK_MS) {
    memo.checkedAt = now;
    const [loaded, signature] = await Promise.all([memo.pending.catch(() => null), manifestSignature(cacheDir)]);
    if (!loaded) return getCatalog(cacheDir);
    if (signature && signature !== loaded.signature) return reloadCatalog(cacheDir);
  }
  return memo.pending;
}

export async function getCourse(slug: string): Promise<CatalogCourse | null> {
  return (await getCatalog()).bySlug.get(slug) ?? null;
}

const MAX_MEMOISED_LESSONS = 500;
const lessonMemo = new Map<string, LessonCacheEntry>();

/**
 * One rendered lesson in one language. Entries are immutable (their key is a
 * content hash), so the memo never needs invalidating, only bounding.
 */
export async function getLessonContent(
  course: CatalogCourse,
  lessonId: string,
  lang: Locale,
  cacheDir = env.COURSE_CACHE_DIR,
): Promise<LessonCacheEntry> {
  const key = course.lessons[lessonId]?.[lang];
  if (!key) throw new Error(`Lesson ${course.slug}/${lessonId} has no ${lang} version in the manifest`);
  const memoised = lessonMemo.get(key);
  if (memoised) {
    lessonMemo.delete(key);
    lessonMemo.set(key, memoised);
    return memoised;
  }
  const entry = await readLessonEntry(cacheDir, key);
  if (!entry) throw new CourseCacheMissingError(cacheDir, `lesson entry ${key} for ${course.slug}/${lessonId}.${lang}`);
  lessonMemo.set(key, entry);
  if (lessonMemo.size > MAX_MEMOISED_LESSONS) lessonMemo.delete(lessonMemo.keys().next().value as string);
  return entry;
}
