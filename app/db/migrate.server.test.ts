import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { TEST_TMP_DIR } from "../../tests/setup/paths";
import { MIGRATIONS_DIR, MigrationError, migrate, openDatabase, readMigrations } from "./migrate.server";

const workDir = fs.mkdtempSync(path.join(TEST_TMP_DIR, "migrate-"));
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

const open: Database.Database[] = [];
afterEach(() => {
  for (const database of open.splice(0)) database.close();
});

let counter = 0;
function freshDatabase(): Database.Database {
  const database = openDatabase(path.join(workDir, `db-${++counter}.db`));
  open.push(database);
  return database;
}

/** A throwaway migrations folder, so failure cases never touch prisma/migrations. */
function migrationsDir(migrations: Record<string, string>): string {
  const dir = path.join(workDir, `migrations-${++counter}`);
  for (const [name, sql] of Object.entries(migrations)) writeMigration(dir, name, sql);
  return dir;
}

function writeMigration(dir: string, name: string, sql: string): void {
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
}

function tableNames(database: Database.Database): string[] {
  const rows = database
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all() as { name: string }[];
  return rows.map((r) => r.name);
}

type MigrationRow = {
  id: string;
  checksum: string;
  finished_at: number | string | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: number | string | null;
  started_at: number | string;
  applied_steps_count: number;
};

function bookkeeping(database: Database.Database): MigrationRow[] {
  return database.prepare(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`).all() as MigrationRow[];
}

/**
 * The tables the real migration files should leave behind, read from their
 * SQL: created, dropped and renamed tables (Prisma's SQLite table rebuilds
 * create "new_X", drop "X" and rename "new_X" to "X").
 */
function tablesDeclaredByMigrations(): string[] {
  const tables = new Set<string>();
  const statement = /CREATE TABLE "([^"]+)"|DROP TABLE "([^"]+)"|ALTER TABLE "([^"]+)" RENAME TO "([^"]+)"/g;
  for (const { sql } of readMigrations()) {
    for (const m of sql.matchAll(statement)) {
      if (m[1]) tables.add(m[1]);
      else if (m[2]) tables.delete(m[2]);
      else if (m[3] && m[4]) {
        tables.delete(m[3]);
        tables.add(m[4]);
      }
    }
  }
  return [...tables, "_prisma_migrations"].sort();
}

const TWO_MIGRATIONS = {
  "20260101000000_first": `CREATE TABLE "A" ("id" INTEGER NOT NULL PRIMARY KEY);\nINSERT INTO "A" ("id") VALUES (1);\n`,
  "20260102000000_second": `CREATE TABLE "B" ("id" INTEGER NOT NULL PRIMARY KEY, "aId" INTEGER NOT NULL REFERENCES "A" ("id"));\n`,
};

describe("migrate on the project's migrations", () => {
  it("gives a fresh database every table the migrations create", () => {
    const database = freshDatabase();
    const result = migrate(database);
    expect(result.applied).toEqual(readMigrations().map((m) => m.name));
    expect(result.alreadyApplied).toBe(0);
    expect(tableNames(database)).toEqual(tablesDeclaredByMigrations());
    expect(tableNames(database)).toContain("User");
  });

  it("does nothing when run again", () => {
    const database = freshDatabase();
    migrate(database);
    const rowsBefore = bookkeeping(database);
    const schemaBefore = database.prepare(`SELECT type, name, sql FROM sqlite_master ORDER BY name`).all();

    const again = migrate(database);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBe(readMigrations().length);
    expect(bookkeeping(database)).toEqual(rowsBefore);
    expect(database.prepare(`SELECT type, name, sql FROM sqlite_master ORDER BY name`).all()).toEqual(schemaBefore);
  });

  it("records each migration in _prisma_migrations as Prisma Migrate does", () => {
    const database = freshDatabase();
    const before = Date.now();
    migrate(database);
    const after = Date.now();

    const rows = bookkeeping(database);
    const names = fs
      .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
      .filter((e) => e.isDirectory() && fs.existsSync(path.join(MIGRATIONS_DIR, e.name, "migration.sql")))
      .map((e) => e.name)
      .sort();
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      const bytes = fs.readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.applied_steps_count).toBe(1);
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      // Prisma's engine binds DATETIME values on SQLite as integer Unix milliseconds.
      expect(typeof row.started_at).toBe("number");
      expect(typeof row.finished_at).toBe("number");
      expect(row.started_at as number).toBeGreaterThanOrEqual(before);
      expect(row.finished_at as number).toBeGreaterThanOrEqual(row.started_at as number);
      expect(row.finished_at as number).toBeLessThanOrEqual(after);
    }
  });

  it("creates the bookkeeping table with Prisma Migrate's exact columns", () => {
    const database = freshDatabase();
    migrate(database);
    const columns = database.pragma(`table_info("_prisma_migrations")`) as {
      name: string;
      type: string;
      notnull: number;
      dflt_value: string | null;
      pk: number;
    }[];
    expect(columns.map(({ name, type, notnull, dflt_value, pk }) => [name, type, notnull, dflt_value, pk])).toEqual([
      ["id", "TEXT", 1, null, 1],
      ["checksum", "TEXT", 1, null, 0],
      ["finished_at", "DATETIME", 0, null, 0],
      ["migration_name", "TEXT", 1, null, 0],
      ["logs", "TEXT", 0, null, 0],
      ["rolled_back_at", "DATETIME", 0, null, 0],
      ["started_at", "DATETIME", 1, "current_timestamp", 0],
      ["applied_steps_count", "INTEGER UNSIGNED", 1, "0", 0],
    ]);
  });
});

describe("migrate refuses what it cannot apply safely", () => {
  it("refuses an applied migration whose file changed, naming it", () => {
    const dir = migrationsDir(TWO_MIGRATIONS);
    const database = freshDatabase();
    migrate(database, { dir });
    const rowsBefore = bookkeeping(database);

    writeMigration(dir, "20260101000000_first", `${TWO_MIGRATIONS["20260101000000_first"]}-- edited\n`);
    writeMigration(dir, "20260103000000_third", `CREATE TABLE "C" ("id" INTEGER NOT NULL PRIMARY KEY);\n`);

    expect(() => migrate(database, { dir })).toThrow(MigrationError);
    expect(() => migrate(database, { dir })).toThrow(/Checksum mismatch for migration "20260101000000_first"/);
    expect(bookkeeping(database)).toEqual(rowsBefore);
    expect(tableNames(database)).not.toContain("C");
  });

  it("rolls a failing migration back entirely and reports its name", () => {
    const dir = migrationsDir({
      "20260101000000_first": TWO_MIGRATIONS["20260101000000_first"],
      "20260102000000_broken": `CREATE TABLE "B" ("id" INTEGER NOT NULL PRIMARY KEY);\nINSERT INTO "A" ("id") VALUES (2);\nINSERT INTO "Nope" ("id") VALUES (1);\n`,
      "20260103000000_third": `CREATE TABLE "C" ("id" INTEGER NOT NULL PRIMARY KEY);\n`,
    });
    const database = freshDatabase();

    expect(() => migrate(database, { dir })).toThrow(
      /Migration "20260102000000_broken" failed and was rolled back: no such table: Nope/,
    );
    // The migration before it stays applied; nothing of the broken one or after it remains.
    expect(bookkeeping(database).map((r) => r.migration_name)).toEqual(["20260101000000_first"]);
    expect(tableNames(database)).toEqual(["A", "_prisma_migrations"]);
    expect(database.prepare(`SELECT id FROM "A"`).pluck().all()).toEqual([1]);

    // Once the file is fixed, the next run applies it and what follows it.
    writeMigration(dir, "20260102000000_broken", `CREATE TABLE "B" ("id" INTEGER NOT NULL PRIMARY KEY);\n`);
    expect(migrate(database, { dir }).applied).toEqual(["20260102000000_broken", "20260103000000_third"]);
  });

  it("rolls back a migration that leaves foreign key violations", () => {
    const dir = migrationsDir({
      ...TWO_MIGRATIONS,
      "20260103000000_orphan": `INSERT INTO "B" ("id", "aId") VALUES (1, 42);\n`,
    });
    const database = freshDatabase();
    expect(() => migrate(database, { dir })).toThrow(/Migration "20260103000000_orphan" leaves 1 foreign key violation/);
    expect(database.prepare(`SELECT count(*) FROM "B"`).pluck().get()).toBe(0);
    expect(bookkeeping(database)).toHaveLength(2);
  });

  it("refuses a database that knows a migration missing from disk", () => {
    const dir = migrationsDir(TWO_MIGRATIONS);
    const database = freshDatabase();
    migrate(database, { dir });
    fs.rmSync(path.join(dir, "20260102000000_second"), { recursive: true });

    expect(() => migrate(database, { dir })).toThrow(
      /Migration "20260102000000_second" is recorded in the database but missing from/,
    );
  });

  it("refuses to continue after a migration that started but never finished", () => {
    const dir = migrationsDir(TWO_MIGRATIONS);
    const database = freshDatabase();
    migrate(database, { dir });
    database.prepare(`UPDATE "_prisma_migrations" SET finished_at = NULL WHERE migration_name = ?`).run("20260102000000_second");

    expect(() => migrate(database, { dir })).toThrow(/Migration "20260102000000_second" started but did not finish/);
  });
});
