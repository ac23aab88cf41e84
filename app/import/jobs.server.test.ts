import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { db } from "~/db/client.server";
import { sessionFacts } from "~/training/sessions.server";
import { TEST_TMP_DIR } from "../../tests/setup/paths";
import { parseCsv } from "./csv.server";
import { importJobs, recordedProgress, STALE_MS, type JobState } from "./jobs.server";
import { unique } from "./test-fixtures";
import { readRecord, saveRecord, storeUpload, type ImportRecord } from "./uploads.server";
import { validateImport } from "./validate.server";

/**
 * Several server processes (decision 032): an import's progress is read from its record, so a registry that did
 * not start it — another process's — shows it; and one import at a time holds across processes.
 */

const uploadsDir = fs.mkdtempSync(path.join(TEST_TMP_DIR, "import-jobs-"));
const holders: ChildProcess[] = [];
afterEach(() => {
  for (const child of holders.splice(0)) child.kill("SIGKILL");
});
afterAll(() => fs.rmSync(uploadsDir, { recursive: true, force: true }));

/** An uploaded, validated file of `rows` new people, as /admin/import stores it. */
async function uploaded(rows: number): Promise<ImportRecord> {
  const tag = unique();
  const text = `name,email\n${Array.from({ length: rows }, (_, i) => `Person ${i},p${i}-${tag}@example.org`).join("\n")}\n`;
  const bytes = new TextEncoder().encode(text);
  const parsed = parseCsv(bytes);
  if (!parsed.ok) throw new Error("the test file does not parse");
  const { report } = await validateImport(parsed.csv, { kind: "people" }, { client: db, sessionFacts });
  expect(report.problemCount).toBe(0);
  const record = { adminId: "admin", fileName: "liste.csv", uploadedAt: new Date().toISOString(), target: { kind: "people" as const }, status: "validated" as const, report };
  const key = await storeUpload(bytes, record, uploadsDir);
  return (await readRecord(key, uploadsDir))!;
}

/** Another process holding the import lock, as a process running an import does; killing it releases the lock. */
async function lockHeldElsewhere(): Promise<ChildProcess> {
  const script = `const D = require("better-sqlite3"); const d = new D(process.argv[1], { timeout: 0 }); d.exec("BEGIN EXCLUSIVE"); console.log("held"); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["-e", script, path.join(uploadsDir, "imports.lock")], { stdio: ["ignore", "pipe", "inherit"] });
  holders.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("held") && resolve());
    child.once("exit", (code) => reject(new Error(`the lock holder exited (${code})`)));
  });
  return child;
}

const progressOf = async (jobs: ReturnType<typeof importJobs>, key: string) => jobs.importProgress((await readRecord(key, uploadsDir))!);

/** Every state `jobs` reports for `key` until the import ends. */
async function watch(jobs: ReturnType<typeof importJobs>, key: string, timeoutMs = 30_000): Promise<JobState[]> {
  const seen: JobState[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const progress = await progressOf(jobs, key);
    if (progress && (seen.length === 0 || JSON.stringify(seen.at(-1)) !== JSON.stringify(progress))) seen.push(progress);
    if (!progress || ["done", "refused", "failed"].includes(progress.state)) return seen;
    if (Date.now() > deadline) throw new Error(`the import did not end: ${JSON.stringify(seen)}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("an import seen from another process's registry", () => {
  test("is queued while another process holds the lock, then its progress and its end show where it did not start", async () => {
    const record = await uploaded(1200);
    const here = importJobs({ uploadsDir });
    const elsewhere = importJobs({ uploadsDir });
    const holder = await lockHeldElsewhere();

    await here.startImport(record);
    expect(await progressOf(elsewhere, record.key)).toEqual({ state: "queued", done: 0, total: 1200 });
    // A browser without JavaScript, answered by the other process, waits as long as it is asked to.
    const waitStarted = Date.now();
    await elsewhere.waitForImport(record.key, 300);
    expect(Date.now() - waitStarted).toBeGreaterThanOrEqual(250);
    expect((await progressOf(elsewhere, record.key))?.state).toBe("queued");

    holder.kill("SIGKILL"); // its lock goes with it
    const waiting = elsewhere.waitForImport(record.key, 30_000);
    const seen = await watch(elsewhere, record.key);
    await waiting;
    expect(seen.map((s) => s.state)).toContain("running");
    expect(seen.at(-1)).toEqual({ state: "done", done: 1200, total: 1200 });
    const after = (await readRecord(record.key, uploadsDir))!;
    expect(after).toMatchObject({ status: "imported", report: { counts: { created: 1200 } } });
    expect(after.job).toBeUndefined();
    expect(await db.user.count({ where: { email: { startsWith: "p1199-" }, name: "Person 1199" } })).toBe(1);
  });

  test("the same import started in two processes at once runs once", async () => {
    const record = await uploaded(300);
    const first = importJobs({ uploadsDir });
    const second = importJobs({ uploadsDir });
    await Promise.all([first.startImport(record), second.startImport(record)]);
    await Promise.all([first.waitForImport(record.key, 30_000), second.waitForImport(record.key, 30_000)]);
    // A second run would have matched the 300 people the first created.
    expect(await readRecord(record.key, uploadsDir)).toMatchObject({ status: "imported", report: { counts: { created: 300, matched: 0 } } });
  });

  test("a second import, started in another process while one runs, waits for it instead of failing", async () => {
    const [one, two] = [await uploaded(1000), await uploaded(1000)];
    const a = importJobs({ uploadsDir });
    const b = importJobs({ uploadsDir });
    const holder = await lockHeldElsewhere();
    await a.startImport(one);
    await b.startImport(two);
    expect([(await progressOf(b, one.key))?.state, (await progressOf(a, two.key))?.state]).toEqual(["queued", "queued"]);
    holder.kill("SIGKILL");
    // Never both running at once, as any process sees them.
    const both: string[] = [];
    const observer = importJobs({ uploadsDir });
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      const states = [(await progressOf(observer, one.key))?.state, (await progressOf(observer, two.key))?.state];
      both.push(states.join("+"));
      if (states.every((s) => s === "done")) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(both.at(-1)).toBe("done+done");
    expect(both).not.toContain("running+running");
    for (const record of [one, two]) expect(await readRecord(record.key, uploadsDir)).toMatchObject({ status: "imported", report: { counts: { created: 1000 } } });
  });

  test("an import whose process is gone reads as not running, and can be run again", async () => {
    const record = await uploaded(20);
    // As a process that crashed mid-import left it: running, and not rewritten since.
    const crashed = { ...record, job: { state: "running" as const, done: 10, total: 20, at: Date.now() - STALE_MS - 1000 } };
    await saveRecord(crashed, uploadsDir);
    expect(recordedProgress({ ...crashed, job: { ...crashed.job, at: Date.now() } })).toEqual({ state: "running", done: 10, total: 20 });
    const jobs = importJobs({ uploadsDir });
    expect(await progressOf(jobs, record.key)).toBeNull();
    await jobs.startImport(record);
    await jobs.waitForImport(record.key, 30_000);
    expect(await progressOf(jobs, record.key)).toEqual({ state: "done", done: 20, total: 20 });
    expect(await readRecord(record.key, uploadsDir)).toMatchObject({ status: "imported", report: { counts: { created: 20 } } });
  });
});
