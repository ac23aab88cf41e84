import path from "node:path";
import { env } from "~/config/env.server";
import { runInBackground } from "~/jobs/background.server";
import { withProcessLock } from "~/jobs/process-lock.server";
import { log } from "../../server/log";
import { parseCsv } from "./csv.server";
import { runImport, withImportConnection } from "./run.server";
import { deleteUpload, readRecord, readUpload, saveRecord, type ImportRecord, type RecordedJob } from "./uploads.server";

/**
 * Imports run in the background, one at a time, so the page can show their
 * progress (it polls /admin/import/:key/progress) and a second import waits
 * for the first instead of failing on the database's lock.
 *
 * Any server process may answer the poll (decision 032), so the state of an
 * import lives in its upload's record (`job`), written by the process that
 * runs it: at once when it is queued, starts and ends, its progress at most
 * every PROGRESS_WRITE_MS, and at least every HEARTBEAT_MS while it lasts.
 * "One at a time" holds across processes through a lock file
 * (UPLOADS_DIR/imports.lock, app/jobs/process-lock.server.ts). After a crash
 * or a restart an unfinished import is simply not running: its transaction
 * was never committed, its record stops being rewritten, and once that is
 * STALE_MS old it reads as not running and can be run again.
 */
export type JobState = { state: RecordedJob["state"]; done: number; total: number };

/** A running import writes its progress at most this often (the page polls every 500 ms). */
export const PROGRESS_WRITE_MS = 250;
/** A queued or running import rewrites its record at least this often… */
export const HEARTBEAT_MS = 2_000;
/** …so one whose record is older than this has lost its process. */
export const STALE_MS = 15_000;
/** How often a wait for an import running in another process reads its record again. */
const WAIT_POLL_MS = 250;

const live = (state: JobState["state"]) => state === "queued" || state === "running";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An import's state as its record tells it, to any process: null when none is known (or its process is gone). */
export function recordedProgress(record: ImportRecord, now = Date.now()): JobState | null {
  const total = record.report.counts.rows;
  if (record.status === "imported") return { state: "done", done: total, total };
  const job = record.job;
  if (!job || (live(job.state) && now - job.at > STALE_MS)) return null;
  return { state: job.state, done: job.done, total: job.total };
}

export type ImportJobs = {
  /** Queues the import of an uploaded, validated file; a second call while it is queued or running, here or in another process, changes nothing. */
  startImport(record: ImportRecord): Promise<void>;
  importProgress(record: ImportRecord): JobState | null;
  /** Waits for the import to end, at most `ms` (a browser without JavaScript waits for its answer). */
  waitForImport(key: string, ms: number): Promise<void>;
};

type LocalJob = JobState & { started: Promise<void>; finished: Promise<void>; /** This process writes its record. */ owned: boolean };

/** The imports of one process (the app has one registry per process: see the exports below); `uploadsDir` for tests. */
export function importJobs(options: { uploadsDir?: string } = {}): ImportJobs {
  const { uploadsDir } = options;
  const jobs = new Map<string, LocalJob>();
  const dir = () => uploadsDir ?? env.UPLOADS_DIR;

  async function execute(key: string, job: JobState, writer: RecordWriter): Promise<void> {
    const record = await readRecord(key, uploadsDir);
    if (!record) throw new Error(`import ${key}: its record is gone`);
    // Imported by another process while this one waited (one that took this import over as stale).
    if (record.status === "imported") return writer.close();
    const bytes = await readUpload(key, uploadsDir);
    const parsed = bytes ? parseCsv(bytes) : null;
    if (!parsed?.ok) throw new Error(`import ${key}: the uploaded file is missing or no longer reads`);
    job.state = "running";
    job.total = parsed.csv.rows.length;
    await writer.state();
    const outcome = await withImportConnection((client) =>
      runImport(client, parsed.csv, record.target, {
        onProgress: (done) => {
          job.done = done;
          writer.progress();
        },
      }),
    );
    if (!outcome.ok) {
      await writer.final({ ...record, report: outcome.report, job: { ...snapshot(job), state: "refused", at: Date.now() } });
      return;
    }
    await writer.final({ ...record, status: "imported", report: outcome.report, people: outcome.people, importedAt: new Date().toISOString(), job: undefined });
    await deleteUpload(key, uploadsDir);
  }

  /** Claims the import in its record (unless another process has), then queues it behind any other import. */
  async function begin(key: string, job: LocalJob, settle: () => void): Promise<void> {
    // The check and the claim under a lock of their own, held for one read and one write: two processes
    // asked to start the same import at the same moment do not both run it.
    const claimed = await withProcessLock(
      path.join(dir(), "imports.claim.lock"),
      async () => {
        const current = await readRecord(key, uploadsDir);
        const known = current ? recordedProgress(current) : null;
        if (!current || current.status === "imported" || (known && live(known.state))) return null;
        job.total = current.report.counts.rows;
        const writer = recordWriter(current, job, uploadsDir);
        // Queued in the record before the page is answered: whichever process answers its next poll sees it.
        await writer.state().catch((error: unknown) => {
          writer.close();
          throw error;
        });
        return { current, writer };
      },
      { pollMs: 20 },
    ).catch((error: unknown) => {
      settle();
      throw error;
    });
    if (!claimed) return settle();
    const { current, writer } = claimed;
    job.owned = true;
    const finished = withProcessLock(path.join(dir(), "imports.lock"), () => execute(key, job, writer), {
      onWait: () => log.info({ msg: "import waits for another import to end", key }),
    })
      .catch(async (error: unknown) => {
        log.error({ msg: "import failed", key, error: error instanceof Error ? error.stack : String(error) });
        await writer.final({ ...current, job: { ...snapshot(job), state: "failed", at: Date.now() } }).catch(() => {});
      })
      .finally(() => {
        writer.close();
        settle();
      });
    runInBackground("import", () => finished);
  }

  return {
    startImport(record) {
      const existing = jobs.get(record.key);
      if (existing) return existing.started;
      let settle!: () => void;
      const finished = new Promise<void>((resolve) => (settle = resolve));
      const job: LocalJob = { state: "queued", done: 0, total: record.report.counts.rows, owned: false, finished, started: Promise.resolve() };
      jobs.set(record.key, job);
      // Once it is over (or turned out to be another process's), the record alone tells the outcome.
      void finished.then(() => {
        if (jobs.get(record.key) === job) jobs.delete(record.key);
      });
      job.started = begin(record.key, job, settle);
      return job.started;
    },

    importProgress(record) {
      const local = jobs.get(record.key);
      if (local?.owned && live(local.state)) return snapshot(local);
      return recordedProgress(record);
    },

    async waitForImport(key, ms) {
      const local = jobs.get(key);
      if (local) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([local.finished, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
        clearTimeout(timer);
        if (local.owned) return;
      }
      // Running in another process: its record says when it is over.
      const deadline = Date.now() + ms;
      while (Date.now() < deadline) {
        const record = await readRecord(key, uploadsDir);
        const progress = record ? recordedProgress(record) : null;
        if (!progress || !live(progress.state)) return;
        await sleep(Math.min(WAIT_POLL_MS, deadline - Date.now()));
      }
    },
  };
}

const snapshot = (job: JobState): JobState => ({ state: job.state, done: job.done, total: job.total });

type RecordWriter = ReturnType<typeof recordWriter>;

/**
 * Writes one import's state into its record, one write after another (a later state never lands before an
 * earlier one), its progress at most every PROGRESS_WRITE_MS, and again every HEARTBEAT_MS while nothing else was
 * written. `final` writes the outcome; nothing is written after it.
 */
function recordWriter(base: ImportRecord, job: JobState, uploadsDir: string | undefined) {
  let chain: Promise<void> = Promise.resolve();
  let writtenAt = 0;
  let closed = false;
  const write = (record: ImportRecord): Promise<void> => {
    writtenAt = Date.now();
    const next = chain.then(() => saveRecord(record, uploadsDir));
    chain = next.catch((error: unknown) => log.error({ msg: "import state not written", key: base.key, error: String(error) }));
    return next;
  };
  const writeState = () => write({ ...base, job: { ...snapshot(job), at: Date.now() } });
  const heartbeat = setInterval(() => {
    if (!closed && Date.now() - writtenAt >= HEARTBEAT_MS) void writeState().catch(() => {});
  }, HEARTBEAT_MS / 4);
  heartbeat.unref();
  const close = () => {
    closed = true;
    clearInterval(heartbeat);
  };
  return {
    /** Writes the state now (the first one's failure is the caller's). */
    state: (): Promise<void> => (closed ? chain : writeState()),
    progress: () => {
      if (!closed && Date.now() - writtenAt >= PROGRESS_WRITE_MS) void writeState().catch(() => {});
    },
    final: async (record: ImportRecord): Promise<void> => {
      close();
      await write(record);
      // Only now: a poll this process answers must not say "done" before the record does.
      job.state = record.status === "imported" ? "done" : (record.job?.state ?? "failed");
      if (job.state === "done") job.done = job.total;
    },
    close,
  };
}

// One registry per process, on globalThis: the Express server and the Remix build each bundle this module.
const global = globalThis as unknown as { __tadribImportJobs?: ImportJobs };
const jobs = (global.__tadribImportJobs ??= importJobs());

export const startImport = (record: ImportRecord) => jobs.startImport(record);
export const importProgress = (record: ImportRecord) => jobs.importProgress(record);
export const waitForImport = (key: string, ms: number) => jobs.waitForImport(key, ms);
