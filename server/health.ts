import type { RequestHandler } from "express";
import { databaseAnswers } from "~/db/health.server";

/**
 * GET /healthz, for load balancers and uptime monitors (docs/operations.md):
 * 200 {"status":"ok"} when the database answers a query, 503 {"status":"error"}
 * otherwise, never cached. A plain Express route registered before the request
 * log, compression and Remix (decision 029): a monitor polling it costs a
 * `SELECT 1` and little else.
 */
export function healthz(check: () => Promise<boolean> = databaseAnswers): RequestHandler {
  return (_req, res, next) => {
    check().then((ok) => {
      res.set("Cache-Control", "no-store");
      res.status(ok ? 200 : 503).json({ status: ok ? "ok" : "error" });
    }, next);
  };
}
