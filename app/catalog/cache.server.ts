import fs from "node:fs/promises";
import path from "node:path";
import type { Locale } from "~/i18n/locales";
import type { CourseDefinition, IslandPlacement, LessonHeading, Segment } from "./types";

/**
 * The compiled-course cache written by `npm run courses:build` and read by the
 * server:
 *   <cacheDir>/manifest.json                        every course, its version, lesson → cache key
 *   <cacheDir>/lessons/<key>.json                   one rendered lesson in one language
 *   <cacheDir>/media/<hash>.<ext>                   images, video, audio and captions the lessons show
 *   <cacheDir>/documents/<slug>.<version>.json      the course's quizzes, assignments… (documents.server.ts)
 * A key is the SHA-256 of the compiler versions, the lesson's source bytes,
 * its course's media files and the island components, so an entry never goes
 * stale: changed input means a new key. Production needs only this folder,
 * not courses/.
 */
export const MANIFEST_FILE = "manifest.json";
/** 2: course documents (quizzes and assignments built with the lessons). */
export const MANIFEST_FORMAT = 2;

export type ManifestCourse = {
  slug: string;
  /**
   * SHA-256 over every file of courses/<slug>/ (lessons, quizzes, assignments, images…): a Completion records
   * the version it was earned on, and the course document is named by it.
   */
  version: string;
  definition: CourseDefinition;
  /** lessonId → language → cache key */
  lessons: Record<string, Partial<Record<Locale, string>>>;
  /**
   * lessonId → language → estimated minutes to study the lesson (reading,
   * quiz questions, assignments: app/catalog/reading-time.server.ts).
   * Absent from manifests built before it existed.
   */
  minutes?: Record<string, Partial<Record<Locale, number>>>;
  /**
   * Which lesson holds each quiz and assignment (the completion rule's
   * progress per module needs it). Absent from manifests built before it existed.
   */
  islands?: IslandPlacement[];
  /** "package": built from PACKAGE_COURSES_DIR (decision 026); absent for the content repository's courses. */
  origin?: "package";
};

export type Manifest = { format: typeof MANIFEST_FORMAT; builtAt: string; courses: ManifestCourse[] };

export type LessonCacheEntry = {
  key: string;
  /** The source it was rendered from, for messages (courses/<slug>/lessons/<id>.<lang>.mdx). */
  file: string;
  segments: Segment[];
  headings: LessonHeading[];
  /** Files of <cacheDir>/media/ the lesson shows (absent from entries rendered before media existed). */
  media?: string[];
};

export function manifestPath(cacheDir: string): string {
  return path.join(cacheDir, MANIFEST_FILE);
}

export function lessonEntryPath(cacheDir: string, key: string): string {
  return path.join(cacheDir, "lessons", `${key}.json`);
}

/** Write-then-rename, so a server reading the cache never sees half a file. */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(tmp, JSON.stringify(value));
  await fs.rename(tmp, file);
}

export async function readLessonEntry(cacheDir: string, key: string): Promise<LessonCacheEntry | null> {
  try {
    return JSON.parse(await fs.readFile(lessonEntryPath(cacheDir, key), "utf8")) as LessonCacheEntry;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
