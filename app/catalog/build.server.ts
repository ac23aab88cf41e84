import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  type LessonCacheEntry,
  lessonEntryPath,
  type Manifest,
  MANIFEST_FORMAT,
  type ManifestCourse,
  manifestPath,
  readLessonEntry,
  writeJsonAtomic,
} from "./cache.server";
import { compileLesson, LessonBuildError } from "./compile-lesson.server";
import {
  displayPath,
  LESSONS_DIR,
  lessonFileName,
  loadCourseDefinition,
} from "./course-schema.server";
import { buildKindEntries, type ContentPipeline, islandComponents, type PlacedIsland } from "./content-kind.server";
import { courseFolders, courseVersion } from "./build-state.server";
import { type CourseDocument, documentPath, DOCUMENTS_DIR } from "./documents.server";
import { courseMediaDigest, importMediaFile, MEDIA_DIR } from "./media-files.server";
import { lessonMinutes } from "./reading-time.server";
import { RENDERER_VERSION, renderLesson } from "./render-lesson.server";
import type { Locale } from "~/i18n/locales";
import type { CourseDefinition, IslandPlacement, Segment } from "./types";

export { courseFolders, courseVersion };

export type BuildOptions = {
  coursesDir: string;
  /**
   * Courses made on the server from SCORM packages (PACKAGE_COURSES_DIR, decision 026): built like
   * coursesDir's; a slug in both folders is a build error.
   */
  packageCoursesDir?: string;
  cacheDir: string;
  /** The content kinds and cross-kind checks (app/content-kinds.server.ts). */
  pipeline: ContentPipeline;
  onEvent?: (event: BuildEvent) => void;
  /** False for `npm run courses:check`: everything is validated and rendered (into the cache), nothing is published. */
  writeManifest?: boolean;
  /**
   * The server's in-process rebuild (/admin/scorm): only packageCoursesDir is read; the content repository's
   * courses are carried over from the current manifest as they were built, since a running server never reads
   * COURSES_DIR (decision 026). A package course with the slug of a carried one is a build error.
   */
  libraryFromManifest?: boolean;
};

export type BuildEvent =
  | { type: "plan"; courses: number; lessons: number }
  | { type: "lesson"; slug: string; file: string; cached: boolean; done: number; total: number }
  | { type: "course"; slug: string; lessons: number; compiled: number; cacheHits: number; errors: string[] };

export type BuildSummary = {
  courses: number;
  /** Lesson files (lessons × languages) in valid courses. */
  lessons: number;
  compiled: number;
  cacheHits: number;
  /** One message per problem, each naming its file. Non-empty means the manifest was not written. */
  failures: string[];
  ms: number;
};

/** Walks up from this file to node_modules: works from tsx, Vitest and a bundled server alike. */
function packageVersion(name: string): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = path.join(dir, "node_modules", name, "package.json");
    if (existsSync(file)) return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
    const parent = path.dirname(dir);
    if (parent === dir) return "unknown";
    dir = parent;
  }
}

let fingerprint: string | undefined;

/** Everything besides the source that decides a lesson's output. */
export function compilerFingerprint(): string {
  fingerprint ??= ["mdx-bundler", "esbuild", "react-dom", "remark-gfm"]
    .map((name) => `${name}@${packageVersion(name)}`)
    .concat(`renderer@${RENDERER_VERSION}`)
    .join(" ");
  return fingerprint;
}

/**
 * `mediaDigest` covers the course's media files (courseMediaDigest): the lesson's HTML names them by content.
 * `islands` (MDX component → kind) too: a new kind turns <Scorm /> from an error into an island.
 */
export function lessonCacheKey(source: Buffer, mediaDigest = "", islands: Record<string, string> = {}): string {
  const names = Object.entries(islands)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([component, kind]) => `${component}=${kind}`)
    .join(",");
  return createHash("sha256")
    .update(compilerFingerprint())
    .update("\0")
    .update(source)
    .update("\0")
    .update(mediaDigest)
    .update("\0")
    .update(names)
    .digest("hex");
}

type LessonInput = {
  cacheDir: string;
  courseDir: string;
  mediaDigest: string;
  source: Buffer;
  file: string;
  lang: Locale;
  islands: Record<string, string>;
};

async function renderedLesson({ cacheDir, courseDir, mediaDigest, source, file, lang, islands }: LessonInput): Promise<{ entry: LessonCacheEntry; cached: boolean }> {
  const key = lessonCacheKey(source, mediaDigest, islands);
  const existing = await readLessonEntry(cacheDir, key);
  // A pruned or deleted media folder means rendering again, which copies the files back.
  if (existing && (existing.media ?? []).every((name) => existsSync(path.join(cacheDir, MEDIA_DIR, name)))) return { entry: existing, cached: true };
  const code = await compileLesson(source.toString("utf8"), file);
  const resolveMedia = (src: string, use: Parameters<typeof importMediaFile>[0]["use"]) => importMediaFile({ courseDir, cacheDir, src, use });
  const entry: LessonCacheEntry = { key, file, ...renderLesson(code, file, { lang, resolveMedia, islands }) };
  await writeJsonAtomic(lessonEntryPath(cacheDir, key), entry);
  return { entry, cached: false };
}

/** One entry per island with an id, whatever the number of languages showing it. */
function islandPlacements(islands: PlacedIsland[]): IslandPlacement[] {
  const seen = new Map<string, IslandPlacement>();
  for (const { kind, lessonId, props } of islands) {
    if (typeof props.id !== "string") continue;
    const key = `${kind}\0${props.id}\0${lessonId}`;
    if (!seen.has(key)) seen.set(key, { kind, id: props.id, lessonId });
  }
  return [...seen.values()];
}

function lessonCount(course: CourseDefinition): number {
  return course.modules.reduce((n, m) => n + m.lessons.length, 0) * course.languages.length;
}

/**
 * Validates every course, renders every lesson in every language (from the
 * cache when its source is unchanged), builds and checks every content kind's
 * entries into the course document, runs the course checks, and writes the
 * manifest — only when nothing failed, so the server keeps serving the last
 * good build.
 */
/** The content repository's courses of the current manifest (none without one): what an in-process rebuild keeps. */
async function libraryCoursesOf(cacheDir: string): Promise<ManifestCourse[]> {
  const text = await fs.readFile(manifestPath(cacheDir), "utf8").catch(() => null);
  if (!text) return [];
  const manifest = JSON.parse(text) as Manifest;
  return manifest.format === MANIFEST_FORMAT ? manifest.courses.filter((c) => c.origin !== "package") : [];
}

export async function buildCourses({
  coursesDir: mainCoursesDir,
  packageCoursesDir,
  cacheDir,
  pipeline,
  onEvent,
  writeManifest = true,
  libraryFromManifest = false,
}: BuildOptions): Promise<BuildSummary> {
  const started = performance.now();
  const components = islandComponents(pipeline.kinds);
  const failures: string[] = [];
  if (libraryFromManifest && !packageCoursesDir) throw new Error("libraryFromManifest needs packageCoursesDir");
  const carried = libraryFromManifest ? await libraryCoursesOf(cacheDir) : [];
  const { folders, clashes } = libraryFromManifest ? await courseFolders(packageCoursesDir!) : await courseFolders(mainCoursesDir, packageCoursesDir);
  failures.push(...clashes);
  for (const course of carried) {
    const dir = folders.get(course.slug);
    if (dir) failures.push(`${displayPath(dir, course.slug)}: a course with this slug is already in the content repository (slugs must be unique across both course folders)`);
  }
  const isPackageFolder = (dir: string) => Boolean(packageCoursesDir) && path.resolve(dir) === path.resolve(packageCoursesDir!);
  const slugs = [...folders.keys()].sort();
  const dirOf = (slug: string) => folders.get(slug)!;

  const valid: CourseDefinition[] = [];
  const invalid = new Map<string, string[]>();
  for (const slug of slugs) {
    const checked = await loadCourseDefinition(dirOf(slug), slug);
    if (checked.ok) valid.push(checked.course);
    else invalid.set(slug, checked.errors);
  }
  const total = valid.reduce((n, c) => n + lessonCount(c), 0);
  onEvent?.({ type: "plan", courses: slugs.length, lessons: total });

  let done = 0;
  let compiled = 0;
  let cacheHits = 0;
  const manifestCourses: ManifestCourse[] = [];
  for (const slug of slugs) {
    const course = valid.find((c) => c.slug === slug);
    if (!course) {
      const errors = invalid.get(slug) ?? [];
      failures.push(...errors);
      onEvent?.({ type: "course", slug, lessons: 0, compiled: 0, cacheHits: 0, errors });
      continue;
    }
    const coursesDir = dirOf(slug);
    const courseDir = path.join(coursesDir, slug);
    const errors: string[] = [];
    const stats = { compiled: 0, cacheHits: 0 };
    const lessons: ManifestCourse["lessons"] = {};
    const minutes: NonNullable<ManifestCourse["minutes"]> = {};
    const islands: PlacedIsland[] = [];
    const mediaDigest = courseMediaDigest(courseDir);
    // Study minutes need the kinds' entries (a quiz's questions), built after the lessons.
    const renderedLessons: { lessonId: string; lang: Locale; segments: Segment[] }[] = [];
    for (const mod of course.modules) {
      for (const lesson of mod.lessons) {
        lessons[lesson.id] = {};
        minutes[lesson.id] = {};
        for (const lang of course.languages) {
          const name = lessonFileName(lesson.id, lang);
          const file = displayPath(coursesDir, slug, LESSONS_DIR, name);
          let cached = false;
          try {
            const source = await fs.readFile(path.join(courseDir, LESSONS_DIR, name));
            const rendered = await renderedLesson({ cacheDir, courseDir, mediaDigest, source, file, lang, islands: components });
            cached = rendered.cached;
            lessons[lesson.id][lang] = rendered.entry.key;
            renderedLessons.push({ lessonId: lesson.id, lang, segments: rendered.entry.segments });
            stats[cached ? "cacheHits" : "compiled"]++;
            for (const segment of rendered.entry.segments) {
              if (segment.type !== "island") continue;
              islands.push({ kind: segment.kind, lessonId: lesson.id, lang, props: segment.props });
              const validate = pipeline.kinds.find((k) => k.name === segment.kind)?.validateIsland;
              if (validate) errors.push(...(await validate({ courseDir, course, lessonId: lesson.id, lang, file, props: segment.props })));
            }
          } catch (error) {
            errors.push(error instanceof LessonBuildError ? error.message : `${file}: ${(error as Error).message}`);
          }
          done++;
          onEvent?.({ type: "lesson", slug, file, cached, done, total });
        }
      }
    }
    const entries: CourseDocument["entries"] = {};
    let entriesOk = true;
    for (const kind of pipeline.kinds) {
      const built = await buildKindEntries(kind, { courseDir, course, islands });
      errors.push(...built.errors);
      if (built.entries) entries[kind.name] = built.entries;
      else if (kind.buildEntries) entriesOk = false;
    }
    // Cross-kind checks read entries, so they only run once every kind's files are valid.
    if (entriesOk) for (const check of pipeline.checks) errors.push(...(await check({ courseDir, course, islands, entries })));
    const islandMinutes = (segment: Extract<Segment, { type: "island" }>) =>
      pipeline.kinds.find((k) => k.name === segment.kind)?.studyMinutes?.({ props: segment.props, entries: entries[segment.kind] ?? {} }) ?? 0;
    for (const { lessonId, lang, segments } of renderedLessons) minutes[lessonId][lang] = lessonMinutes({ segments, lang, islandMinutes });
    compiled += stats.compiled;
    cacheHits += stats.cacheHits;
    failures.push(...errors);
    onEvent?.({ type: "course", slug, lessons: lessonCount(course), ...stats, errors });
    if (!errors.length) {
      const version = await courseVersion(courseDir);
      const document: CourseDocument = { slug, version, entries };
      if (writeManifest) await writeJsonAtomic(documentPath(cacheDir, slug, version), document);
      manifestCourses.push({
        slug,
        version,
        definition: course,
        lessons,
        minutes,
        islands: islandPlacements(islands),
        ...(isPackageFolder(coursesDir) ? { origin: "package" as const } : {}),
      });
    }
  }

  if (!failures.length && writeManifest) {
    const courses = [...carried, ...manifestCourses].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
    const manifest: Manifest = { format: MANIFEST_FORMAT, builtAt: new Date().toISOString(), courses };
    await writeJsonAtomic(manifestPath(cacheDir), manifest);
  }
  return { courses: slugs.length, lessons: total, compiled, cacheHits, failures, ms: Math.round(performance.now() - started) };
}

/**
 * Deletes cached lessons, media files and course documents that the current
 * manifest does not use (`npm run courses:build -- --prune`).
 */
export async function pruneCache(cacheDir: string): Promise<number> {
  const manifest = JSON.parse(await fs.readFile(manifestPath(cacheDir), "utf8")) as Manifest;
  const usedLessons = new Set(manifest.courses.flatMap((c) => Object.values(c.lessons).flatMap((l) => Object.values(l))));
  const usedDocuments = new Set(manifest.courses.map((c) => path.basename(documentPath(cacheDir, c.slug, c.version), ".json")));
  let removed = 0;
  for (const [dir, used] of [
    [path.dirname(lessonEntryPath(cacheDir, "x")), usedLessons],
    [path.join(cacheDir, DOCUMENTS_DIR), usedDocuments],
  ] as const) {
    for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
      if (name.endsWith(".json") && !used.has(name.slice(0, -5))) {
        await fs.rm(path.join(dir, name), { force: true });
        removed++;
      }
    }
  }
  const usedMedia = new Set<string>();
  for (const key of usedLessons) for (const name of (await readLessonEntry(cacheDir, key))?.media ?? []) usedMedia.add(name);
  const mediaDir = path.join(cacheDir, MEDIA_DIR);
  for (const name of await fs.readdir(mediaDir).catch(() => [] as string[])) {
    if (!usedMedia.has(name)) {
      await fs.rm(path.join(mediaDir, name), { force: true });
      removed++;
    }
  }
  return removed;
}
