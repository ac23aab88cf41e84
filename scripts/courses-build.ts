/**
 * `npm run courses:build [-- --prune]`: validates courses/, renders every
 * lesson to cached HTML segments, builds each course's document (quizzes,
 * assignments) and writes the manifest the server reads. Exits non-zero on
 * any invalid course.yml, lesson, quiz or assignment.
 */
import { buildCourses, pruneCache } from "~/catalog/build.server";
import { env } from "~/config/env.server";
import { contentPipeline } from "~/content-kinds.server";

const tty = process.stdout.isTTY;
const BAR_WIDTH = 24;

function bar(done: number, total: number): string {
  const filled = total ? Math.round((done / total) * BAR_WIDTH) : BAR_WIDTH;
  return `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${done}/${total}`;
}

const summary = await buildCourses({
  coursesDir: env.COURSES_DIR, packageCoursesDir: env.PACKAGE_COURSES_DIR,
  cacheDir: env.COURSE_CACHE_DIR,
  pipeline: contentPipeline,
  onEvent(event) {
    if (event.type === "plan") {
      console.log(`courses: ${event.courses} course(s), ${event.lessons} lesson file(s) in ${env.COURSES_DIR} and ${env.PACKAGE_COURSES_DIR}`);
    } else if (event.type === "lesson" && tty) {
      const width = (process.stdout.columns || 80) - 1;
      process.stdout.write(`\r${`${bar(event.done, event.total)} ${event.file}`.slice(0, width).padEnd(width)}`);
    } else if (event.type === "course") {
      if (tty) process.stdout.write(`\r${" ".repeat((process.stdout.columns || 80) - 1)}\r`);
      const status = event.errors.length ? `FAILED (${event.errors.length} problem(s))` : "ok";
      console.log(`  ${event.slug}: ${event.lessons} lesson file(s), ${event.compiled} compiled, ${event.cacheHits} from cache — ${status}`);
      for (const message of event.errors) console.error(`    ${message}`);
    }
  },
});

const seconds = (summary.ms / 1000).toFixed(1);
console.log(
  `courses: ${summary.courses} course(s), ${summary.lessons} lesson file(s): ${summary.compiled} compiled, ` +
    `${summary.cacheHits} cache hit(s), ${summary.failures.length} failure(s) in ${seconds}s`,
);
if (summary.failures.length) {
  console.error(`courses: build failed; the previous manifest in ${env.COURSE_CACHE_DIR} was kept.`);
  process.exit(1);
}
if (process.argv.includes("--prune")) {
  console.log(`courses: pruned ${await pruneCache(env.COURSE_CACHE_DIR)} unused cache file(s)`);
}
