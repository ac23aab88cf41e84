/**
 * One production server per Playwright worker, on its own copy of the
 * template database and its own port: the real build (server-build), the
 * same process `npm start` runs. Each also has its own data folder
 * (tests/.tmp/e2e-worker-<n>/): SCORM packages, courses made from them, and a
 * copy of the built course cache, which /admin/scorm rebuilds in-process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { E2E_TEMPLATE_DB, ROOT } from "./e2e-env";
import { freePort, productionServerEnv } from "./production-server";

export type WorkerServer = {
  url: string;
  dbFile: string;
  /** This worker's data folder: scorm/ (SCORM_DIR), courses/ (PACKAGE_COURSES_DIR), cache/ (COURSE_CACHE_DIR). */
  dataDir: string;
  /** What the server has written to stdout and stderr so far (warnings and errors: LOG_LEVEL=warn). */
  output: () => string;
  stop: () => Promise<void>;
};

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the e2e server exited with code ${child.exitCode} before answering`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the e2e server did not answer ${url}/healthz within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startWorkerServer(workerIndex: number): Promise<WorkerServer> {
  const dbFile = path.join(ROOT, `tests/.tmp/e2e-worker-${workerIndex}.db`);
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(dbFile + suffix, { force: true });
  fs.copyFileSync(E2E_TEMPLATE_DB, dbFile);
  const dataDir = path.join(ROOT, `tests/.tmp/e2e-worker-${workerIndex}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const cacheDir = path.join(dataDir, "cache");
  fs.cpSync(process.env.COURSE_CACHE_DIR ?? path.join(ROOT, ".cache/courses"), cacheDir, { recursive: true });
  const dataEnv = { SCORM_DIR: path.join(dataDir, "scorm"), PACKAGE_COURSES_DIR: path.join(dataDir, "courses"), COURSE_CACHE_DIR: cacheDir };
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const child = spawn(process.execPath, ["server-build/index.js"], {
    cwd: ROOT,
    // Production needs only the build output: pointing COURSES_DIR nowhere makes every spec prove it.
    env: { ...productionServerEnv({ port, dbFile, appUrl: url }), COURSES_DIR: path.join(ROOT, "tests/.tmp/no-courses-in-production"), ...dataEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      process.stderr.write(chunk); // still shown in the test run's output
    });
  }
  await waitForHealth(url, child, 60_000);
  return {
    url,
    dbFile,
    dataDir,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
