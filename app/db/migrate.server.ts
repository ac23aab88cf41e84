import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { CONNECTION_PRAGMAS } from "./pragmas.server";

/**
 * Applies prisma/migrations/<name>/migration.sql in order and records each in
 * _prisma_migrations exactly as Prisma Migrate does (lowercase hex SHA-256 of
 * the file as checksum, applied_steps_count 1), so `prisma migrate status` on a
 * machine that has Prisma's schema engine agrees with us.
 * Timestamps are integer Unix milliseconds, which is what Prisma's engine
 * (quaint) binds for DATETIME on SQLite.
 * See docs/decisions/002-migrations-without-prisma-engine.md for why we do not use `prisma migrate`.
 */
export const MIGRATIONS_DIR = path.resolve("prisma/migrations");

const BOOKKEEPING_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export type MigrationFile = { name: string; sql: string; checksum: string };
export type MigrateResult = { applied: string[]; alreadyApplied: number };

export class MigrationError extends Error {
  override name = "MigrationError";
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const bytes = fs.readFileSync(path.join(dir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    });
}

type AppliedRow = { migration_name: string; checksum: string; finished_at: string | null; rolled_back_at: string | null };

export function openDatabase(file: string): Database.Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new Database(file, { timeout: 5000 });
  for (const pragma of CONNECTION_PRAGMAS) database.pragma(pragma);
  return database;
}

/**
 * Applies every pending migration, each in its own transaction. Refuses to run
 * when an applied migration's file changed (checksum mismatch) or when an
 * earlier attempt failed half-way, naming the migration and what to do.
 */
export function migrate(
  database: Database.Database,
  options: { dir?: string; onApply?: (name: string, index: number, total: number) => void } = {},
): MigrateResult {
  const files = readMigrations(options.dir);
  database.exec(BOOKKEEPING_TABLE);
  const rows = database
    .prepare(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`)
    .all() as AppliedRow[];
  const applied = new Map<string, AppliedRow>();
  for (const row of rows) {
    if (row.rolled_back_at) continue;
    if (!row.finished_at) {
      throw new MigrationError(
        `Migration "${row.migration_name}" started but did not finish. Restore the database from a backup, ` +
          `or fix it by hand and mark it rolled back, before migrating again.`,
      );
    }
    applied.set(row.migration_name, row);
  }
  for (const name of applied.keys()) {
    if (!files.some((f) => f.name === name)) {
      throw new MigrationError(
        `Migration "${name}" is recorded in the database but missing from ${path.relative(process.cwd(), options.dir ?? MIGRATIONS_DIR)}. ` +
          `Is this database newer than the code?`,
      );
    }
  }
  const pending = files.filter((f) => {
    const row = applied.get(f.name);
    if (row && row.checksum !== f.checksum) {
      throw new MigrationError(
        `Checksum mismatch for migration "${f.name}": the file was changed after it was applied ` +
          `(recorded ${row.checksum.slice(0, 12)}…, file ${f.checksum.slice(0, 12)}…). ` +
          `Never edit an applied migration: revert the file and add a new migration instead.`,
      );
    }
    return !row;
  });

  const insert = database.prepare(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, 0)`,
  );
  const finish = database.prepare(
    `UPDATE "_prisma_migrations" SET finished_at = ?, applied_steps_count = 1 WHERE id = ?`,
  );
  const done: string[] = [];
  pending.forEach((file, index) => {
    options.onApply?.(file.name, index, pending.length);
    const id = randomUUID();
    // Foreign keys are checked at the end, as Prisma's own table-rebuild SQL expects.
    database.pragma("foreign_keys = OFF");
    try {
      database.transaction(() => {
        insert.run(id, file.checksum, file.name, Date.now());
        database.exec(file.sql);
        const violations = database.pragma("foreign_key_check") as unknown[];
        if (violations.length > 0) {
          throw new MigrationError(`Migration "${file.name}" leaves ${violations.length} foreign key violation(s).`);
        }
        finish.run(Date.now(), id);
      })();
    } catch (error) {
      if (error instanceof MigrationError) throw error;
      throw new MigrationError(`Migration "${file.name}" failed and was rolled back: ${(error as Error).message}`);
    } finally {
      database.pragma("foreign_keys = ON");
    }
    done.push(file.name);
  });
  return { applied: done, alreadyApplied: applied.size };
}
