/**
 * `npm start`: the one command a newcomer runs. Migrates the database, seeds
 * demo data into an empty one, compiles courses and the app when their sources
 * changed, then serves (production mode). `npm run dev` does the same with
 * Vite's dev server and hot reload instead of a build, and rebuilds the
 * courses whenever a file under courses/ changes.
 *
 * A restart with nothing to do must be quick (decision 029): the migrations,
 * the "is the database empty" question and the course build's up-to-date
 * check run here, in this process; only real work (seeding, building) starts
 * an `npm run` of its own.
 */
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { staleCourseBuild } from "~/catalog/build-state.server";
import { databasePath, env } from "~/config/env.server";
import { migrate, MigrationError, openDatabase } from "~/db/migrate.server";
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
  const outputs = ["build/server/index.js", "server-build/index.js", "server-build/app.js"];
  if (!outputs.every((f) => fs.existsSync(f))) return true;
  const builtAt = Math.min(...outputs.map((f) => fs.statSync(f).mtimeMs));
  const sources = ["app", "server", "public", "vite.config.ts", "package-lock.json", "prisma/schema.prisma"];
  return sources.some((s) => newestMtime(s) > builtAt);
}

/** `npm run db:migrate`, in this process; true when the database has no user yet (then it gets the demo data). */
function migrateDatabase(): boolean {
  const file = databasePath();
  const database = openDatabase(file);
  try {
    const result = migrate(database, { onApply: (name, i, total) => console.log(`  [${i + 1}/${total}] applying ${name}`) });
    if (result.applied.length) console.log(`Applied ${result.applied.length} migration(s) to ${file}.`);
    return !database.prepare(`SELECT 1 FROM "User" LIMIT 1`).get();
  } catch (error) {
    if (!(error instanceof MigrationError)) throw error;
    console.error(`Migration refused: ${error.message}`);
    process.exit(1);
  } finally {
    database.close();
  }
}

async function coursesNeedBuilding(): Promise<boolean> {
  const stale = await staleCourseBuild({
    coursesDir: env.COURSES_DIR,
    packageCoursesDir: env.PACKAGE_COURSES_DIR,
    cacheDir: env.COURSE_CACHE_DIR,
  });
  if (stale) console.log(`Building the courses: ${stale}.`);
  return stale !== null;
}

if (migrateDatabase()) run("db:seed", { SEED_ONLY_IF_EMPTY: "true" });

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
  } else if (await coursesNeedBuilding()) {
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
