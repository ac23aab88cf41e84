import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_TMP_DIR } from "../../tests/setup/paths";
import { createDb } from "./client.server";
import { openDatabase } from "./migrate.server";

const workDir = fs.mkdtempSync(path.join(TEST_TMP_DIR, "pragmas-"));
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

type Pragmas = { journal_mode: string; busy_timeout: number; foreign_keys: number; synchronous: number };

function expectConnectionPragmas(p: Pragmas) {
  expect(p.journal_mode).toBe("wal");
  expect(p.busy_timeout).toBeGreaterThanOrEqual(5000);
  expect(p.foreign_keys).toBe(1);
  // 1 is NORMAL: with WAL it is durable across application crashes and much faster than FULL.
  expect(p.synchronous).toBe(1);
}

describe("connection pragmas", () => {
  it("are set on every Prisma client from createDb()", async () => {
    const client = createDb(`file:${path.join(workDir, "client.db")}`);
    try {
      const read = async (pragma: string) => {
        const rows = await client.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${pragma}`);
        return Object.values(rows[0])[0];
      };
      expectConnectionPragmas({
        journal_mode: String(await read("journal_mode")),
        busy_timeout: Number(await read("busy_timeout")),
        foreign_keys: Number(await read("foreign_keys")),
        synchronous: Number(await read("synchronous")),
      });
    } finally {
      await client.$disconnect();
    }
  });

  it("are set on the migrator's connection from openDatabase()", () => {
    const database = openDatabase(path.join(workDir, "migrator.db"));
    try {
      expectConnectionPragmas({
        journal_mode: String(database.pragma("journal_mode", { simple: true })),
        busy_timeout: Number(database.pragma("busy_timeout", { simple: true })),
        foreign_keys: Number(database.pragma("foreign_keys", { simple: true })),
        synchronous: Number(database.pragma("synchronous", { simple: true })),
      });
    } finally {
      database.close();
    }
  });
});
