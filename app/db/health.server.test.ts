import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_TMP_DIR } from "../../tests/setup/paths";
import { loader } from "~/routes/healthz";
import { createDb } from "./client.server";
import { healthCheck } from "./health.server";

const workDir = fs.mkdtempSync(path.join(TEST_TMP_DIR, "health-"));
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

describe("GET /healthz", () => {
  it("answers 200 ok, uncached, when the database answers", async () => {
    const response = await loader();
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
      const response = await healthCheck(broken);
      expect(response.status).toBe(503);
      expect(response.headers.get("Cache-Control")).toBe("no-store");
      expect(await response.json()).toEqual({ status: "error" });
    } finally {
      await broken.$disconnect().catch(() => {});
    }
  });
});
