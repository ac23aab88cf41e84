/**
 * `npm run db:seed`: demo accounts (password in README.md) and the demo
 * learners at different stages of the library's courses. With SEED_ONLY_IF_EMPTY=true (what
 * `npm start` sets) a database that already has users is left alone.
 */
import { buildCourses } from "~/catalog/build.server";
import { CourseCacheMissingError, getCatalog, loadCatalog } from "~/catalog/catalog.server";
import { databasePath, env } from "~/config/env.server";
import { contentPipeline } from "~/content-kinds.server";
import { closeDb, db } from "~/db/client.server";
import { seedDemoData } from "~/db/seed.server";

async function main(): Promise<number> {
  if (env.SEED_ONLY_IF_EMPTY && (await db.user.count()) > 0) {
    console.log("seed: already seeded (the database has users); nothing to do");
    return 0;
  }
  console.log(`seed: seeding ${databasePath()}`);

  // Course rows come from the compiled catalogue: build it first on a fresh clone, or over a cache an older
  // version of Tadrib wrote (another manifest format).
  const readable = await loadCatalog(env.COURSE_CACHE_DIR).then(
    () => true,
    (error: unknown) => {
      if (error instanceof CourseCacheMissingError) return false;
      throw error;
    },
  );
  if (!readable) {
    console.log("seed: no compiled courses yet (or compiled by an older version), running the course build");
    const built = await buildCourses({ coursesDir: env.COURSES_DIR, packageCoursesDir: env.PACKAGE_COURSES_DIR, cacheDir: env.COURSE_CACHE_DIR, pipeline: contentPipeline });
    if (built.failures.length) {
      for (const failure of built.failures) console.error(`  ${failure}`);
      console.error("seed: the course build failed; fix the courses and run `npm run courses:build`");
      return 1;
    }
  }
  const { courses } = await getCatalog();
  console.log(`seed: ${courses.length} course(s) in the catalogue`);

  const result = await seedDemoData({ onlyIfEmpty: env.SEED_ONLY_IF_EMPTY, courses, log: (line) => console.log(line) });
  if (result.skipped) console.log("seed: already seeded");
  else {
    console.log(
      `seed: done — ${result.accounts} demo account(s), ${result.enrolments} enrolment(s), ${result.lessonsCompleted} lesson(s) completed, ` +
        `${result.quizzesPassed} quiz(zes) passed, ${result.completions} course(s) completed, ${result.submissions} assignment(s) to review, ` +
        `${result.attendances} workshop attendance(s)`,
    );
  }
  return 0;
}

const code = await main().finally(() => closeDb());
process.exit(code);
