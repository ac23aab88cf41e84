/**
 * Driving Debian's `wrk` (see docs/decisions/022): a small Lua script makes it
 * print, when it is done, one line of JSON with what its own report leaves out
 * (the 95th percentile, the error counts by kind), which parseWrkOutput reads.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const WRK_INSTALL = "apt-get install -y wrk";
const MARK = "WRK_JSON ";

export function wrkAvailable(): boolean {
  return spawnSync("wrk", ["--version"], { stdio: "ignore" }).error === undefined;
}

/** The Lua `done` hook: latencies in microseconds, as wrk keeps them. */
export const WRK_DONE_SCRIPT = `done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('${MARK}{"requests":%d,"durationUs":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},"latencyUs":{"p50":%d,"p95":%d,"p99":%d,"max":%d}}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
`;

export type WrkResult = {
  requests: number;
  seconds: number;
  rps: number;
  /** Milliseconds. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Answers outside 2xx/3xx. */
  non2xx: number;
  /** Connect, read, write errors and timeouts. */
  socketErrors: number;
};

export function parseWrkOutput(output: string): WrkResult {
  const line = output.split("\n").find((l) => l.startsWith(MARK));
  if (!line) throw new Error(`wrk printed no ${MARK.trim()} line (was it run with the done script?):\n${output.slice(0, 500)}`);
  const raw = JSON.parse(line.slice(MARK.length)) as {
    requests: number;
    durationUs: number;
    errors: Record<"connect" | "read" | "write" | "status" | "timeout", number>;
    latencyUs: Record<"p50" | "p95" | "p99" | "max", number>;
  };
  const seconds = raw.durationUs / 1e6;
  const ms = (us: number) => us / 1000;
  return {
    requests: raw.requests,
    seconds,
    rps: seconds > 0 ? raw.requests / seconds : 0,
    p50: ms(raw.latencyUs.p50),
    p95: ms(raw.latencyUs.p95),
    p99: ms(raw.latencyUs.p99),
    max: ms(raw.latencyUs.max),
    non2xx: raw.errors.status,
    socketErrors: raw.errors.connect + raw.errors.read + raw.errors.write + raw.errors.timeout,
  };
}

/**
 * A `request` hook that makes every request's URL one never asked for before (`?visit=<run>-<n>`): a page the
 * server has not rendered yet, however many it keeps (app/http/render-once.server.ts).
 */
export function freshUrlScript(run: string): string {
  return `local visit = 0
request = function()
  visit = visit + 1
  local join = wrk.path:find("?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. join .. "visit=${run}-" .. visit)
end
`;
}

/** freshUrls: every request a URL of its own (freshUrlScript). */
export type WrkRun = { url: string; connections: number; seconds: number; headers?: Record<string, string>; scriptDir: string; freshUrls?: boolean };

export function wrkArgs(run: WrkRun, scriptFile: string): string[] {
  const headers = Object.entries(run.headers ?? {}).flatMap(([name, value]) => ["-H", `${name}: ${value}`]);
  return ["-t1", `-c${run.connections}`, `-d${run.seconds}s`, "--timeout", "10s", "-s", scriptFile, ...headers, run.url];
}

/** One wrk run, bounded by its own -d plus a margin; 127.0.0.1 only. */
export async function runWrk(run: WrkRun): Promise<WrkResult> {
  if (new URL(run.url).hostname !== "127.0.0.1") throw new Error(`wrk only ever targets 127.0.0.1, not ${run.url}`);
  const scriptFile = path.join(run.scriptDir, run.freshUrls ? "wrk-fresh.lua" : "wrk-done.lua");
  if (run.freshUrls) fs.writeFileSync(scriptFile, freshUrlScript(`${process.pid}${Date.now().toString(36)}`) + WRK_DONE_SCRIPT);
  else if (!fs.existsSync(scriptFile)) fs.writeFileSync(scriptFile, WRK_DONE_SCRIPT);
  return new Promise((resolve, reject) => {
    const child = spawn("wrk", wrkArgs(run, scriptFile), { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), (run.seconds + 30) * 1000);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`wrk exited with ${code}: ${output.slice(0, 500)}`));
      try {
        resolve(parseWrkOutput(output));
      } catch (error) {
        reject(error as Error);
      }
    });
  });
}
