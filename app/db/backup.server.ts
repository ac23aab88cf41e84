import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export type BackupProgress = { copiedPages: number; totalPages: number; percent: number };

export type BackupResult = {
  destination: string;
  pages: number;
  bytes: number;
  durationMs: number;
  /** "ok", as PRAGMA integrity_check reports it on the copy. */
  integrity: string;
  /** How often SQLite restarted the copy because the source was written meanwhile. */
  restarts: number;
};

export type BackupOptions = {
  source: string;
  destination: string;
  force?: boolean;
  /** Pages copied per step; by default about 1% of the database, at least 100. */
  pagesPerStep?: number;
  onProgress?: (progress: BackupProgress) => void;
};

export class BackupError extends Error {
  override name = "BackupError";
}

// After this many restarts the rest is copied in one step: under a steady
// stream of writes, small steps could otherwise restart forever. In WAL mode
// one long read does not block the writers.
const RESTARTS_BEFORE_ONE_STEP = 3;
const ALL_PAGES = 0x7fffffff;

/**
 * Copies a live SQLite database with SQLite's online backup API, which gives
 * a consistent snapshot even while other connections write. The copy is
 * written beside the destination first and renamed into place only once
 * PRAGMA integrity_check passes, so a file at `destination` is always whole.
 */
export async function backupDatabase(options: BackupOptions): Promise<BackupResult> {
  const source = path.resolve(options.source);
  const destination = path.resolve(options.destination);
  if (!fs.existsSync(source)) throw new BackupError(`Database ${source} does not exist.`);
  if (source === destination) throw new BackupError("The backup file cannot be the database itself.");
  if (fs.existsSync(destination) && !options.force) {
    throw new BackupError(`${destination} already exists. Choose another file or pass --force to overwrite it.`);
  }
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  const partial = `${destination}.partial`;
  removeDatabaseFiles(partial);

  const started = performance.now();
  const database = new Database(source, { fileMustExist: true, timeout: 5000 });
  let restarts = 0;
  try {
    let lastRemaining = Infinity;
    await database.backup(partial, {
      progress({ totalPages, remainingPages }) {
        if (remainingPages > lastRemaining) restarts += 1;
        lastRemaining = remainingPages;
        const copiedPages = totalPages - remainingPages;
        options.onProgress?.({ copiedPages, totalPages, percent: Math.floor((copiedPages / totalPages) * 100) });
        if (restarts >= RESTARTS_BEFORE_ONE_STEP) return ALL_PAGES;
        return options.pagesPerStep ?? Math.max(100, Math.ceil(totalPages / 100));
      },
    });
  } catch (error) {
    removeDatabaseFiles(partial);
    throw new BackupError(`Backup of ${source} failed: ${(error as Error).message}`);
  } finally {
    database.close();
  }

  const copy = new Database(partial, { fileMustExist: true });
  let pages: number;
  let integrity: string;
  try {
    // A single self-contained file is what people copy around and restore.
    copy.pragma("journal_mode = DELETE");
    pages = Number(copy.pragma("page_count", { simple: true }));
    integrity = (copy.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("; ");
  } finally {
    copy.close();
  }
  if (integrity !== "ok") {
    removeDatabaseFiles(partial);
    throw new BackupError(`The copy of ${source} failed its integrity check: ${integrity}`);
  }
  options.onProgress?.({ copiedPages: pages, totalPages: pages, percent: 100 });
  removeDatabaseFiles(destination);
  fs.renameSync(partial, destination);
  return {
    destination,
    pages,
    bytes: fs.statSync(destination).size,
    durationMs: Math.round(performance.now() - started),
    integrity,
    restarts,
  };
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
}
