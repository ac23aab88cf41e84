import { randomBytes } from "node:crypto";
import { Prisma } from "./generated/client";

/**
 * SQL that Prisma's query builder cannot express, written once so that it
 * runs on SQLite today and on PostgreSQL later (the planned deployment for
 * large installations). Anything dialect-specific belongs in this module.
 */

/** A LIKE pattern that matches `term` literally anywhere: %, _ and \ in the term are escaped. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * `column` contains `term`, case-insensitively for ASCII letters, with
 * wildcards in the term taken literally. LOWER() … LIKE … ESCAPE is the same
 * in SQLite and PostgreSQL (whose LIKE, unlike SQLite's, is case-sensitive).
 */
export function containsInsensitive(column: Prisma.Sql, term: string): Prisma.Sql {
  return Prisma.sql`LOWER(${column}) LIKE ${containsPattern(term.toLowerCase())} ESCAPE '\\'`;
}

type Sql = { $executeRaw: (query: Prisma.Sql) => Prisma.PrismaPromise<number> };

/** Bound parameters per statement: far below SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMETERS = 8000;

const identifier = (name: string) => {
  // Table and column names come from our own code, never from a request; refuse anything else outright.
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Not an SQL identifier: ${name}`);
  return Prisma.raw(`"${name}"`);
};

/**
 * Inserts many rows with multi-row INSERT statements (the same SQL in SQLite and
 * PostgreSQL), a few thousand values per statement. Prisma's createMany costs
 * about ten times more per row here, which matters for a 10,000-row import.
 * Values are bound as parameters; Dates are stored exactly as Prisma stores them.
 * With `fillEmpty`, a row whose key (`conflictKey`) exists only fills the listed
 * columns that are still NULL: nothing already there is overwritten.
 */
export async function insertRows(
  client: Sql,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  options: { conflictKey?: string; fillEmpty?: readonly string[]; alwaysSet?: readonly string[] } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const columnList = Prisma.join(columns.map(identifier));
  let conflict = Prisma.empty;
  if (options.conflictKey) {
    const sets = [
      ...(options.fillEmpty ?? []).map((c) => Prisma.sql`${identifier(c)} = COALESCE(${identifier(table)}.${identifier(c)}, excluded.${identifier(c)})`),
      ...(options.alwaysSet ?? []).map((c) => Prisma.sql`${identifier(c)} = excluded.${identifier(c)}`),
    ];
    conflict = sets.length
      ? Prisma.sql` ON CONFLICT (${identifier(options.conflictKey)}) DO UPDATE SET ${Prisma.join(sets)}`
      : Prisma.sql` ON CONFLICT (${identifier(options.conflictKey)}) DO NOTHING`;
  }
  for (let start = 0; start < rows.length; start += perStatement) {
    const values = rows.slice(start, start + perStatement).map((row) => {
      if (row.length !== columns.length) throw new Error(`insertRows(${table}): ${row.length} values for ${columns.length} columns`);
      return Prisma.sql`(${Prisma.join(row)})`;
    });
    await client.$executeRaw(Prisma.sql`INSERT INTO ${identifier(table)} (${columnList}) VALUES ${Prisma.join(values)}${conflict}`);
  }
}

/** `items` in slices small enough for an IN (…) list. */
export function inChunks<T>(items: readonly T[], size = 500): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** An id for a row written by insertRows, of the same shape as Prisma's cuid(): "c" and 24 lowercase letters and digits. */
export function newRowId(): string {
  const bytes = randomBytes(24);
  let id = "c";
  for (const b of bytes) id += "0123456789abcdefghijklmnopqrstuvwxyz"[b % 36];
  return id;
}

/**
 * Makes the open transaction the database's writer now, before it reads.
 * SQLite starts Prisma's transactions as readers (BEGIN DEFERRED); one that
 * reads for a while and then writes fails at once (SQLITE_BUSY_SNAPSHOT) if
 * another connection wrote in between, whereas taking the write lock first
 * waits for it (busy_timeout). A write statement that changes nothing takes
 * it; in PostgreSQL the same statement is harmless.
 */
export async function takeWriteLock(client: Sql): Promise<void> {
  await client.$executeRaw(Prisma.sql`UPDATE "Region" SET "position" = "position" WHERE 1 = 0`);
}
