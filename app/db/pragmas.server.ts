/**
 * Applied to every connection we open (Prisma's and the migrator's).
 * WAL lets readers run beside the single writer; busy_timeout makes a writer
 * wait for the lock instead of failing with SQLITE_BUSY.
 */
export const CONNECTION_PRAGMAS = [
  "journal_mode = WAL",
  "busy_timeout = 5000",
  "foreign_keys = ON",
  "synchronous = NORMAL",
] as const;

export const PRAGMA_SCRIPT = CONNECTION_PRAGMAS.map((p) => `PRAGMA ${p};`).join("\n");
