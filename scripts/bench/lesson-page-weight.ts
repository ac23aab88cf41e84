/**
 * `npm run bench`: how many compressed bytes a learner's phone downloads for a
 * lesson page, on a first visit (empty cache) and a repeat visit (warm HTTP
 * cache). Serves the production build on 127.0.0.1 with a throwaway database,
 * drives Chromium through Playwright and counts bytes with the DevTools
 * protocol. Medians of 5 runs; the machines are shared, so bytes, not times.
 * Prints the budgets of issue 10 beside the totals: first visit ≤ 120 kB,
 * repeat visit ≤ 15 kB (brotli, headers included).
 *
 *   npm run bench [-- --runs 5 --lesson <lesson-id>]
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type BrowserContext } from "@playwright/test";
import { chromiumLaunchOptions } from "../../tests/setup/e2e-browser";
import { traffickingCourse } from "../../tests/setup/e2e-course";
import { createSessionFor, SESSION_COOKIE } from "../../tests/setup/e2e-db";
import { DEMO, ROOT } from "../../tests/setup/e2e-env";
import { freePort, productionServerEnv } from "../../tests/setup/production-server";
import { median } from "./stats";

const TOTAL_BUDGET_MS = 8 * 60_000;
/** Issue 10's byte budgets, in kB (1 kB = 1,024 bytes, as printed). */
const BUDGET_KB = { first: 120, repeat: 15 };
const { values: args } = parseArgs({
  options: { runs: { type: "string", default: "5" }, lesson: { type: "string" } },
});
const runs = Math.min(Math.max(Number(args.runs) || 5, 1), 20);

const started = Date.now();
const say = (line: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}`);

function npm(script: string, env: NodeJS.ProcessEnv) {
  const result = spawnSync("npm", ["run", "--silent", script], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"], timeout: 5 * 60_000 });
  if (result.status !== 0) throw new Error(`npm run ${script} failed (exit ${result.status ?? result.signal})`);
}

type Resource = { url: string; type: string; bytes: number };
type Weight = { js: number; total: number; requests: number; encodings: Set<string>; resources: Resource[] };

/** Sums what came over the network (headers + compressed bodies) for one navigation. */
async function measure(context: BrowserContext, url: string, visit: (url: string) => Promise<void>): Promise<Weight> {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  const seen = new Map<string, { url: string; type: string }>();
  const weight: Weight = { js: 0, total: 0, requests: 0, encodings: new Set(), resources: [] };
  cdp.on("Network.responseReceived", (e) => {
    seen.set(e.requestId, { url: e.response.url, type: e.type });
    const encoding = e.response.headers["content-encoding"] ?? e.response.headers["Content-Encoding"];
    if (e.type === "Script" && encoding) weight.encodings.add(encoding);
  });
  cdp.on("Network.loadingFinished", (e) => {
    if (e.encodedDataLength <= 0) return; // served from the HTTP cache: nothing downloaded
    const resource = seen.get(e.requestId) ?? { url: "?", type: "Other" };
    weight.total += e.encodedDataLength;
    weight.requests += 1;
    if (resource.type === "Script") weight.js += e.encodedDataLength;
    weight.resources.push({ ...resource, bytes: e.encodedDataLength });
  });
  await visit(url);
  await cdp.detach();
  return weight;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

async function main() {
  const course = traffickingCourse();
  const lessonId = args.lesson ?? course.lessons[0].id;
  const lessonPath = course.lessonUrl(lessonId);

  if (!fs.existsSync(path.join(ROOT, "server-build/index.js")) || !fs.existsSync(path.join(ROOT, "build/server/index.js"))) {
    say("no production build yet: npm run build…");
    npm("build", { ...process.env, NODE_ENV: "production" });
  } else {
    say("using the existing production build (run `npm run build` first to measure fresh changes)");
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tadrib-bench-"));
  const dbFile = path.join(dir, "bench.db");
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env = productionServerEnv({ port, dbFile, appUrl: origin });
  say(`temporary database ${dbFile}: migrating and seeding`);
  npm("db:migrate", env);
  npm("db:seed", env);

  say(`starting the production server on ${origin}`);
  const server = spawn(process.execPath, ["server-build/index.js"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
  const browser = await chromium.launch({ ...chromiumLaunchOptions(), timeout: 60_000 });
  const watchdog = setTimeout(() => {
    console.error(`[bench] gave up after ${TOTAL_BUDGET_MS / 60_000} minutes`);
    server.kill("SIGKILL");
    process.exit(1);
  }, TOTAL_BUDGET_MS);
  watchdog.unref();

  try {
    const deadline = Date.now() + 30_000;
    while ((await fetch(`${origin}/healthz`).catch(() => null))?.ok !== true) {
      if (Date.now() > deadline || server.exitCode !== null) throw new Error("the server did not become healthy within 30 s");
      await new Promise((r) => setTimeout(r, 200));
    }
    const token = createSessionFor(DEMO.learner, dbFile);
    const newContext = async () => {
      const context = await browser.newContext({ baseURL: origin, locale: "fr-FR" });
      context.setDefaultNavigationTimeout(30_000);
      await context.addCookies([{ name: SESSION_COOKIE, value: token, url: origin, httpOnly: true, sameSite: "Lax" }]);
      return context;
    };

    // One unmeasured visit: the learner must be enrolled, and the page must really be the lesson.
    {
      const context = await newContext();
      const page = await context.newPage();
      const response = await page.goto(lessonPath);
      if (!response?.ok() || new URL(page.url()).pathname !== lessonPath) {
        throw new Error(`${lessonPath} answered ${response?.status()} at ${page.url()}: is ${DEMO.learner} enrolled in ${course.slug}?`);
      }
      await context.close();
    }

    const first: Weight[] = [];
    const repeat: Weight[] = [];
    for (let run = 1; run <= runs; run++) {
      const context = await newContext();
      const goto = async (url: string) => {
        const page = context.pages()[0];
        await page.goto(url, { waitUntil: "networkidle" });
      };
      await context.newPage();
      first.push(await measure(context, lessonPath, goto));
      // A repeat visit: the learner comes back to the lesson later, same browser.
      await goto("/courses");
      repeat.push(await measure(context, lessonPath, goto));
      await context.close();
      const [f, r] = [first.at(-1)!, repeat.at(-1)!];
      say(`run ${run}/${runs}: first visit ${kb(f.total)} (JS ${kb(f.js)}, ${f.requests} requests) · repeat ${kb(r.total)} (JS ${kb(r.js)}, ${r.requests} requests)`);
    }

    const row = (label: string, pick: (w: Weight) => number, format: (n: number) => string) => {
      const a = median(first.map(pick));
      const b = median(repeat.map(pick));
      const ratio = a ? (b / a).toFixed(2) : "–";
      return `| ${label.padEnd(22)} | ${format(a).padStart(11)} | ${format(b).padStart(12)} | ${ratio.padStart(12)} |`;
    };
    const encodings = [...new Set(first.flatMap((w) => [...w.encodings]))].join(", ") || "none";
    console.log("");
    console.log(`Lesson page ${lessonPath} — medians of ${runs} run(s), bytes over the wire (headers + ${encodings} bodies)`);
    console.log("");
    console.log(`| ${"".padEnd(22)} | ${"first visit".padStart(11)} | ${"repeat visit".padStart(12)} | ${"repeat/first".padStart(12)} |`);
    console.log(`|${"-".repeat(24)}|${"-".repeat(13)}|${"-".repeat(14)}|${"-".repeat(14)}|`);
    console.log(row("JavaScript", (w) => w.js, kb));
    console.log(row("Total", (w) => w.total, kb));
    console.log(`| ${"Budget (total)".padEnd(22)} | ${`≤ ${BUDGET_KB.first}.0 kB`.padStart(11)} | ${`≤ ${BUDGET_KB.repeat}.0 kB`.padStart(12)} | ${"".padStart(12)} |`);
    console.log(row("Requests (network)", (w) => w.requests, (n) => String(n)));
    const verdict = (label: string, bytes: number, budget: number) =>
      `${label} ${kb(bytes)} of ${budget} kB: ${bytes <= budget * 1024 ? "within budget" : `OVER by ${kb(bytes - budget * 1024)}`}`;
    console.log("");
    console.log(`${verdict("first visit", median(first.map((w) => w.total)), BUDGET_KB.first)} · ${verdict("repeat visit", median(repeat.map((w) => w.total)), BUDGET_KB.repeat)}`);
    console.log("");
    console.log("What a first visit downloads (last run):");
    for (const r of [...first.at(-1)!.resources].sort((a, b) => b.bytes - a.bytes)) {
      console.log(`  ${kb(r.bytes).padStart(9)}  ${r.type.padEnd(10)} ${new URL(r.url).pathname}`);
    }
    console.log("");
    say("done");
  } finally {
    await browser.close();
    if (server.exitCode === null && server.signalCode === null) {
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`[bench] failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
