import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/**
 * A lock that every server process of one machine shares (the cluster's workers, decision 032), for work that
 * must run one at a time across them: an import, a change to the package courses and its rebuild.
 *
 * The lock is an exclusive SQLite transaction on a file of its own (empty: nothing is ever written to it). The
 * operating system drops a process's file locks when it ends, however it ends, so a crashed holder never leaves
 * the lock taken and there is nothing stale to detect. A waiter asks without SQLite's busy timeout (which would
 * block its event loop) and asks again every `pollMs`; callers in one process also queue in order of arrival.
 * The file sits on local disk beside the data it protects; it is no lock between machines.
 */
type Queues = Map<string, Promise<unknown>>;
// On globalThis: the Express server and the Remix build each bundle this module.
const global = globalThis as unknown as { __tadribProcessLocks?: Queues };
const queues = (global.__tadribProcessLocks ??= new Map());

export type LockOptions = { pollMs?: number; /** Called once, when the lock is held elsewhere and this caller starts waiting. */ onWait?: () => void };

export function withProcessLock<T>(file: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const key = path.resolve(file);
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(() => holding(key, work, options));
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}

async function holding<T>(file: string, work: () => Promise<T>, { pollMs = 200, onWait }: LockOptions): Promise<T> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const lock = new Database(file, { timeout: 0 });
  try {
    let waiting = false;
    while (!tryLock(lock)) {
      if (!waiting) onWait?.();
      waiting = true;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    try {
      return await work();
    } finally {
      lock.exec("ROLLBACK");
    }
  } finally {
    lock.close();
  }
}

function tryLock(lock: Database.Database): boolean {
  try {
    lock.exec("BEGIN EXCLUSIVE");
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "SQLITE_BUSY") return false;
    throw error;
  }
}
