import path from "node:path";
import { buildCourses, courseFolders } from "~/catalog/build.server";
import { loadCourseDefinition } from "~/catalog/course-schema.server";
import { contentPipeline } from "~/content-kinds.server";
import { validateCourseAssignments } from "~/learning/assignment/assignment-format.server";
import { validateCourseQuizzes } from "~/learning/quiz/load.server";
import { type CourseOutline, readCourseOutline } from "./course-outline.server";
import { lessonFileProblems } from "./lesson-checks.server";
import { messageLines } from "./message-lines.server";

/**
 * `npm run courses:check`: every problem of the whole library at once, each
 * with its file and line. It runs the course build itself (without
 * publishing anything), so what the check accepts the build accepts, and
 * adds what the build does not see: quizzes and assignments of a course whose
 * course.yml is invalid, raw HTML, images and links between lessons.
 */
export type CheckedCourse = { slug: string; lessons: number; problems: string[] };
export type CheckSummary = { courses: number; lessons: number; problems: string[] };

export type CheckOptions = {
  coursesDir: string;
  /** PACKAGE_COURSES_DIR: courses made from SCORM packages, checked with the others (decision 026). */
  packageCoursesDir?: string;
  /** Where rendered lessons are cached (the build's cache: a later build then has nothing to compile). */
  cacheDir: string;
  onCourse?: (course: CheckedCourse) => void;
};

/** The checks the build skips once course.yml is invalid, run on what can be read of it. */
async function withoutValidCourseFile(coursesDir: string, outline: CourseOutline): Promise<string[]> {
  const courseDir = path.join(coursesDir, outline.slug);
  const quizzes = await validateCourseQuizzes(courseDir, outline.languages);
  const assignments = await validateCourseAssignments(courseDir, outline.languages);
  return [...(quizzes.ok ? [] : quizzes.errors), ...(assignments.ok ? [] : assignments.errors)];
}

export async function checkCourses({ coursesDir, packageCoursesDir, cacheDir, onCourse }: CheckOptions): Promise<CheckSummary> {
  const { folders } = await courseFolders(coursesDir, packageCoursesDir);
  const slugs = [...folders.keys()].sort();
  const outlines = await Promise.all(slugs.map((slug) => readCourseOutline(folders.get(slug)!, slug)));
  const library = new Map(outlines.map((o) => [o.slug, new Set(o.lessonIds)]));

  const extra = new Map<string, string[]>();
  for (const outline of outlines) {
    const dir = folders.get(outline.slug)!;
    const problems = await lessonFileProblems(dir, outline.slug, library);
    const definition = await loadCourseDefinition(dir, outline.slug);
    if (!definition.ok) problems.push(...definition.errors, ...(await withoutValidCourseFile(dir, outline)));
    extra.set(outline.slug, problems);
  }

  const withLine = messageLines(coursesDir);
  const problems: string[] = [];
  let lessons = 0;
  await buildCourses({
    coursesDir,
    packageCoursesDir,
    cacheDir,
    pipeline: contentPipeline,
    writeManifest: false,
    onEvent(event) {
      if (event.type !== "course") return;
      const found = [...new Set([...event.errors, ...(extra.get(event.slug) ?? [])])].map(withLine);
      const count = outlines.find((o) => o.slug === event.slug)?.lessonIds.length ?? 0;
      lessons += count;
      problems.push(...found);
      onCourse?.({ slug: event.slug, lessons: count, problems: found });
    },
  });
  return { courses: slugs.length, lessons, problems };
}
