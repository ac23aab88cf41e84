/**
 * `node server-build/index.js`, the production server's entry (built from this file; the app server itself,
 * server/index.ts, is built to server-build/app.js). With WEB_CONCURRENCY=1, or outside production, it runs the
 * app server in this process, exactly as before; with more, this process becomes the cluster's primary
 * (server/cluster.ts), which loads neither the app nor the database and forks that many app servers.
 * Kept small on purpose: the primary loads only this bundle (decision 032).
 */
import { fileURLToPath } from "node:url";
import { env, serverProcesses } from "~/config/env.server";
import { appUrlProblem } from "~/http/app-url.server";
import { runCluster } from "./cluster";

// Under tsx (server/main.ts) the app server is its source file; in the build, the bundle beside this one.
const appServer = new URL(import.meta.url.endsWith(".ts") ? "./index.ts" : "./app.js", import.meta.url);
const processes = serverProcesses();

if (processes === 1) {
  await import(appServer.href);
} else {
  const misconfigured = appUrlProblem();
  if (misconfigured) {
    console.error(`Tadrib will not start: ${misconfigured}`);
    process.exit(1);
  }
  runCluster({ workers: processes, exec: fileURLToPath(appServer), housekeeping: env.HOUSEKEEPING });
}
