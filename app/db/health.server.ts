import { log } from "../../server/log";
import { db, type Db } from "./client.server";

const HEADERS = { "Cache-Control": "no-store" };

/**
 * The answer to GET /healthz: 200 {"status":"ok"} when the database answers a
 * query, 503 {"status":"error"} otherwise. The reason goes to the log, not to
 * the (unauthenticated) caller.
 */
export async function healthCheck(client: Db = db): Promise<Response> {
  try {
    await client.$queryRaw`SELECT 1`;
    return Response.json({ status: "ok" }, { headers: HEADERS });
  } catch (error) {
    log.error({ msg: "health check failed", check: "database", error: (error as Error).message });
    return Response.json({ status: "error" }, { status: 503, headers: HEADERS });
  }
}
