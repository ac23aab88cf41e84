import cluster from "node:cluster";
import type { NextFunction, Request, Response } from "express";
import { env } from "~/config/env.server";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 } as const;
type Level = Exclude<keyof typeof LEVELS, "silent">;

// Several processes write to one log when the server runs as a cluster (decision 032): each worker's lines say which.
const origin = cluster.isWorker ? { pid: process.pid } : {};

function write(level: Level, entry: Record<string, unknown>) {
  if (LEVELS[level] < LEVELS[env.LOG_LEVEL]) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, ...origin, ...entry });
  (level === "error" ? process.stderr : process.stdout).write(`${line}\n`);
}

/** Structured (one JSON object per line) logs, ready for any log shipper. */
export const log = {
  debug: (e: Record<string, unknown>) => write("debug", e),
  info: (e: Record<string, unknown>) => write("info", e),
  warn: (e: Record<string, unknown>) => write("warn", e),
  error: (e: Record<string, unknown>) => write("error", e),
};

export function requestLogger() {
  return (req: Request, res: Response, next: NextFunction) => {
    const start = process.hrtime.bigint();
    res.on("finish", () => {
      if (req.path.startsWith("/assets/") || req.path.startsWith("/@") || req.path.startsWith("/node_modules/")) return;
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      log[res.statusCode >= 500 ? "error" : "info"]({
        msg: "request",
        method: req.method,
        path: req.originalUrl.split("?")[0],
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
        bytes: Number(res.getHeader("content-length") ?? 0) || undefined,
      });
    });
    next();
  };
}
