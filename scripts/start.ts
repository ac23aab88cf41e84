/**
 * `npm start`: the one command a newcomer runs. Migrates the database, seeds
 * demo data into an empty one, compiles courses and the app when their sources
 * changed, then serves (production mode). `npm run dev` does the same with
 * Vite's dev server and hot reload instead of a build, and rebuilds the
 * courses whenever a file under courses/ changes.
 */
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { watchCourses } from "./courses-watch";

const dev = process.argv.includes("--dev");

// Links in emails and on certificates come from APP_URL only; production refuses to start without it.
// On a newcomer's machine the site is where this very command serves it.
if (!process.env.APP_URL) {
  process.env.APP_URL = `http://localhost:${process.env.PORT ?? 3000}`;
  console.log(`APP_URL is not set: using ${process.env.APP_URL} for links in emails and certificates.`);
}

function run(script: string, extraEnv: Record<string, string> = {}) {
  const result = spawnSync("npm", ["run", "--silent", script], {
    stdio: "inherit",
    env: { ...process.env, ...extraEnv },
  });
  if (result.status !== 0) {
    console.error(`\n"npm run ${script}" failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) {
    if (child === "generated" || child === "node_modules") continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

function buildIsStale(): boolean {
  const outputs = ["build/server/index.js", "server-build/index.js"];
  if (!outputs.every((f) => fs.existsSync(f))) return true;
  const builtAt = Math.min(...outputs.map((f) => fs.statSync(f).mtimeMs));
  const sources = ["app", "server", "public", "vite.config.ts", "package-lock.json", "prisma/schema.prisma"];
  return sources.some((s) => newestMtime(s) > builtAt);
}

run("db:migrate");
run("db:seed", { SEED_ONLY_IF_EMPTY: "true" });

if (dev) {
  run("courses:build");
  const child = spawn("npx", ["tsx", "server/index.ts"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "development" },
  });
  // A failed build keeps the last good one served and prints why; the next save tries again.
  const rebuildCourses = () => new Promise((resolve) => spawn("npm", ["run", "--silent", "courses:build"], { stdio: "inherit" }).on("exit", resolve));
  watchCourses(process.env.COURSES_DIR ?? path.resolve("courses"), rebuildCourses);
  // Courses made from SCORM packages are built with the others (decision 026); the folder may not exist yet.
  const packageCourses = process.env.PACKAGE_COURSES_DIR ?? path.resolve("data/courses");
  fs.mkdirSync(packageCourses, { recursive: true });
  watchCourses(packageCourses, rebuildCourses);
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  child.on("exit", (code) => process.exit(code ?? 0));
} else {
  if (buildIsStale()) {
    console.log("Building the app (sources changed since the last build)…");
    run("build");
  } else {
    run("courses:build");
  }
  const child = spawn(process.execPath, ["server-build/index.js"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? "production" },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  child.on("exit", (code) => process.exit(code ?? 0));
}
