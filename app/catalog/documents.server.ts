import fs from "node:fs/promises";
import path from "node:path";
import { env } from "~/config/env.server";
import type { JsonValue } from "./types";

/**
 * The course document: everything of a course besides its rendered lessons
 * (quizzes with their answer keys, assignments with their rubrics, whatever a
 * content kind builds), validated once by `npm run courses:build` and written
 * to <cacheDir>/documents/<slug>.<version>.json. The server reads only this at
 * run time, never courses/. Documents are not served (of the cache, only media/ is), so
 * the answer keys in it stay on the server.
 */
export const DOCUMENTS_DIR = "documents";

export type CourseDocument = {
  slug: string;
  version: string;
  /** Kind → id → entry, as the kind's builder returned it. */
  entries: Record<string, Record<string, JsonValue>>;
};

const SAFE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function documentPath(cacheDir: string, slug: string, version: string): string {
  return path.join(cacheDir, DOCUMENTS_DIR, `${slug}.${version}.json`);
}

type Memo = Map<string, Promise<CourseDocument>>;
const memo: Memo = new Map();
const MAX_MEMOISED = 50;

/**
 * The document of one course version, read once per process: a version is a
 * hash of the course's content, so its document never changes.
 */
export function courseDocument(course: { slug: string; version: string }, cacheDir = env.COURSE_CACHE_DIR): Promise<CourseDocument> {
  const file = documentPath(cacheDir, course.slug, course.version);
  let pending = memo.get(file);
  if (!pending) {
    pending = fs.readFile(file, "utf8").then((text) => JSON.parse(text) as CourseDocument);
    memo.set(file, pending);
    // A missing file (cache deleted under a running server) must not stick.
    pending.catch(() => memo.delete(file));
    if (memo.size > MAX_MEMOISED) memo.delete(memo.keys().next().value as string);
  }
  return pending;
}

/** One entry of a course document (a quiz, an assignment), or null when the course has none of that id. */
export async function documentEntry<T>(
  course: { slug: string; version: string },
  kind: string,
  id: string,
  cacheDir = env.COURSE_CACHE_DIR,
): Promise<T | null> {
  // Ids come from URLs and form fields: only look up own keys, never the prototype.
  if (!SAFE.test(id)) return null;
  const entries = (await courseDocument(course, cacheDir)).entries[kind];
  return entries && Object.prototype.hasOwnProperty.call(entries, id) ? (entries[id] as T) : null;
}
