import path from "node:path";

/** Where the test databases live (git-ignored). */
export const TEST_TMP_DIR = path.resolve("tests/.tmp");
/** Migrated once per run by vitest.global.ts, copied by vitest.setup.ts for each test file. */
export const TEMPLATE_DB = path.join(TEST_TMP_DIR, "template.db");
/** The repository's courses, compiled once per run by vitest.global.ts, so tests never depend on a developer's .cache. */
export const TEST_COURSE_CACHE = path.join(TEST_TMP_DIR, "course-cache");
