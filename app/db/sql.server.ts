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
