/**
 * Plumbing shared by bench:serve and bench:load: refuse to run without a
 * build, a throwaway migrated + seeded database, the production server on a
 * free 127.0.0.1 port (as tests/setup/production-server.ts starts it for the
 * e2e suite), stopped gracefully.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "../../tests/setup/e2e-env";
import { childProcesses, freePort, productionServerEnv } from "../../tests/setup/production-server";

/** What a built tree has; the benchmarks build nothing themselves. */
export function missingBuild(): string | null {
  const needed: [string, string][] = [
    ["server-build/index.js", "`npm run build`"],
    ["server-build/app.js", "`npm run build`"],
    ["build/server/index.js", "`npm run build`"],
    [".cache/courses", "`npm run courses:build` (or `npm run build`)"],
  ];
  const missing = needed.find(([file]) => !fs.existsSync(path.join(ROOT, file)));
  return missing ? `${missing[0]} is missing: run ${missing[1]} first` : null;
}

export function stamp(label: string) {
  const started = Date.now();
  return (line: string) => console.log(`[${label} ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);
}

function npm(script: string, env: NodeJS.ProcessEnv) {
  const result = spawnSync("npm", ["run", "--silent", script], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"], timeout: 5 * 60_000 });
  if (result.status !== 0) throw new Error(`npm run ${script} failed (exit ${result.status ?? result.signal})`);
}

/** A temporary directory holding a migrated database with the demo data. */
export function seededDatabase(prefix: string): { dir: string; dbFile: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tadrib-${prefix}-`));
  const dbFile = path.join(dir, "bench.db");
  const env = productionServerEnv({ port: 3000, dbFile, appUrl: "http://127.0.0.1:3000" });
  npm("db:migrate", env);
  npm("db:seed", env);
  return { dir, dbFile };
}

export async function waitHealthy(origin: string, isAlive: () => boolean, timeoutMs = 60_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await fetch(`${origin}/healthz`).then((r) => r.ok, () => false)) return performance.now() - started;
    if (!isAlive()) throw new Error(`the server at ${origin} exited before answering /healthz`);
    if (performance.now() - started > timeoutMs) throw new Error(`${origin}/healthz did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout) || 100;

/** CPU time (user + system, every thread) a process has used so far, in ms; null where /proc is missing. */
export function processCpuMs(pid: number | undefined): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS; // utime, stime
  } catch {
    return null;
  }
}

/** CPU time of a process and all of its children (a cluster's primary and its workers), in ms; null where /proc is missing. */
export function processTreeCpuMs(pid: number | undefined): number | null {
  const own = processCpuMs(pid);
  if (own === null) return null;
  return childProcesses(pid).reduce((sum, child) => sum + (processCpuMs(child) ?? 0), own);
}

export type RunningServer = { origin: string; child: ChildProcess; stop: () => Promise<void> };

/**
 * server-build/index.js on the database; `nodeArgs` e.g. ["--cpu-prof", "--cpu-prof-dir=…"]; `webConcurrency`
 * its processes (decision 032; productionServerEnv's one unless given).
 */
export async function startServer(dbFile: string, nodeArgs: string[] = [], options: { webConcurrency?: number | "default" } = {}): Promise<RunningServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...nodeArgs, "server-build/index.js"], {
    cwd: ROOT,
    env: productionServerEnv({ port, dbFile, appUrl: origin, logLevel: "error", webConcurrency: options.webConcurrency }),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  await waitHealthy(origin, alive);
  return {
    origin,
    child,
    stop: async () => {
      if (!alive()) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/**
 * The cluster's workers (0: a single process), once all have started: /healthz answers as soon as the first one
 * listens, and a worker loading the app is busy, so this waits until the processes' CPU time stops growing.
 */
export async function countWorkers(pid: number | undefined): Promise<number> {
  const deadline = Date.now() + 30_000;
  let before = processTreeCpuMs(pid) ?? 0;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    const now = processTreeCpuMs(pid) ?? 0;
    if (now - before < 20) break;
    before = now;
  }
  return childProcesses(pid).length;
}

/** The benchmarks run the server as production does: WEB_CONCURRENCY from the shell, or the server's default. */
export function shellWebConcurrency(): number | "default" {
  return process.env.WEB_CONCURRENCY ? Number(process.env.WEB_CONCURRENCY) : "default";
}

export function describeProcesses(workers: number): string {
  return workers ? `${workers} worker processes and their primary` : "one process (no cluster)";
}
