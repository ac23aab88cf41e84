import { runInBackground } from "~/jobs/background.server";
import { log } from "../../server/log";
import { parseCsv } from "./csv.server";
import { runImport, withImportConnection } from "./run.server";
import { deleteUpload, readUpload, saveRecord, type ImportRecord } from "./uploads.server";

/**
 * Imports run in the background, one at a time, so the page can show their
 * progress (it polls /admin/import/:key/progress) and a second import waits
 * for the first instead of failing on the database's lock. The state of a
 * running import lives in this process; its result is written to the
 * upload's record. After a restart an unfinished import is simply not
 * running: its transaction was never committed, and it can be run again.
 */
export type JobState = { state: "queued" | "running" | "done" | "refused" | "failed"; done: number; total: number };

type Registry = { jobs: Map<string, JobState & { finished: Promise<void> }>; queue: Promise<void> };
// On globalThis: the Express server and the Remix build each bundle this module.
const global = globalThis as unknown as { __tadribImports?: Registry };
const registry = (global.__tadribImports ??= { jobs: new Map(), queue: Promise.resolve() });

async function execute(record: ImportRecord, job: JobState): Promise<void> {
  const bytes = await readUpload(record.key);
  const parsed = bytes ? parseCsv(bytes) : null;
  if (!parsed?.ok) throw new Error(`import ${record.key}: the uploaded file is missing or no longer reads`);
  job.state = "running";
  job.total = parsed.csv.rows.length;
  const outcome = await withImportConnection((client) =>
    runImport(client, parsed.csv, record.target, {
      onProgress: (done) => {
        job.done = done;
      },
    }),
  );
  if (!outcome.ok) {
    job.state = "refused";
    await saveRecord({ ...record, report: outcome.report });
    return;
  }
  await saveRecord({ ...record, status: "imported", report: outcome.report, people: outcome.people, importedAt: new Date().toISOString() });
  await deleteUpload(record.key);
  job.state = "done";
}

/** Queues the import of an uploaded, validated file; a second call while it is queued or running changes nothing. */
export function startImport(record: ImportRecord): void {
  const current = registry.jobs.get(record.key);
  if (current && (current.state === "queued" || current.state === "running")) return;
  const job: JobState = { state: "queued", done: 0, total: record.report.counts.rows };
  const finished = registry.queue.then(() =>
    execute(record, job).catch((error: unknown) => {
      job.state = "failed";
      log.error({ msg: "import failed", key: record.key, error: error instanceof Error ? error.stack : String(error) });
    }),
  );
  registry.queue = finished;
  registry.jobs.set(record.key, Object.assign(job, { finished }));
  runInBackground("import", () => finished);
}

export function importProgress(key: string): JobState | null {
  const job = registry.jobs.get(key);
  return job ? { state: job.state, done: job.done, total: job.total } : null;
}

/** Waits for the import to end, at most `ms` (a browser without JavaScript waits for its answer). */
export async function waitForImport(key: string, ms: number): Promise<void> {
  const job = registry.jobs.get(key);
  if (!job) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([job.finished, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
