import fs from "node:fs";
import type http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import express from "express";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_TMP_DIR } from "../tests/setup/paths";
import { createDb } from "~/db/client.server";
import { databaseAnswers } from "~/db/health.server";
import { healthz } from "./health";

const workDir = fs.mkdtempSync(path.join(TEST_TMP_DIR, "health-"));
const servers: http.Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  fs.rmSync(workDir, { recursive: true, force: true });
});

/** GET /healthz of an Express app with only this route, as server/index.ts registers it. */
async function get(handler: express.RequestHandler) {
  const app = express();
  app.get("/healthz", handler);
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((resolve) => server.once("listening", resolve));
  return fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`);
}

describe("GET /healthz", () => {
  it("answers 200 ok, uncached, when the database answers", async () => {
    const response = await get(healthz());
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers 503 error when the database cannot be queried", async () => {
    // A directory where the database file should be: SQLite cannot open it.
    const notAFile = path.join(workDir, "not-a-file.db");
    fs.mkdirSync(notAFile);
    const broken = createDb(`file:${notAFile}`);
    try {
      expect(await databaseAnswers(broken)).toBe(false);
      const response = await get(healthz(() => databaseAnswers(broken)));
      expect(response.status).toBe(503);
      expect(response.headers.get("Cache-Control")).toBe("no-store");
      expect(await response.json()).toEqual({ status: "error" });
    } finally {
      await broken.$disconnect().catch(() => {});
    }
  });
});
