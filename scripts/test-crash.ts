/**
 * `npm run test:crash`: what a server acknowledged survives a `kill -9`.
 *
 * Starts the production build on 127.0.0.1 with a throwaway database, lets
 * many learners save quiz answers at once (each its own sequence of
 * values, one answer after another), kills the server with SIGKILL in the
 * middle of it, and then checks, on the database as the crash left it:
 * - every answer the server acknowledged (HTTP 200) is there, or the next
 *   value of the same learner's sequence, sent but not yet acknowledged;
 * - SQLite's integrity check says "ok";
 * - a restarted server answers and reads the same answers back.
 * Repeats for several rounds, each killed at a different moment.
 *
 *   npm run test:crash [-- --rounds 3 --learners 30]
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { createSessionFor, createUser, enrol, withDb } from "../tests/setup/e2e-db";
import { ROOT, TRAFFICKING_COURSE } from "../tests/setup/e2e-env";
import { freePort, productionServerEnv } from "../tests/setup/production-server";

const { values: args } = parseArgs({
  options: { rounds: { type: "string", default: "3" }, learners: { type: "string", default: "30" } },
});
const rounds = Math.min(Math.max(Number(args.rounds) || 3, 1), 10);
const learners = Math.min(Math.max(Number(args.learners) || 30, 1), 200);
const QUIZ = `/courses/${TRAFFICKING_COURSE}/quizzes/check-your-knowledge`;
// Typed questions take any text, so every save can carry a value of its own.
const QUESTIONS = ["law-number", "child-age"];

const started = Date.now();
const say = (line: string) => console.log(`[crash ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}`);

function npm(script: string, env: NodeJS.ProcessEnv) {
  const result = spawnSync("npm", ["run", "--silent", script], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"], timeout: 5 * 60_000 });
  if (result.status !== 0) throw new Error(`npm run ${script} failed (exit ${result.status ?? result.signal})`);
}

async function startServer(dbFile: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["server-build/index.js"], {
    cwd: ROOT,
    env: productionServerEnv({ port, dbFile, appUrl: url, logLevel: "error" }),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) return { url, child };
    if (Date.now() > deadline) throw new Error("the server did not start within 60 s");
    await new Promise((r) => setTimeout(r, 100));
  }
}

type Learner = { cookie: string; attemptId: string; question: string; acked: number; sent: number };

async function prepareLearners(url: string, dbFile: string, round: number): Promise<Learner[]> {
  const people: Learner[] = [];
  for (let i = 0; i < learners; i++) {
    const user = await createUser({ name: `Crash ${round}-${i}` }, dbFile);
    enrol(user.email, TRAFFICKING_COURSE, dbFile);
    const cookie = `tadrib_session=${createSessionFor(user.email, dbFile)}`;
    const start = await fetch(`${url}${QUIZ}`, { method: "POST", headers: { cookie, "content-type": "application/x-www-form-urlencoded" }, body: "intent=start", redirect: "manual" });
    if (start.status !== 302) throw new Error(`starting an attempt answered ${start.status}`);
    const attemptId = withDb(
      (db) => (db.prepare(`SELECT id FROM "QuizAttempt" WHERE userId = ? AND status = 'in_progress'`).get(user.id) as { id: string }).id,
      dbFile,
    );
    people.push({ cookie, attemptId, question: QUESTIONS[i % QUESTIONS.length], acked: 0, sent: 0 });
  }
  return people;
}

/** One learner's saves, one after another, until the server goes away. */
async function saveUntilKilled(url: string, learner: Learner): Promise<void> {
  for (let n = 1; ; n++) {
    learner.sent = n;
    const body = new URLSearchParams({ attemptId: learner.attemptId, questionId: learner.question, value: JSON.stringify(`v${n}`) });
    let response: Response;
    try {
      response = await fetch(`${url}${QUIZ}/answers`, { method: "POST", headers: { cookie: learner.cookie }, body });
    } catch {
      return; // the server is gone
    }
    if (response.status !== 200) throw new Error(`a save answered ${response.status}: ${await response.text()}`);
    learner.acked = n;
  }
}

function storedValue(db: Database.Database, learner: Learner): number {
  const row = db.prepare(`SELECT answers FROM "QuizAttempt" WHERE id = ?`).get(learner.attemptId) as { answers: string };
  const value = (JSON.parse(row.answers) as Record<string, unknown>)[learner.question];
  return typeof value === "string" && /^v\d+$/.test(value) ? Number(value.slice(1)) : 0;
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, "server-build/index.js")) || !fs.existsSync(path.join(ROOT, "build/server/index.js"))) {
    say("building the app (npm run build)…");
    npm("build", { ...process.env, NODE_ENV: "production" });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tadrib-crash-"));
  const dbFile = path.join(dir, "crash.db");
  const env = productionServerEnv({ port: 3997, dbFile, appUrl: "http://127.0.0.1:3997" });
  say("migrating and seeding a throwaway database…");
  npm("db:migrate", env);
  npm("db:seed", env);

  let acknowledged = 0;
  let lost = 0;
  const results: string[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      const { url, child } = await startServer(dbFile);
      const people = await prepareLearners(url, dbFile, round);
      const killAfterMs = 400 + Math.floor(Math.random() * 1200);
      say(`round ${round}/${rounds}: ${people.length} learners saving answers; kill -9 after ${killAfterMs} ms`);
      const saving = Promise.all(people.map((p) => saveUntilKilled(url, p)));
      await new Promise((r) => setTimeout(r, killAfterMs));
      child.kill("SIGKILL");
      await saving;
      await new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));

      // The database as the crash left it (the WAL included), before anything reopens it for writing.
      const db = new Database(dbFile, { readonly: true });
      let roundLost = 0;
      try {
        const integrity = db.pragma("integrity_check", { simple: true });
        if (integrity !== "ok") throw new Error(`integrity_check after kill -9: ${String(integrity)}`);
        for (const p of people) {
          const value = storedValue(db, p);
          // Acknowledged, or the one after it that was in flight when the server died.
          if (value !== p.acked && value !== p.sent) roundLost++;
        }
      } finally {
        db.close();
      }
      const roundAcked = people.reduce((sum, p) => sum + p.acked, 0);
      acknowledged += roundAcked;
      lost += roundLost;
      results.push(`round ${round}: ${roundAcked} saves acknowledged, last acknowledged answer present for ${people.length - roundLost} of ${people.length} learners, integrity ok`);
      say(results.at(-1)!);

      // A restarted server reads the same answers back.
      const expected = `v${withDb((db) => storedValue(db, people[0]), dbFile)}`;
      const again = await startServer(dbFile);
      const check = await fetch(`${again.url}${QUIZ}`, { headers: { cookie: people[0].cookie } });
      const html = await check.text();
      again.child.kill("SIGTERM");
      await new Promise<void>((resolve) => again.child.once("exit", () => resolve()));
      if (check.status !== 200 || !html.includes(`value="${expected}"`)) {
        throw new Error(`after a restart the quiz page (${check.status}) does not show the saved answer ${expected}`);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  console.log("");
  for (const line of results) console.log(`  ${line}`);
  console.log(`\ntest:crash: ${acknowledged} acknowledged saves over ${rounds} kill -9 round(s); ${lost} lost; integrity ok`);
  if (lost > 0) process.exit(1);
}

main().catch((error) => {
  console.error(`test:crash failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
