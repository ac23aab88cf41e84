import fs from "node:fs";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import type * as AppEntry from "~/entry.server";
import compression from "compression";
import express from "express";
import { closeDb } from "~/db/client.server";
import { env } from "~/config/env.server";
import { appOrigin, appUrlProblem } from "~/http/app-url.server";
import { backgroundSettled } from "~/jobs/background.server";
import { startHousekeeping } from "~/jobs/housekeeping.server";
import { healthz } from "./health";
import { requestLogger, log } from "./log";
import { mediaFiles } from "./media";
import { precompressedAssets } from "./precompressed";
import { formRequestGuard } from "./request-guard";
import { contentOriginOnly, SCORM_CONTENT_PATH, scormContent } from "./scorm-content";
import { contentSecurityPolicy, originCheck, securityHeaders } from "./security";

const dev = env.NODE_ENV !== "production";

async function main() {
  const misconfigured = appUrlProblem();
  if (misconfigured) {
    console.error(`Tadrib will not start: ${misconfigured}`);
    process.exit(1);
  }
  const viteDevServer = dev ? await createViteDevServer() : undefined;

  const app = express();
  app.disable("x-powered-by");
  if (env.TRUST_PROXY) app.set("trust proxy", true);

  // Before the request log, compression and Remix: polled by monitors, it costs a `SELECT 1` and little else.
  app.get("/healthz", healthz());
  app.use(requestLogger());
  app.use(compression());
  app.use(contentOriginOnly(env.SCORM_CONTENT_ORIGIN, { trustProxy: env.TRUST_PROXY }));
  // Imported SCORM packages' files, sandboxed (server/scorm-content.ts), on this origin or SCORM_CONTENT_ORIGIN:
  // before securityHeaders, because package content has a header set of its own (decision 024).
  app.use(SCORM_CONTENT_PATH, scormContent({ storeDir: env.SCORM_DIR, lmsOrigin: new URL(appOrigin()).origin }));
  const policy = { dev, contentOrigin: env.SCORM_CONTENT_ORIGIN };
  app.use(securityHeaders(policy));

  // Lesson images, video, audio and captions, from the course cache (server/media.ts).
  app.use("/media", mediaFiles(env.COURSE_CACHE_DIR));

  if (viteDevServer) {
    app.use(viteDevServer.middlewares);
  } else {
    // Fingerprinted by Vite: cache for a year, never revalidate.
    app.use("/assets", precompressedAssets(path.resolve("build/client/assets")));
    app.use("/assets", express.static(path.resolve("build/client/assets"), { immutable: true, maxAge: "1y" }));
    app.use(clientFiles(path.resolve("build/client")));
  }

  // Browsers ask for /favicon.ico on their own (after an error page, say).
  app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));

  app.use(originCheck({ trustProxy: env.TRUST_PROXY }));
  app.use(formRequestGuard(async (request, key) => (await loadBuild()).entry.module.translateFor(request, key)));

  const build = viteDevServer
    ? () => viteDevServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>
    : ((await import(path.resolve("build/server/index.js"))) as ServerBuild);
  async function loadBuild(): Promise<ServerBuild & { entry: { module: typeof AppEntry } }> {
    return (typeof build === "function" ? await build() : build) as ServerBuild & { entry: { module: typeof AppEntry } };
  }

  // A page sent again from app/http/render-once.server.ts: its own inline scripts, by hash (decision 034).
  const scriptPolicy = (sources: readonly string[]) => contentSecurityPolicy(policy, ["'self'", ...sources].join(" "));

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: env.NODE_ENV,
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        clientIp: req.ip,
        // Single fetch's data requests end in .data; anything else that renders, renders a document.
        documentRequest: !req.path.endsWith(".data"),
        scriptPolicy,
      }),
    }),
  );

  const server = app.listen(env.PORT, () => {
    log.info({ msg: "listening", url: `http://localhost:${env.PORT}`, mode: env.NODE_ENV, pid: process.pid });
  });
  const housekeeping = startHousekeeping();

  // Graceful shutdown: stop accepting, let in-flight requests finish, then
  // close the database so the WAL is checkpointed cleanly.
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ msg: "shutting down", signal });
    const force = setTimeout(() => {
      log.warn({ msg: "forcing exit after 10s" });
      process.exit(1);
    }, 10_000);
    force.unref();
    housekeeping.stop();
    server.close(async () => {
      await backgroundSettled();
      await viteDevServer?.close();
      await closeDb();
      log.info({ msg: "closed" });
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

/**
 * The build's other public files (favicon.svg), for the names the build holds at the top of build/client: any
 * other path goes on to Remix without serve-static's failed stat (every page request paid one).
 */
function clientFiles(dir: string): express.RequestHandler {
  const names = new Set(fs.readdirSync(dir).filter((name) => name !== "assets"));
  const files = express.static(dir, { maxAge: "1h" });
  return (req, res, next) => (names.has(req.path.split("/")[1] ?? "") ? files(req, res, next) : next());
}

/**
 * Vite installs its own SIGTERM (and stdin "end") handler that exits the
 * process before our graceful shutdown can close the database; we remove it
 * and close Vite ourselves in shutdown().
 */
async function createViteDevServer() {
  const vite = await import("vite");
  const before = new Set(process.listeners("SIGTERM"));
  const stdinBefore = new Set(process.stdin.listeners("end"));
  const server = await vite.createServer({ server: { middlewareMode: true } });
  for (const l of process.listeners("SIGTERM")) if (!before.has(l)) process.off("SIGTERM", l);
  for (const l of process.stdin.listeners("end")) if (!stdinBefore.has(l)) process.stdin.off("end", l as () => void);
  return server;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
