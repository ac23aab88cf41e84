/**
 * `npm run courses:check`: checks every course of courses/ and prints each
 * problem with its file and line (docs/authoring.md, "Checking"). Exits
 * non-zero on any problem. Nothing is published: the server's courses stay
 * as the last `npm run courses:build` left them.
 */
import { checkCourses } from "~/authoring/check.server";
import { env } from "~/config/env.server";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

console.log(`courses:check: checking ${env.COURSES_DIR} and ${env.PACKAGE_COURSES_DIR}`);
const summary = await checkCourses({
  coursesDir: env.COURSES_DIR,
  packageCoursesDir: env.PACKAGE_COURSES_DIR,
  cacheDir: env.COURSE_CACHE_DIR,
  onCourse({ slug, lessons, problems }) {
    const status = problems.length ? plural(problems.length, "problem", "problems") : "ok";
    console.log(`  ${slug}: ${plural(lessons, "lesson", "lessons")} — ${status}`);
    for (const problem of problems) console.log(`    ${problem}`);
  },
});

console.log(
  `courses:check: ${plural(summary.courses, "course", "courses")}, ${plural(summary.lessons, "lesson", "lessons")}, ` +
    `${plural(summary.problems.length, "problem", "problems")}`,
);
if (summary.problems.length) process.exit(1);
