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

async function readManifest(cacheDir: string): Promise<{ manifest: Manifest; mtimeMs: number }> {
  const file = manifestPath(cacheDir);
  let text: string;
  let mtimeMs: number;
  try {
    [text, mtimeMs] = await Promise.all([fs.readFile(file, "utf8"), fs.stat(file).then((s) => s.mtimeMs)]);
  } catch (error) {
    throw new CourseCacheMissingError(cacheDir, (error as NodeJS.ErrnoException).code ?? String(error));
  }
  const manifest = JSON.parse(text) as Manifest;
  if (manifest.format !== MANIFEST_FORMAT) {
    throw new CourseCacheMissingError(cacheDir, `manifest format ${manifest.format}, expected ${MANIFEST_FORMAT}`);
  }
  return { manifest, mtimeMs };
}

/** Reads a manifest and makes sure every course in it has its Course row. */
export async function loadCatalog(cacheDir: string): Promise<Catalog & { mtimeMs: number }> {
  const { manifest, mtimeMs } = await readManifest(cacheDir);
  const courses: CatalogCourse[] = [];
  for (const course of manifest.courses) {
    const row = await db.course.upsert({ where: { slug: course.slug }, create: { slug: course.slug }, update: {}, select: { id: true } });
    courses.push({ ...course, id: row.id });
  }
  return { builtAt: manifest.builtAt, courses, bySlug: new Map(courses.map((c) => [c.slug, c])), mtimeMs };
}

type Memo = { cacheDir: string; pending: Promise<Catalog & { mtimeMs: number }> };
// Module-level on purpose (not globalThis): each test file has its own
// database, so Course ids must not outlive the module that looked them up.
let current: Memo | undefined;

/**
 * The memoised catalogue. In development the manifest's mtime is checked on
 * every call so `npm run courses:build` in another terminal shows up on the
 * next request; in production it is read once per process.
 */
export async function getCatalog(cacheDir = env.COURSE_CACHE_DIR): Promise<Catalog> {
  let memo = current;
  if (memo && memo.cacheDir === cacheDir && env.NODE_ENV === "development") {
    const loaded = await memo.pending.catch(() => null);
    const mtimeMs = await fs
      .stat(manifestPath(cacheDir))
      .then((s) => s.mtimeMs)
      .catch(() => -1);
    if (!loaded || loaded.mtimeMs !== mtimeMs) memo = undefined;
  }
  if (!memo || memo.cacheDir !== cacheDir) {
    memo = { cacheDir, pending: loadCatalog(cacheDir) };
    current = memo;
    const loading = memo;
    // A failed load (no cache yet) must not stick: the next request tries again.
    loading.pending.catch(() => {
      if (current === loading) current = undefined;
    });
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
