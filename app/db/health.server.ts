import { log } from "../../server/log";
import { db, type Db } from "./client.server";

/**
 * Whether the database answers a query (`SELECT 1`), for GET /healthz
 * (server/health.ts). The reason of a failure goes to the log, not to the
 * (unauthenticated) caller.
 */
export async function databaseAnswers(client: Db = db): Promise<boolean> {
  try {
    await client.$queryRaw`SELECT 1`;
    return true;
  } catch (error) {
    log.error({ msg: "health check failed", check: "database", error: (error as Error).message });
    return false;
  }
}
