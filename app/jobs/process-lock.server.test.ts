import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { TEST_TMP_DIR } from "../../tests/setup/paths";
import { withProcessLock } from "./process-lock.server";

const dir = fs.mkdtempSync(path.join(TEST_TMP_DIR, "process-lock-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("callers in one process run one at a time, in order, and a failure releases the lock", async () => {
  const file = path.join(dir, "a.lock");
  const events: string[] = [];
  const job = (name: string, fail = false) => async () => {
    events.push(`${name} start`);
    await sleep(30);
    events.push(`${name} end`);
    if (fail) throw new Error(name);
    return name;
  };
  const results = await Promise.allSettled([withProcessLock(file, job("one", true)), withProcessLock(file, job("two")), withProcessLock(file, job("three"))]);
  expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
  expect(events).toEqual(["one start", "one end", "two start", "two end", "three start", "three end"]);
});

test("waits while another process holds the lock, and gets it when that process dies", async () => {
  const file = path.join(dir, "b.lock");
  const script = `const D = require("better-sqlite3"); const d = new D(process.argv[1], { timeout: 0 }); d.exec("BEGIN EXCLUSIVE"); console.log("held"); setInterval(() => {}, 1000);`;
  const holder = spawn(process.execPath, ["-e", script, file], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    await new Promise<void>((resolve) => holder.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("held") && resolve()));
    let waited = false;
    let ran = false;
    const run = withProcessLock(file, async () => void (ran = true), { pollMs: 20, onWait: () => (waited = true) });
    await sleep(300);
    expect({ waited, ran }).toEqual({ waited: true, ran: false });
    holder.kill("SIGKILL"); // no unlock: the operating system drops the dead process's lock
    await run;
    expect(ran).toBe(true);
  } finally {
    holder.kill("SIGKILL");
  }
});
