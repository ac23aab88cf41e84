import Database from "better-sqlite3";
import { databasePath, env } from "~/config/env.server";

/**
 * A read-only channel for the few reads every page makes (the session
 * lookup), beside Prisma. Measured on this machine (decision 029): the
 * session's `findUnique` with its user costs about 1–5 ms in Prisma 7 with the
 * better-sqlite3 adapter (query planning, a `prepare` per statement, the
 * adapter's conversions), the same SELECT as a prepared better-sqlite3
 * statement a few microseconds.
 *
 * - Its own connection to the same file, `query_only`: it can never write.
 *   WAL lets it read beside Prisma's writer, and it sees every committed
 *   change. It does not see a Prisma transaction's uncommitted writes: use it
 *   only for reads made outside transactions.
 * - Statements are prepared once per SQL text and kept.
 * - Plain SQL (SQLite and PostgreSQL alike); rows come back as SQLite stores
 *   them: DateTime columns as ISO strings, booleans as 0/1. Callers convert.
 * - bench:queries counts every run of these statements, not only prepares.
 */
type Reader = { file: string; conn: Database.Database; statements: Map<string, Database.Statement> };

const globalForRead = globalThis as unknown as { __tadribRead?: Reader };

function reader(): Reader {
  const file = databasePath(env.DATABASE_URL);
  let current = globalForRead.__tadribRead;
  if (current?.file !== file) {
    current?.conn.close();
    const conn = new Database(file, { fileMustExist: true, timeout: 5000 });
    conn.pragma("query_only = ON");
    current = globalForRead.__tadribRead = { file, conn, statements: new Map() };
  }
  return current;
}

type Param = string | number | null;

function statement(sql: string): Database.Statement {
  const r = reader();
  let found = r.statements.get(sql);
  if (!found) r.statements.set(sql, (found = r.conn.prepare(sql)));
  return found;
}

export function readRow<Row>(sql: string, ...params: Param[]): Row | undefined {
  return statement(sql).get(...params) as Row | undefined;
}

export function readRows<Row>(sql: string, ...params: Param[]): Row[] {
  return statement(sql).all(...params) as Row[];
}

/**
 * "?, ?, ?" for an IN list of `count` values (at least one: an empty list is the caller's to skip). Each
 * length is its own SQL text, so its own kept statement: use it for lists bounded by the catalogue (a
 * learner's courses, their runs), not by user input.
 */
export function placeholders(count: number): string {
  if (!Number.isInteger(count) || count < 1) throw new Error(`An IN list needs at least one value, not ${count}`);
  return Array.from({ length: count }, () => "?").join(", ");
}

/** A DateTime column as SQLite holds it (ISO text), or null. */
export function dateOrNull(value: string | number | null): Date | null {
  return value === null ? null : new Date(value);
}

/** A Boolean column as SQLite holds it (0/1), or null. */
export function booleanOrNull(value: number | boolean | null): boolean | null {
  return value === null ? null : Boolean(value);
}

export function closeReader(): void {
  globalForRead.__tadribRead?.conn.close();
  delete globalForRead.__tadribRead;
}
