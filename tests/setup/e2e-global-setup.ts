/**
 * Playwright's global setup: a production build (skipped with
 * E2E_SKIP_BUILD=1 when one is already there) and one migrated, seeded
 * template database that every worker copies for its own server.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { E2E_TEMPLATE_DB, ROOT } from "./e2e-env";
import { productionServerEnv } from "./production-server";

function step(label: string, script: string, env: NodeJS.ProcessEnv) {
  const started = Date.now();
  console.log(`[e2e] ${label}…`);
  const result = spawnSync("npm", ["run", "--silent", script], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) throw new Error(`[e2e] "npm run ${script}" failed (exit ${result.status ?? result.signal})`);
  console.log(`[e2e] ${label} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export default function globalSetup() {
  fs.mkdirSync(path.dirname(E2E_TEMPLATE_DB), { recursive: true });
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(E2E_TEMPLATE_DB + suffix, { force: true });
  const env = productionServerEnv({ port: 3999, dbFile: E2E_TEMPLATE_DB, appUrl: "http://localhost:3999" });
  step("migrating the template database", "db:migrate", env);
  step("seeding demo data", "db:seed", env);
  // Fold the WAL into the main file, so copying the .db alone is the whole database.
  const db = new Database(E2E_TEMPLATE_DB);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  if (process.env.E2E_SKIP_BUILD === "1" && ["server-build/index.js", "server-build/app.js"].every((f) => fs.existsSync(path.join(ROOT, f)))) {
    console.log("[e2e] E2E_SKIP_BUILD=1: using the existing build");
  } else {
    // The build itself must not see the test server's settings.
    step("building (npm run build)", "build", { ...process.env, NODE_ENV: "production" });
  }
}
