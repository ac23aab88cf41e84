import fs from "node:fs";
import path from "node:path";
import { buildCourses } from "../../app/catalog/build.server";
import { contentPipeline } from "../../app/content-kinds.server";
import { migrate, openDatabase } from "../../app/db/migrate.server";
import { TEMPLATE_DB, TEST_COURSE_CACHE, TEST_TMP_DIR } from "./paths";

/**
 * Builds one migrated template database per run. Each test file then copies it
 * (vitest.setup.ts), which is much faster than migrating per file and needs no
 * truncation between files.
 */
export default async function setup(): Promise<void> {
  fs.mkdirSync(TEST_TMP_DIR, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(TEMPLATE_DB + suffix, { force: true });
  const database = openDatabase(TEMPLATE_DB);
  try {
    migrate(database);
    // Fold the WAL into the main file so copying template.db alone is a complete database.
    database.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    database.close();
  }
  // A clean clone has no compiled courses: build the repository's own once, so
  // tests that read real course content see the same thing on every machine.
  const summary = await buildCourses({ coursesDir: path.resolve("courses"), cacheDir: TEST_COURSE_CACHE, pipeline: contentPipeline });
  if (summary.failures.length) throw new Error(`courses failed to build:\n${summary.failures.join("\n")}`);
}
