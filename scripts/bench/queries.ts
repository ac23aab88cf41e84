/**
 * `npm run bench:queries [-- --runs 5]`: how many SQL statements the
 * server runs per request for the scenarios of bench:serve (the demo learner's
 * lesson page, anonymous /courses, /healthz). The production build is started
 * with count-queries.mjs preloaded, which counts better-sqlite3's prepare()
 * calls (Prisma's adapter prepares every query anew); each page is fetched once
 * unmeasured, then --runs times one request at a time.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createSessionFor, SESSION_COOKIE } from "../../tests/setup/e2e-db";
import { DEMO, ROOT, TRAFFICKING_COURSE } from "../../tests/setup/e2e-env";
import { freePort, productionServerEnv } from "../../tests/setup/production-server";
import { missingBuild, seededDatabase, stamp, waitHealthy } from "./bench-server";

const { values: args } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const runs = Math.min(Math.max(Math.round(Number(args.runs) || 5), 1), 50);
const say = stamp("bench:queries");

async function main() {
  const missing = missingBuild();
  if (missing) {
    console.error(`queries.ts needs a built tree: ${missing}.`);
    process.exit(1);
  }
  const { dir, dbFile } = seededDatabase("queries");
  const countFile = path.join(dir, "count");
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", pathToFileURL(path.join(ROOT, "scripts/bench/count-queries.mjs")).href, "server-build/index.js"], {
    cwd: ROOT,
    env: { ...productionServerEnv({ port, dbFile, appUrl: origin, logLevel: "error" }), TADRIB_QUERY_COUNT_FILE: countFile },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const count = async (): Promise<number> => {
    fs.rmSync(countFile, { force: true });
    child.kill("SIGUSR2");
    for (let i = 0; i < 100 && !fs.existsSync(countFile); i++) await new Promise((r) => setTimeout(r, 20));
    return Number(fs.readFileSync(countFile, "utf8"));
  };
  try {
    await waitHealthy(origin, () => child.exitCode === null);
    const cookie = `${SESSION_COOKIE}=${createSessionFor(DEMO.learner, dbFile)}`;
    const scenarios: { name: string; path: string; headers: Record<string, string> }[] = [
      { name: "lesson page (learner)", path: `/courses/${TRAFFICKING_COURSE}/what-is-trafficking`, headers: { Cookie: cookie } },
      { name: "/courses (anonymous)", path: "/courses", headers: {} },
      { name: "/courses (learner)", path: "/courses", headers: { Cookie: cookie } },
      { name: "/healthz", path: "/healthz", headers: {} },
    ];
    console.log("");
    for (const s of scenarios) {
      const get = async () => {
        const response = await fetch(`${origin}${s.path}`, { headers: s.headers, redirect: "manual" });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${s.path} answered ${response.status}`);
      };
      await get();
      const before = await count();
      for (let i = 0; i < runs; i++) await get();
      const perRequest = ((await count()) - before) / runs;
      console.log(`${s.name.padEnd(24)} ${perRequest.toFixed(1).padStart(5)} SQL statements per request`);
    }
    say("done");
  } finally {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`queries.ts failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
