/**
 * `npm run bench:load`: N simulated learners (default 200) doing what
 * learners do, for a bounded time (default 120 s), against the production
 * build on 127.0.0.1 with a throwaway seeded database. Each learner is signed
 * in (its user and auth session are inserted first, as the e2e suite does),
 * then browses the catalogue, opens the anti-trafficking course, enrols,
 * reads every required lesson and marks it complete, starts the final
 * assessment, saves each answer through the endpoint the quiz island uses,
 * submits, and downloads its certificate; then keeps reading lessons until the
 * time is up. Think time between steps: 1–3 s, random. Prints progress every
 * 5 s, then throughput, p50/p95/p99 per step and the errors (answers outside
 * 2xx/3xx, network errors). Goal (issue 10): 0 errors, p95 < 200 ms at 200.
 *
 *   npm run bench:load [-- --learners 200 --duration 120]
 */
import { parseArgs } from "node:util";
import { createSignedInLearners, SESSION_COOKIE } from "../../tests/setup/e2e-db";
import { traffickingCourse } from "../../tests/setup/e2e-course";
import { ROOT } from "../../tests/setup/e2e-env";
import { countWorkers, describeProcesses, missingBuild, seededDatabase, shellWebConcurrency, stamp, startServer } from "./bench-server";
import { attemptIdIn, readQuizQuestions, rightAnswers } from "./quiz-answers";
import { summarize } from "./stats";
import fs from "node:fs";

const { values: args } = parseArgs({
  options: { learners: { type: "string", default: "200" }, duration: { type: "string", default: "120" } },
});
const learnerCount = Math.min(Math.max(Math.round(Number(args.learners) || 200), 1), 2000);
const seconds = Math.min(Math.max(Math.round(Number(args.duration) || 120), 5), 900);
const REQUEST_TIMEOUT_MS = 30_000;
const QUIZ_ID = "final-assessment";
const say = stamp("bench:load");

type Step = "catalogue" | "course page" | "enrol" | "lesson page" | "lesson complete" | "quiz start" | "quiz page" | "answer save" | "quiz submit" | "certificates" | "certificate pdf";
const times = new Map<Step, number[]>();
const errors = new Map<Step, number>();
const problems: string[] = [];
let requests = 0;
let certificates = 0;
/** How far the learners got: how many finished each stage of the flow. */
const reached = { enrolled: 0, "lessons read": 0, "quiz submitted": 0, "certificate downloaded": 0 };

class TimeUp extends Error {}

async function main() {
  const missing = missingBuild();
  if (missing) {
    console.error(`bench:load needs a built tree: ${missing}.`);
    process.exit(1);
  }
  say("migrating and seeding a throwaway database");
  const { dir, dbFile } = seededDatabase("load");
  const server = await startServer(dbFile, [], { webConcurrency: shellWebConcurrency() });
  const origin = server.origin;
  const processes = describeProcesses(await countWorkers(server.child.pid));
  try {
    const learners = await createSignedInLearners(learnerCount, { prefix: "load" }, dbFile);
    say(`${learners.length} signed-in learners in the database; Tadrib on ${origin} (${processes}); ${seconds} s of load`);
    const course = traffickingCourse();
    const questions = readQuizQuestions(ROOT, course.slug, QUIZ_ID);
    const quizUrl = `${origin}/courses/${course.slug}/quizzes/${QUIZ_ID}`;
    const started = Date.now();
    const deadline = started + seconds * 1000;

    async function think() {
      const ms = 1000 + Math.random() * 2000;
      if (Date.now() + ms >= deadline) throw new TimeUp();
      await new Promise((r) => setTimeout(r, ms));
    }

    /** One timed request; counts an error for anything outside 2xx/3xx or a network failure. */
    async function request(step: Step, cookie: string, url: string, init: { method?: string; form?: Record<string, string> } = {}) {
      const t0 = performance.now();
      requests++;
      try {
        const response = await fetch(url, {
          method: init.method ?? (init.form ? "POST" : "GET"),
          headers: { Cookie: cookie, Origin: origin, "Accept-Encoding": "br, gzip", ...(init.form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}) },
          body: init.form ? new URLSearchParams(init.form) : undefined,
          redirect: "manual",
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const body = Buffer.from(await response.arrayBuffer());
        const ms = performance.now() - t0;
        if (!times.has(step)) times.set(step, []);
        times.get(step)!.push(ms);
        if (response.status >= 400) {
          errors.set(step, (errors.get(step) ?? 0) + 1);
          if (problems.length < 10) problems.push(`${step}: ${response.status} for ${url}`);
        }
        return { status: response.status, body };
      } catch (error) {
        errors.set(step, (errors.get(step) ?? 0) + 1);
        if (problems.length < 10) problems.push(`${step}: ${error instanceof Error ? error.message : String(error)} for ${url}`);
        return { status: 0, body: Buffer.alloc(0) };
      }
    }

    async function learner(token: string) {
      const cookie = `${SESSION_COOKIE}=${token}`;
      const lessons = course.requiredLessons;
      try {
        await think();
        await request("catalogue", cookie, `${origin}/courses`);
        await think();
        await request("course page", cookie, `${origin}${course.url}`);
        await think();
        await request("enrol", cookie, `${origin}${course.url}`, { form: {} });
        reached.enrolled++;
        for (const lesson of lessons) {
          await think();
          await request("lesson page", cookie, `${origin}${course.lessonUrl(lesson)}`);
          await think();
          await request("lesson complete", cookie, `${origin}${course.lessonUrl(lesson)}`, { form: { intent: "complete" } });
        }
        reached["lessons read"]++;
        await think();
        await request("quiz start", cookie, quizUrl, { form: { intent: "start", lesson: course.lessonHolding("Quiz", QUIZ_ID) } });
        const page = await request("quiz page", cookie, quizUrl);
        const html = page.body.toString("utf8");
        const attemptId = attemptIdIn(html);
        if (!attemptId) {
          if (problems.length < 10) problems.push("quiz page: no attempt under way");
        } else {
          for (const answer of rightAnswers(questions, html, "fr")) {
            await think();
            await request("answer save", cookie, `${quizUrl}/answers`, {
              form: { attemptId, questionId: answer.questionId, value: JSON.stringify(answer.value) },
            });
          }
          await think();
          await request("quiz submit", cookie, quizUrl, { form: { intent: "submit", attemptId } });
          reached["quiz submitted"]++;
          await think();
          const list = await request("certificates", cookie, `${origin}/me/certificates`);
          const pdf = /href="(\/me\/certificates\/[a-z0-9]+\.pdf)"/i.exec(list.body.toString("utf8"))?.[1];
          if (pdf) {
            await think();
            const file = await request("certificate pdf", cookie, `${origin}${pdf}`);
            if (file.status === 200 && file.body.subarray(0, 5).toString() === "%PDF-") {
              certificates++;
              reached["certificate downloaded"]++;
            }
          } else if (problems.length < 10) problems.push("certificates: no certificate to download after submitting");
        }
        // Back to reading until the time is up.
        for (;;) {
          await think();
          await request("lesson page", cookie, `${origin}${course.lessonUrl(lessons[Math.floor(Math.random() * lessons.length)])}`);
        }
      } catch (error) {
        if (!(error instanceof TimeUp)) throw error;
      }
    }

    let lastRequests = 0;
    const ticker = setInterval(() => {
      const elapsed = (Date.now() - started) / 1000;
      const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
      say(`${elapsed.toFixed(0)}/${seconds} s: ${requests} requests sent (${((requests - lastRequests) / 5).toFixed(1)} req/s now), ${errorCount} errors, ${certificates} certificates downloaded`);
      lastRequests = requests;
    }, 5000);
    await Promise.all(learners.map((l) => learner(l.token)));
    clearInterval(ticker);
    const elapsed = (Date.now() - started) / 1000;

    const allTimes = [...times.values()].flat();
    const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
    console.log("");
    console.log(`${learnerCount} learners, ${elapsed.toFixed(0)} s, think time 1–3 s: ${requests} requests, ${(requests / elapsed).toFixed(1)} req/s, ${certificates} certificates downloaded`);
    console.log("");
    const header = ["step", "requests", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors"];
    const rows = [...times.entries()].map(([step, list]) => {
      const s = summarize(list);
      return [step, String(s.count), s.p50.toFixed(1), s.p95.toFixed(1), s.p99.toFixed(1), s.max.toFixed(0), String(errors.get(step) ?? 0)];
    });
    const all = summarize(allTimes);
    rows.push(["all steps", String(all.count), all.p50.toFixed(1), all.p95.toFixed(1), all.p99.toFixed(1), all.max.toFixed(0), String(errorCount)]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
    console.log(line(header));
    console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
    for (const r of rows) console.log(line(r));
    console.log("");
    console.log(`how far the ${learnerCount} learners got: ${Object.entries(reached).map(([stage, n]) => `${stage} ${n}`).join(", ")}`);
    if (problems.length) {
      console.log("");
      console.log("first problems seen:");
      for (const p of problems) console.log(`  ${p}`);
    }
    console.log("");
    console.log(`errors: ${errorCount}; p95 over all steps: ${all.p95.toFixed(0)} ms (goal: 0 errors, p95 < 200 ms at 200 learners)`);
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`bench:load failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
