/**
 * Playwright's webServer: a fresh, migrated and seeded database, a production
 * build (skipped with E2E_SKIP_BUILD=1 when one is already there), then the
 * real production server on port 3200.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { E2E_BASE_URL, E2E_DB, E2E_PORT, ROOT } from "./e2e-env";
import { productionServerEnv } from "./production-server";

const serverEnv = productionServerEnv({ port: E2E_PORT, dbFile: E2E_DB, appUrl: E2E_BASE_URL });

function step(label: string, script: string, env: NodeJS.ProcessEnv) {
  const started = Date.now();
  // Progress goes to stderr: Playwright shows the webServer's stderr, not its stdout.
  console.error(`[e2e-server] ${label}…`);
  const result = spawnSync("npm", ["run", "--silent", script], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) {
    console.error(`[e2e-server] "npm run ${script}" failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
  console.error(`[e2e-server] ${label} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

fs.mkdirSync(path.dirname(E2E_DB), { recursive: true });
for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(E2E_DB + suffix, { force: true });

step("migrating tests/.tmp/e2e.db", "db:migrate", serverEnv);
step("seeding demo data", "db:seed", serverEnv);
if (process.env.E2E_SKIP_BUILD === "1" && fs.existsSync(path.join(ROOT, "server-build/index.js"))) {
  console.error("[e2e-server] E2E_SKIP_BUILD=1: using the existing build");
} else {
  // The build itself must not see the test server's settings (NODE_ENV=production is fine, PORT is not used).
  step("building (npm run build)", "build", { ...process.env, NODE_ENV: "production" });
}

const server = spawn(process.execPath, ["server-build/index.js"], { cwd: ROOT, env: serverEnv, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
