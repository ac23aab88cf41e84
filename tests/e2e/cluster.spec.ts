/**
 * The production build with WEB_CONCURRENCY=2 (decision 032): a primary and two workers on one port, on a copy
 * of the e2e database. No browser: real processes, real HTTP, the server's own log lines.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_TEMPLATE_DB, ROOT } from "../setup/e2e-env";
import { childProcesses, freePort, productionServerEnv } from "../setup/production-server";

type Line = { msg?: string; pid?: number; worker?: number; housekeeping?: boolean; path?: string; code?: number | null; signal?: string | null };

async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** One request on a connection of its own: the primary hands each new connection to the next worker. */
function getOnce(port: number, requestPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: requestPath, agent: false, timeout: 10_000 }, (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      })
      .on("timeout", () => reject(new Error(`GET ${requestPath}: no answer within 10 s`)))
      .on("error", reject);
  });
}

const alive = (pid: number) => fs.existsSync(`/proc/${pid}`) && !fs.readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");
/** The files a process holds open. */
const openFiles = (pid: number) =>
  fs.readdirSync(`/proc/${pid}/fd`).map((fd) => {
    try {
      return fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      return "";
    }
  });

test("two workers share the port, a killed worker is replaced, housekeeping runs in one, SIGTERM ends all with 0", async () => {
  test.setTimeout(150_000);
  const dir = path.join(ROOT, `tests/.tmp/cluster-${process.pid}-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true });
  const dbFile = path.join(dir, "cluster.db");
  fs.copyFileSync(E2E_TEMPLATE_DB, dbFile);
  const port = await freePort();
  let output = "";
  const lines: Line[] = [];
  const server: ChildProcess = spawn(process.execPath, ["server-build/index.js"], {
    cwd: ROOT,
    env: {
      ...productionServerEnv({ port, dbFile, appUrl: `http://127.0.0.1:${port}`, logLevel: "info", webConcurrency: 2 }),
      UPLOADS_DIR: path.join(dir, "uploads"),
      SCORM_DIR: path.join(dir, "scorm"),
      PACKAGE_COURSES_DIR: path.join(dir, "courses"),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let partial = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    partial += chunk.toString();
    const complete = partial.split("\n");
    partial = complete.pop()!;
    for (const text of complete) {
      try {
        lines.push(JSON.parse(text) as Line);
      } catch {
        // not a log line
      }
    }
  };
  server.stdout!.on("data", collect);
  server.stderr!.on("data", collect);
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => server.once("exit", (code, signal) => resolve({ code, signal })));
  const primary = server.pid!;
  const logged = (msg: string) => lines.filter((l) => l.msg === msg);

  try {
    const listening = await waitFor("two workers listening", () => logged("worker listening").length >= 2 && logged("worker listening"));
    const workers = listening.map((l) => l.pid!);
    expect(new Set(workers).size).toBe(2);
    expect(childProcesses(primary).sort(), "the primary's children are the two workers").toEqual([...workers].sort());
    // Both workers answer: requests on new connections take turns.
    for (let i = 0; i < 12; i++) expect(await getOnce(port, "/favicon.ico")).toBe(301);
    const answeredBy = new Set(lines.filter((l) => l.msg === "request" && l.path === "/favicon.ico").map((l) => l.pid));
    expect([...answeredBy].sort()).toEqual([...workers].sort());
    for (let i = 0; i < 12; i++) expect(await getOnce(port, "/healthz")).toBe(200);
    // The primary loads neither the app nor the database; each worker has the database open.
    expect(openFiles(primary).filter((f) => f.startsWith(dbFile))).toEqual([]);
    for (const pid of workers) expect(openFiles(pid)).toContain(dbFile);

    // Housekeeping: started once, by the first worker.
    const housekeeper = listening.find((l) => l.housekeeping)!;
    expect(listening.filter((l) => l.housekeeping)).toHaveLength(1);
    expect(logged("housekeeping started").map((l) => l.pid)).toEqual([housekeeper.pid]);

    // Killed, the housekeeping worker is replaced; the other one answers meanwhile.
    process.kill(housekeeper.pid!, "SIGKILL");
    // (A connection handed to a worker in the instant it dies is lost with it: Node's cluster does not hand it on.)
    await waitFor("the primary to see the worker die", () => logged("worker died: replacing it").length > 0);
    const statuses: number[] = [];
    const replacement = await waitFor("a replacement worker", async () => {
      statuses.push(await getOnce(port, "/healthz"));
      return logged("worker listening").find((l) => !workers.includes(l.pid!));
    });
    expect(statuses.every((s) => s === 200), `answers while a worker was replaced: ${statuses.join(",")}`).toBe(true);
    expect(logged("worker died: replacing it")).toMatchObject([{ worker: housekeeper.worker, pid: housekeeper.pid, signal: "SIGKILL" }]);
    expect(replacement).toMatchObject({ worker: housekeeper.worker, housekeeping: true });
    expect(alive(housekeeper.pid!)).toBe(false);
    const now = workers.map((pid) => (pid === housekeeper.pid ? replacement.pid! : pid));
    expect(childProcesses(primary).sort()).toEqual([...now].sort());
    // Still only one process doing housekeeping at a time: the replacement took it over.
    await waitFor("the replacement's housekeeping", () => logged("housekeeping started").length === 2);
    expect(logged("housekeeping started").map((l) => l.pid)).toEqual([housekeeper.pid, replacement.pid]);
    for (let i = 0; i < 6; i++) expect(await getOnce(port, "/healthz")).toBe(200);

    // SIGTERM to the primary: each worker shuts down gracefully, then the primary exits 0.
    server.kill("SIGTERM");
    const exit = await Promise.race([exited, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no exit within 20 s")), 20_000))]);
    expect(exit, `server output:\n${output}`).toEqual({ code: 0, signal: null });
    for (const pid of now) expect(alive(pid), `worker ${pid} still running`).toBe(false);
    expect(logged("worker stopped").map((l) => [l.pid, l.code])).toEqual(expect.arrayContaining(now.map((pid) => [pid, 0])));
    // Each worker closed its database: the last connection folds the WAL back into the file.
    const wal = `${dbFile}-wal`;
    expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0, "bytes left in the -wal file").toBe(0);
  } finally {
    if (server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
    for (const pid of childProcesses(primary)) process.kill(pid, "SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
