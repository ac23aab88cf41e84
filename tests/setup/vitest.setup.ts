import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeEach, vi, type MockInstance } from "vitest";
import { TEMPLATE_DB, TEST_COURSE_CACHE, TEST_TMP_DIR } from "./paths";

// Runs in the worker before the test file's own imports, so env.server.ts
// (validated once at import) already sees these values.
const databaseFile = path.join(TEST_TMP_DIR, `db-${process.pid}-${randomBytes(6).toString("hex")}.db`);
fs.copyFileSync(TEMPLATE_DB, databaseFile);
process.env.DATABASE_URL = `file:${databaseFile}`;
process.env.NODE_ENV = "test";
process.env.MAIL_TRANSPORT = "log";
process.env.LOG_LEVEL = "silent";
process.env.COURSE_CACHE_DIR = TEST_COURSE_CACHE;

type DbGlobal = { __tadribDb?: unknown };
// A worker process may run several files: never let one file reuse the client
// (and so the database) of the previous one.
delete (globalThis as DbGlobal).__tadribDb;

afterAll(async () => {
  if ((globalThis as DbGlobal).__tadribDb) {
    const { closeDb } = await import("~/db/client.server");
    await closeDb();
    delete (globalThis as DbGlobal).__tadribDb;
  }
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(databaseFile + suffix, { force: true });
});

// A console.error during a test is a bug (React warnings, unhandled failures
// logged and swallowed...), so it fails the test that caused it.
let consoleError: MockInstance<typeof console.error> | undefined;

beforeEach(() => {
  consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
});

afterEach(() => {
  const calls = consoleError?.mock.calls ?? [];
  consoleError?.mockRestore();
  consoleError = undefined;
  if (calls.length > 0) {
    const printed = calls.map((args) => args.map((a) => (a instanceof Error ? a.stack : String(a))).join(" "));
    throw new Error(`console.error was called during this test:\n${printed.join("\n")}`);
  }
});
