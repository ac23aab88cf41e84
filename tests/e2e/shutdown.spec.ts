/**
 * Graceful shutdown of the real production build: a second server on its own
 * port and its own copy of the database, stopped with SIGTERM while a request
 * is still uploading its body.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import Database from "better-sqlite3";
import { createSessionFor, createUser, findUser } from "../setup/e2e-db";
import { e2eDb, ROOT } from "../setup/e2e-env";
import { expect, test } from "../setup/e2e-fixtures";
import { freePort, productionServerEnv } from "../setup/production-server";

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

test("SIGTERM lets the in-flight request finish, refuses new ones, and closes the database cleanly", async () => {
  test.setTimeout(60_000);
  const dbFile = path.join(ROOT, `tests/.tmp/shutdown-${process.pid}-${Date.now()}.db`);
  const source = new Database(e2eDb(), { readonly: true, fileMustExist: true });
  try {
    await source.backup(dbFile); // SQLite's online backup: a consistent copy while the e2e server writes
  } finally {
    source.close();
  }
  const user = await createUser({ locale: "fr" }, dbFile);
  const token = createSessionFor(user.email, dbFile);
  const newLocale = "ar";

  const port = await freePort();
  let output = "";
  const server = spawn(process.execPath, ["server-build/index.js"], {
    cwd: ROOT,
    env: productionServerEnv({ port, dbFile, appUrl: `http://127.0.0.1:${port}`, logLevel: "info" }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (chunk) => (output += chunk));
  server.stderr!.on("data", (chunk) => (output += chunk));

  try {
    await waitFor(
      "the server to answer /healthz",
      async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok === true,
      30_000,
    );
    expect(fs.existsSync(`${dbFile}-wal`), "the running server holds the database open in WAL mode").toBe(true);

    // A language change by a signed-in user: it writes to the database once its body is complete.
    const body = `lang=${newLocale}&redirectTo=%2Fcourses`;
    const slowRequest = http.request({
      host: "127.0.0.1",
      port,
      method: "POST",
      path: "/language",
      agent: false,
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": Buffer.byteLength(body),
        Cookie: `tadrib_session=${token}`,
        Connection: "close",
        // The server answers "100 Continue" once it has parsed the request: the sign that it is in flight.
        Expect: "100-continue",
      },
    });
    const responded = new Promise<http.IncomingMessage>((resolve, reject) => {
      slowRequest.on("response", resolve);
      slowRequest.on("error", reject);
    });
    slowRequest.flushHeaders();
    await new Promise<void>((resolve) => slowRequest.once("continue", resolve));
    slowRequest.write(body.slice(0, 8));

    server.kill("SIGTERM");
    await waitFor("the server to stop accepting connections", async () => !(await canConnect(port)), 5_000);
    expect(server.exitCode, "still running while a request is in flight").toBeNull();

    slowRequest.end(body.slice(8));
    const response = await responded;
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe("/courses");
    expect(String(response.headers["set-cookie"])).toContain(`lang=${newLocale}`);
    response.resume();

    const exit = await Promise.race([
      exitOf(server),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("server did not exit within 15 s")), 15_000)),
    ]);
    expect(exit, `server output:\n${output}`).toEqual({ code: 0, signal: null });

    // Closed cleanly: the last connection checkpointed the WAL into the database and removed it.
    const wal = `${dbFile}-wal`;
    expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0, "bytes left in the -wal file").toBe(0);
    expect(findUser(user.email, dbFile)!.locale, "the in-flight request's write was kept").toBe(newLocale);
    const check = new Database(dbFile, { readonly: true });
    try {
      expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
    } finally {
      check.close();
    }
  } finally {
    if (server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(dbFile + suffix, { force: true });
  }
});
