import { getCatalog } from "~/catalog/catalog.server";
import { createDb, type Db } from "~/db/client.server";
import { takeWriteLock } from "~/db/sql.server";
import { sessionFacts } from "~/training/sessions.server";
import type { ParsedCsv } from "./csv.server";
import type { ImportReport, ImportTarget } from "./types";
import { validateImport } from "./validate.server";
import { writePlan, type Progress } from "./write.server";

/**
 * The import: all rows or none, in one transaction. The file is validated
 * again inside it, so what is written matches the database it is written to
 * (a cohort filled up, or a person registered, since the upload); if a
 * problem appeared, nothing is written and the new report says why.
 */
export type ImportOutcome = { ok: boolean; report: ImportReport; /** The first people of the file, in its order. */ people: string[] };

/** How many imported people the result page names. */
export const SHOWN_PEOPLE = 100;

export async function runImport(client: Db, csv: ParsedCsv, target: ImportTarget, options: { onProgress?: Progress; now?: Date } = {}): Promise<ImportOutcome> {
  const now = options.now ?? new Date();
  // Loaded before the transaction: a first load writes Course rows on the app's connection, which would wait for this one's lock.
  await getCatalog();
  return client.$transaction(
    async (tx) => {
      await takeWriteLock(tx);
      const { report, plan } = await validateImport(csv, target, { client: tx, now, sessionFacts });
      if (!plan) return { ok: false, report, people: [] };
      await writePlan(tx, plan, options.onProgress, now);
      return { ok: true, report, people: plan.people.slice(0, SHOWN_PEOPLE).map((p) => p.userId) };
    },
    // A large file takes seconds, not Prisma's default five.
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}

/**
 * A connection of the import's own. Prisma's better-sqlite3 adapter runs every
 * query of one client on one connection, so a query another request sends
 * while this long transaction is open would run inside it (and be undone
 * with it). On its own connection, other writers wait for the lock instead
 * (docs/decisions/015-imports-in-one-transaction-on-their-own-connection.md).
 */
export async function withImportConnection<T>(work: (client: Db) => Promise<T>): Promise<T> {
  const client = createDb();
  try {
    return await work(client);
  } finally {
    await client.$disconnect();
  }
}
