/**
 * `npm run bench:serve`: how close Tadrib comes to static speed (issue 10).
 * Starts the production build on a throwaway seeded database and, beside it,
 * nginx serving the very HTML the server produced (gzip level 5 on the fly,
 * and a precompressed file), then loads each with wrk in the same run:
 * the demo learner's lesson page, anonymous /courses and /healthz, at
 * --connections (throughput, p50) and at 8 connections (p95). Pages asked for
 * again are sent as the bytes first rendered (decision 034), so one more row,
 * Tadrib only, asks for the lesson page under a URL of its own every time
 * ("each a new page"): what a first view of a page costs. Then times a
 * restart: `npm start` on this built, seeded tree until /healthz answers.
 * The last line is `lesson page: <P>% of nginx gzip`.
 *
 *   npm run bench:serve [-- --duration 10 --connections 64 --profile --no-restart]
 *
 * The server runs as production does: WEB_CONCURRENCY from the shell, or its
 * default (one process per core, at most 4: decision 032); "CPU ms/req" adds
 * up the primary and all its workers. --profile runs the server under
 * `node --cpu-prof` with WEB_CONCURRENCY=1 (one profile, of the one process
 * that does all the work) and prints, per scenario, where its main thread
 * spent the time (see profile-summary.ts); the profile is kept in .cache/bench/.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createSessionFor, SESSION_COOKIE } from "../../tests/setup/e2e-db";
import { DEMO, ROOT, TRAFFICKING_COURSE } from "../../tests/setup/e2e-env";
import { freePort, productionServerEnv } from "../../tests/setup/production-server";
import { countWorkers, describeProcesses, missingBuild, processTreeCpuMs, seededDatabase, shellWebConcurrency, stamp, startServer, waitHealthy } from "./bench-server";
import { formatSummary, summarizeProfile, type CpuProfile } from "./cpu-profile";
import { NGINX_INSTALL, nginxAvailable, startNginx, writePage } from "./nginx";
import { median } from "./stats";
import { runWrk, WRK_INSTALL, wrkAvailable, type WrkResult } from "./wrk";

const LESSON = `/courses/${TRAFFICKING_COURSE}/what-is-trafficking`;
const P95_CONNECTIONS = 8;

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "64" },
    profile: { type: "boolean", default: false },
    "no-restart": { type: "boolean", default: false },
  },
});
const seconds = Math.min(Math.max(Math.round(Number(args.duration) || 10), 1), 60);
const connections = Math.min(Math.max(Math.round(Number(args.connections) || 64), 1), 512);
const say = stamp("bench:serve");
// Profiles stay readable with one process; otherwise the shell's WEB_CONCURRENCY, or the server's default.
const webConcurrency: number | "default" = args.profile ? 1 : shellWebConcurrency();

/** freshUrls: Tadrib only, every request a URL never asked for (nothing kept to send again), against `nginxOf`'s nginx. */
type Scenario = { name: string; path: string; headers: Record<string, string>; freshUrls?: boolean; nginxOf?: string };
type Target = "tadrib" | "nginx gzip" | "nginx static";
type Measured = { scenario: string; target: Target; load: WrkResult; latency: WrkResult | null; encoding: string; cpuMsPerRequest: number | null };

/** The body and Content-Encoding the server gives to these headers, decoded for saving. */
async function fetchPage(url: string, headers: Record<string, string>): Promise<{ body: string; encoding: string }> {
  const encoded = await fetch(url, { headers, redirect: "manual" });
  if (encoded.status !== 200) throw new Error(`${url} answered ${encoded.status}${encoded.headers.get("location") ? ` → ${encoded.headers.get("location")}` : ""}`);
  await encoded.arrayBuffer();
  const plain = await fetch(url, { headers: { ...headers, "Accept-Encoding": "identity" }, redirect: "manual" });
  return { body: await plain.text(), encoding: encoded.headers.get("content-encoding") ?? "none" };
}

/** `npm start` on the built, seeded tree, until /healthz answers; the server is then stopped. */
async function restartTime(dbFile: string): Promise<{ ms: number; rebuilt: boolean }> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env = productionServerEnv({ port, dbFile, appUrl: origin, logLevel: "error", webConcurrency });
  const child = spawn("npm", ["start", "--silent"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"], detached: true });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  try {
    const ms = await waitHealthy(origin, () => child.exitCode === null, 120_000);
    return { ms, rebuilt: output.includes("Building the app") };
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      process.kill(-child.pid!, "SIGTERM");
      await exited;
    }
  }
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : "–");

async function main() {
  const missing = missingBuild();
  if (missing) {
    console.error(`bench:serve needs a built tree: ${missing}.`);
    process.exit(1);
  }
  if (!nginxAvailable()) {
    console.error(`bench:serve needs nginx on PATH: ${NGINX_INSTALL}`);
    process.exit(1);
  }
  if (!wrkAvailable()) {
    console.error(`bench:serve needs wrk on PATH: ${WRK_INSTALL}`);
    process.exit(1);
  }

  say("migrating and seeding a throwaway database");
  const { dir, dbFile } = seededDatabase("serve");
  const profileDir = path.join(dir, "profile");
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let nginx: ReturnType<typeof spawn> | undefined;
  try {
    server = await startServer(dbFile, args.profile ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [], { webConcurrency });
    const workers = await countWorkers(server.child.pid);
    const processes = describeProcesses(workers);
    say(`Tadrib on ${server.origin}: ${processes}${args.profile ? " (under --cpu-prof, WEB_CONCURRENCY=1 so that one profile holds all the work)" : ""}`);
    const cookie = `${SESSION_COOKIE}=${createSessionFor(DEMO.learner, dbFile)}`;
    const accept = { "Accept-Encoding": "br, gzip" };
    const scenarios: Scenario[] = [
      { name: "lesson page (learner)", path: LESSON, headers: { ...accept, Cookie: cookie } },
      { name: "lesson page, each a new page", path: LESSON, headers: { ...accept, Cookie: cookie }, freshUrls: true, nginxOf: "lesson page (learner)" },
      { name: "/courses (anonymous)", path: "/courses", headers: accept },
      { name: "/healthz", path: "/healthz", headers: accept },
    ];

    const ports = { gzip: await freePort(), precompressed: await freePort() };
    const encodings = new Map<string, string>();
    for (const s of scenarios.filter((s) => !s.freshUrls)) {
      const page = await fetchPage(`${server.origin}${s.path}`, s.headers);
      if (s.path === LESSON && !page.body.includes("lesson-page")) throw new Error(`${LESSON} did not give the lesson page (is ${DEMO.learner} enrolled?)`);
      writePage(dir, s.path, page.body);
      encodings.set(s.path, page.encoding);
      const bytes = Buffer.byteLength(page.body);
      const inline = [...page.body.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].reduce((sum, m) => sum + Buffer.byteLength(m[1]), 0);
      say(`saved ${s.path}: ${(bytes / 1024).toFixed(1)} kB (${bytes ? Math.round((100 * inline) / bytes) : 0} % of it inline scripts: loader data), sent ${page.encoding}`);
    }
    nginx = await startNginx(dir, ports);
    say(`nginx (gzip level 5, 2 workers) on 127.0.0.1:${ports.gzip}, precompressed (gzip_static) on 127.0.0.1:${ports.precompressed}`);

    const origins: Record<Target, string> = {
      tadrib: server.origin,
      "nginx gzip": `http://127.0.0.1:${ports.gzip}`,
      "nginx static": `http://127.0.0.1:${ports.precompressed}`,
    };
    const results: Measured[] = [];
    const windows: { scenario: string; fromUs: number; toUs: number; requests: number }[] = [];
    const nowUs = () => Number(process.hrtime.bigint() / 1000n);
    const targetsOf = (s: Scenario): Target[] => (s.freshUrls ? ["tadrib"] : ["tadrib", "nginx gzip", "nginx static"]);
    const runs = scenarios.reduce((sum, s) => sum + targetsOf(s).reduce((n, target) => n + (target === "nginx static" ? 1 : 2), 0), 0);
    let run = 0;
    for (const s of scenarios) {
      // Warm up (JIT, caches) before anything is measured: every worker has its own.
      await runWrk({ url: `${server.origin}${s.path}`, connections: 4, seconds: Math.max(1, workers), headers: s.headers, scriptDir: dir, freshUrls: s.freshUrls });
      for (const target of targetsOf(s)) {
        const url = `${origins[target]}${s.path}`;
        say(`[${++run}/${runs}] ${s.name} · ${target}: ${connections} connections, ${seconds} s`);
        const fromUs = nowUs();
        const cpuBefore = target === "tadrib" ? processTreeCpuMs(server.child.pid) : null;
        const load = await runWrk({ url, connections, seconds, headers: s.headers, scriptDir: dir, freshUrls: s.freshUrls });
        const cpuAfter = target === "tadrib" ? processTreeCpuMs(server.child.pid) : null;
        const cpuMsPerRequest = cpuBefore !== null && cpuAfter !== null && load.requests > 0 ? (cpuAfter - cpuBefore) / load.requests : null;
        if (target === "tadrib") windows.push({ scenario: s.name, fromUs, toUs: nowUs(), requests: load.requests });
        let latency: WrkResult | null = null;
        if (target !== "nginx static") {
          say(`[${++run}/${runs}] ${s.name} · ${target}: ${P95_CONNECTIONS} connections, ${seconds} s`);
          latency = await runWrk({ url, connections: P95_CONNECTIONS, seconds, headers: s.headers, scriptDir: dir, freshUrls: s.freshUrls });
        }
        const errors = load.non2xx + load.socketErrors + (latency ? latency.non2xx + latency.socketErrors : 0);
        say(`    ${fmt(load.rps)} req/s, p50 ${fmt(load.p50, 1)} ms${cpuMsPerRequest !== null ? ` (server CPU ${fmt(cpuMsPerRequest, 1)} ms/req)` : ""}${latency ? `; at ${P95_CONNECTIONS}: p95 ${fmt(latency.p95, 1)} ms` : ""}${errors ? `; ${errors} errors` : ""}`);
        results.push({ scenario: s.name, target, load, latency, cpuMsPerRequest, encoding: target === "tadrib" ? (encodings.get(s.path) ?? "?") : target === "nginx gzip" ? "gzip" : "gzip (static)" });
      }
    }

    let restart: { ms: number; rebuilt: boolean }[] = [];
    let serverAloneMs = Number.NaN;
    await server.stop();
    if (args.profile) printProfile(profileDir, windows);
    nginx.kill("SIGQUIT");
    if (!args["no-restart"]) {
      say("restart: `npm start` on the built, seeded tree until /healthz answers (twice)");
      restart = [await restartTime(dbFile), await restartTime(dbFile)];
      say(`    ${restart.map((r) => `${(r.ms / 1000).toFixed(1)} s${r.rebuilt ? " (it rebuilt the app: sources newer than the build)" : ""}`).join(", ")}`);
      // The server alone, without npm start's migrate, seed and course-build steps: what those steps cost.
      const t0 = performance.now();
      const alone = await startServer(dbFile, [], { webConcurrency });
      serverAloneMs = performance.now() - t0;
      await alone.stop();
      say(`    node server-build/index.js alone: ${(serverAloneMs / 1000).toFixed(1)} s`);
    }

    console.log("");
    console.log(`wrk -t1 -c${connections} -d${seconds}s (p95 at -c${P95_CONNECTIONS}), Accept-Encoding: br, gzip; ratio = req/s ÷ nginx gzip req/s;`);
    console.log(`Tadrib: ${processes}${args.profile ? " (--profile: WEB_CONCURRENCY=1)" : ""}, on ${os.availableParallelism()} cores`);
    console.log(`CPU ms/req: the Tadrib processes' user + system time (all threads${workers ? ", primary and workers" : ""}) during the -c${connections} run ÷ its requests`);
    console.log("");
    const header = ["scenario", "server", "encoding", "req/s", "p50 ms", `p95 ms (c${P95_CONNECTIONS})`, "errors", "vs nginx gzip", "CPU ms/req"];
    const lines = results.map((r) => {
      const compared = scenarios.find((s) => s.name === r.scenario)?.nginxOf ?? r.scenario;
      const gzip = results.find((o) => o.scenario === compared && o.target === "nginx gzip")!;
      const errors = r.load.non2xx + r.load.socketErrors + (r.latency ? r.latency.non2xx + r.latency.socketErrors : 0);
      return [r.scenario, r.target, r.encoding, fmt(r.load.rps), fmt(r.load.p50, 1), r.latency ? fmt(r.latency.p95, 1) : "", String(errors), `${fmt((100 * r.load.rps) / gzip.load.rps, 1)} %`, r.cpuMsPerRequest !== null ? fmt(r.cpuMsPerRequest, 2) : ""];
    });
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
    const row = (cells: string[]) => `| ${cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
    console.log(row(header));
    console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
    for (const l of lines) console.log(row(l));
    console.log("");
    if (restart.length) {
      const ms = median(restart.map((r) => r.ms));
      console.log(`restart (npm start → /healthz answers): median ${(ms / 1000).toFixed(1)} s of ${restart.length} (target < 3 s); the server alone: ${(serverAloneMs / 1000).toFixed(1)} s`);
    }
    const lesson = results.filter((r) => r.scenario === scenarios[0].name);
    const ratio = (100 * lesson.find((r) => r.target === "tadrib")!.load.rps) / lesson.find((r) => r.target === "nginx gzip")!.load.rps;
    console.log(`lesson page: ${ratio.toFixed(1)}% of nginx gzip`);
  } finally {
    await server?.stop();
    if (nginx && nginx.exitCode === null) nginx.kill("SIGQUIT");
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** One summary per scenario, cut from the single profile by the times each wrk run started and ended. */
function printProfile(profileDir: string, windows: { scenario: string; fromUs: number; toUs: number; requests: number }[]) {
  const file = fs.readdirSync(profileDir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) {
    console.error("no .cpuprofile was written");
    return;
  }
  const keep = path.join(ROOT, ".cache/bench", `serve-${new Date().toISOString().replace(/[:.]/g, "-")}.cpuprofile`);
  fs.mkdirSync(path.dirname(keep), { recursive: true });
  fs.copyFileSync(path.join(profileDir, file), keep);
  const profile = JSON.parse(fs.readFileSync(keep, "utf8")) as CpuProfile;
  const inside = windows.every((w) => w.fromUs >= profile.startTime && w.toUs <= profile.endTime);
  console.log("");
  console.log(`CPU profile kept in ${path.relative(ROOT, keep)}${inside ? "" : " (its clock does not match this process's: whole profile below)"}`);
  for (const w of windows) {
    console.log("");
    console.log(`== ${w.scenario} (Tadrib, ${w.requests} requests under load)`);
    console.log(formatSummary(summarizeProfile(profile, inside ? w : {}), { top: 12, requests: w.requests }));
  }
  console.log("");
}

main().catch((error) => {
  console.error(`bench:serve failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
