import fs from "node:fs";
import { migrate, openDatabase } from "../../app/db/migrate.server";
import { TEMPLATE_DB, TEST_TMP_DIR } from "./paths";

/**
 * Builds one migrated template database per run. Each test file then copies it
 * (vitest.setup.ts), which is much faster than migrating per file and needs no
 * truncation between files.
 */
export default function setup(): void {
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
}
