/**
 * What an attacker sends, against the real server: each payload is refused
 * with a 4xx or made harmless, never answered with a 5xx, and nothing of it
 * is stored. The payloads are the first outside review's findings, so that
 * they stay closed.
 */
import fs from "node:fs";
import path from "node:path";
import type { APIResponse } from "@playwright/test";
import { createUser, findUser, readLatestEmail, withDb } from "../setup/e2e-db";
import { e2eBaseUrl, ROOT, TRAFFICKING_COURSE } from "../setup/e2e-env";
import { expect, test } from "../setup/e2e-fixtures";
import { makeWorld, MEDIA_COURSE, type World } from "../setup/e2e-personas";

const ACTION_ROUTES = [
  "/login",
  "/signup",
  "/forgot-password",
  "/language",
  "/logout",
  "/account",
  "/reset-password/x",
  "/confirm-email/x",
  `/courses/${TRAFFICKING_COURSE}`,
  `/courses/${TRAFFICKING_COURSE}/what-is-trafficking`,
  `/courses/${TRAFFICKING_COURSE}/quizzes/check-your-knowledge`,
  `/courses/${TRAFFICKING_COURSE}/quizzes/check-your-knowledge/answers`,
  `/courses/${MEDIA_COURSE}/assignments/story-pitch`,
  "/admin/certificates",
  "/admin/reviewers",
  "/admin/organisations/new",
  "/admin/organisations/x",
  "/admin/organisations/x/edit",
  "/admin/deletions",
  "/admin/scorm",
  "/account/profile",
  "/me/data",
  "/org/members/new",
  "/review/x",
];

const count = (table: string, where = "1 = 1", ...args: unknown[]) =>
  withDb((db) => (db.prepare(`SELECT count(*) AS n FROM "${table}" WHERE ${where}`).get(...args) as { n: number }).n);

/** The rows an attack could have written to. */
const tables = ["User", "Submission", "QuizAttempt", "Enrolment", "CourseReviewer", "EmailConfirmation", "Organisation", "Membership", "Profile", "DeletionRequest"];
const snapshot = () => Object.fromEntries(tables.map((t) => [t, count(t)]));

/** Every Set-Cookie of a response (headers() folds or drops repeated ones). */
const setCookies = (response: APIResponse) => response.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);

function expectRefused(response: APIResponse, what: string) {
  expect(response.status(), what).toBeGreaterThanOrEqual(400);
  expect(response.status(), what).toBeLessThan(500);
}

let world: World;
let logOffset = 0;
test.beforeEach(async ({ tadribServer }) => {
  world = await makeWorld();
  logOffset = tadribServer.output().length;
});
// Whatever was sent, the server answered it without an error of its own (a 5xx is logged at error level).
test.afterEach(async ({ tadribServer }) => {
  expect(tadribServer.output().slice(logOffset)).not.toMatch(/"level":"error"/);
});

test.describe("methods and bodies other than a browser form", () => {
  test("PUT, PATCH and DELETE get 405 with Allow; JSON and plain text get 415; a boundary-less multipart 400; nothing changes", async ({ request }) => {
    const cookie = world.cookie("learner");
    const before = snapshot();
    for (const url of ACTION_ROUTES) {
      for (const method of ["PUT", "PATCH", "DELETE"]) {
        const response = await request.fetch(url, { method, headers: { cookie }, data: "lang=ar", maxRedirects: 0 });
        expect([url, method, response.status()]).toEqual([url, method, 405]);
        expect(response.headers().allow).toBe("GET, HEAD, POST");
      }
      const json = await request.post(url, { headers: { cookie, "content-type": "application/json" }, data: { lang: "ar", email: "x@y.z" }, maxRedirects: 0 });
      expect([url, "json", json.status()]).toEqual([url, "json", 415]);
      const text = await request.post(url, { headers: { cookie, "content-type": "text/plain" }, data: "lang=ar", maxRedirects: 0 });
      expect([url, "text", text.status()]).toEqual([url, "text", 415]);
      const noType = await request.post(url, { headers: { cookie }, data: Buffer.from("lang=ar"), maxRedirects: 0 });
      expect([url, "no type", noType.status()]).toEqual([url, "no type", 415]);
      const noBoundary = await request.post(url, { headers: { cookie, "content-type": "multipart/form-data" }, data: "x", maxRedirects: 0 });
      expect([url, "no boundary", noBoundary.status()]).toEqual([url, "no boundary", 400]);
    }
    expect(snapshot()).toEqual(before);
  });

  test("the refusals are translated into the requester's language", async ({ request }) => {
    const ar = await request.fetch("/login", { method: "DELETE", headers: { "accept-language": "ar" } });
    expect(await ar.text()).toMatch(/[\u0600-\u06FF]/);
    const fr = await request.post("/login", { headers: { "content-type": "application/json", cookie: "lang=fr" }, data: {} });
    expect(await fr.text()).toContain("formulaire");
  });

  test("a multipart body with an unbalanced quote in a file name is a 400, and keeps no file", async ({ request }) => {
    const boundary = "----tadrib";
    // Other workers' worlds add their own files meanwhile: what matters is that none of the new ones is this body's.
    const uploads = path.join(ROOT, "data/uploads/submissions");
    const filesBefore = new Set(fs.readdirSync(uploads));
    for (const disposition of ['form-data; name="attachment"; filename="pit"ch.pdf', 'form-data; name="attachment"; filename="pitch.pdf']) {
      const body = [
        `--${boundary}`,
        'Content-Disposition: form-data; name="text"',
        "",
        "mot ".repeat(300),
        `--${boundary}`,
        `Content-Disposition: ${disposition}`,
        "Content-Type: application/pdf",
        "",
        "%PDF-1.4 lying",
        `--${boundary}--`,
        "",
      ].join("\r\n");
      for (const url of [`/courses/${MEDIA_COURSE}/assignments/story-pitch`, "/login"]) {
        // /login reads its form only for someone not logged in.
        const cookie: Record<string, string> = url === "/login" ? {} : { cookie: world.cookie("otherLearner") };
        const response = await request.post(url, {
          headers: { ...cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
          data: body,
          maxRedirects: 0,
        });
        expect([url, disposition, response.status()]).toEqual([url, disposition, 400]);
      }
    }
    expect(count("Submission", "userId = ?", findUser(world.email.otherLearner)!.id)).toBe(0);
    const added = fs.readdirSync(uploads).filter((f) => !filesBefore.has(f));
    expect(added.filter((f) => fs.readFileSync(path.join(uploads, f), "utf8").includes("lying"))).toEqual([]);
  });

  test("the SCORM commit route, the one that takes JSON: other methods 405, someone else's attempt 404, traversal in its id refused", async ({ request }) => {
    const commit = `/api/scorm/attempts/${world.scormAttemptId}/commit`;
    const data = JSON.stringify({ seq: 1, values: { "cmi.core.lesson_location": "hijacked" } });
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      const response = await request.fetch(commit, { method, headers: { cookie: world.cookie("learner"), "content-type": "application/json" }, data });
      expect([method, response.status()]).toEqual([method, 405]);
    }
    for (const type of ["application/json", "text/plain"]) {
      const response = await request.post(commit, { headers: { cookie: world.cookie("otherLearner"), "content-type": type }, data });
      expect([type, response.status(), await response.json()]).toEqual([type, 404, { error: "attempt-not-found" }]);
    }
    for (const id of ["..", "%2e%2e", "x%2f..%2f..", "x/../../login"]) {
      const response = await request.post(`/api/scorm/attempts/${id}/commit`, { headers: { cookie: world.cookie("learner"), "content-type": "application/json" }, data });
      expectRefused(response, id);
    }
    const cmi = withDb((db) => (db.prepare(`SELECT cmi FROM "ScormAttempt" WHERE id = ?`).get(world.scormAttemptId) as { cmi: string }).cmi);
    expect(cmi).not.toContain("hijacked");
  });

  test("a GET to a route that only takes forms is a 405, and the server logs no error for it", async ({ request, tadribServer }) => {
    const logBefore = tadribServer.output().length;
    const response = await request.get(`/courses/${TRAFFICKING_COURSE}/quizzes/check-your-knowledge/answers`, { headers: { cookie: world.cookie("learner") } });
    expect(response.status()).toBe(405);
    expect(response.headers().allow).toBe("POST");
    await new Promise((resolve) => setImmediate(resolve));
    expect(tadribServer.output().slice(logBefore)).not.toMatch(/"level":"error"|Error:|\n\s+at /);
  });
});

test.describe("redirects", () => {
  const payloads = ["/\t/evil.example", "/\n/evil.example", "/x\r\nSet-Cookie: a=b", "/\u3000/evil.example", "//evil.example", "/\\evil.example", "https://evil.example", "https:evil.example", "/%2F%2Fevil.example"];

  test("after login, every hostile redirectTo lands on a page of this site, with the session made and sent", async ({ playwright }) => {
    const user = await createUser({ password: "correct passphrase 1" });
    for (const redirectTo of payloads) {
      const sessionsBefore = count("AuthSession", "userId = ?", user.id);
      // A new browser each time: the cookie of the previous login would make this one a "you are already in".
      const request = await playwright.request.newContext({ baseURL: e2eBaseUrl() });
      const response = await request.post("/login", { form: { email: user.email, password: "correct passphrase 1", redirectTo }, maxRedirects: 0 });
      expect([redirectTo, response.status()]).toEqual([redirectTo, 302]);
      const location = new URL(response.headers().location, e2eBaseUrl());
      expect([redirectTo, location.origin]).toEqual([redirectTo, e2eBaseUrl()]);
      expect(setCookies(response).some((c) => /^tadrib_session=[a-z2-7]+;/.test(c))).toBe(true);
      expect(count("AuthSession", "userId = ?", user.id)).toBe(sessionsBefore + 1);
      await request.dispose();
    }
  });

  test("the language switcher answers every hostile redirectTo with a redirect to this site, never a 500", async ({ request }) => {
    for (const redirectTo of payloads) {
      const response = await request.post("/language", { form: { lang: "ar", redirectTo }, maxRedirects: 0 });
      expect([redirectTo, response.status()]).toEqual([redirectTo, 302]);
      expect(new URL(response.headers().location, e2eBaseUrl()).origin).toBe(e2eBaseUrl());
    }
  });
});

test.describe("links that leave the site", () => {
  test("a forged Host header changes nothing in the reset email or the certificate", async ({ request }) => {
    const user = await createUser();
    const forged = { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
    expect((await request.post("/forgot-password", { headers: forged, form: { email: user.email } })).status()).toBe(200);
    const mail = await readLatestEmail(user.email, { containing: "/reset-password/" });
    expect(mail.text).not.toContain("evil.example");
    expect(mail.text).toContain(`${e2eBaseUrl()}/reset-password/`);

    const pdf = await request.get(`/me/certificates/${world.certificateId}.pdf`, { headers: { ...forged, cookie: world.cookie("learner") } });
    expect(pdf.status()).toBe(200);
    const raw = (await pdf.body()).toString("latin1");
    expect(raw).not.toContain("evil.example");
  });
});

test.describe("text that disguises itself", () => {
  const dirty = "Salma\u0000 \u202Egnp.exe\u202C Bennani\u2066\u0007";
  const clean = "Salma gnp.exe Bennani";

  test("names, pitches and typed answers are stored without control or bidi-override characters", async ({ request }) => {
    // A name, through the account form.
    const cookie = world.cookie("otherLearner");
    expect((await request.post("/account", { headers: { cookie }, form: { intent: "profile", name: dirty, locale: "fr" }, maxRedirects: 0 })).status()).toBe(302);
    expect(findUser(world.email.otherLearner)!.name).toBe(clean);

    // A pitch, through the assignment form (of the brief's length).
    const pitch = `${"mot ".repeat(260)}${dirty}`;
    const sent = await request.post(`/courses/${MEDIA_COURSE}/assignments/story-pitch`, {
      headers: { cookie },
      multipart: { text: pitch },
      maxRedirects: 0,
    });
    expect(sent.status()).toBe(302);
    const stored = withDb((db) => db.prepare(`SELECT text FROM "Submission" WHERE userId = ?`).get(findUser(world.email.otherLearner)!.id) as { text: string });
    expect(stored.text.endsWith(clean)).toBe(true);
    expect(stored.text.replace(/\n/g, "")).not.toMatch(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/u);

    // A typed answer, through the quiz form.
    const quiz = `/courses/${TRAFFICKING_COURSE}/quizzes/check-your-knowledge`;
    await request.post(quiz, { headers: { cookie }, form: { intent: "start" }, maxRedirects: 0 });
    const attemptId = withDb((db) => (db.prepare(`SELECT id FROM "QuizAttempt" WHERE userId = ? AND status = 'in_progress'`).get(findUser(world.email.otherLearner)!.id) as { id: string }).id);
    await request.post(quiz, { headers: { cookie }, form: { intent: "save", attemptId, "q.law-number": `27-14\u202E\u0000` }, maxRedirects: 0 });
    const answers = withDb((db) => (db.prepare(`SELECT answers FROM "QuizAttempt" WHERE id = ?`).get(attemptId) as { answers: string }).answers);
    expect(JSON.parse(answers)["law-number"]).toBe("27-14");
  });

  test("a sign-up name is cleaned before it is kept for the confirmation", async ({ request }) => {
    const email = `dirty-${Date.now()}@example.test`;
    const form = { name: dirty, email, password: "a long enough passphrase", locale: "fr", consent: "on" };
    expect((await request.post("/signup", { form })).status()).toBe(200);
    // The sign-up is kept after the answer is sent (so that its timing says nothing): wait for it.
    await expect.poll(() => count("EmailConfirmation", "email = ?", email)).toBe(1);
    expect(withDb((db) => db.prepare(`SELECT name FROM "EmailConfirmation" WHERE email = ?`).get(email))).toEqual({ name: clean });
  });
});

test.describe("search and paths", () => {
  test("LIKE wildcards in the certificate search match themselves only", async ({ request }) => {
    const cookie = world.cookie("admin");
    const rows = async (q: string) => {
      const html = await (await request.get(`/admin/certificates?q=${encodeURIComponent(q)}`, { headers: { cookie } })).text();
      return (html.match(/<tr/g) ?? []).length;
    };
    const none = await rows("a search that matches nobody");
    expect(await rows("")).toBeGreaterThan(none);
    for (const q of ["%", "_", "%%", "\\"]) expect([q, await rows(q)]).toEqual([q, none]);
  });

  test("LIKE wildcards in the organisation search match themselves only", async ({ request }) => {
    const cookie = world.cookie("admin");
    const rows = async (q: string) => {
      const html = await (await request.get(`/admin/organisations?q=${encodeURIComponent(q)}`, { headers: { cookie } })).text();
      return (html.match(/<tr/g) ?? []).length;
    };
    expect(await rows("")).toBeGreaterThan(0);
    for (const q of ["%", "_", "%%", "\\"]) expect([q, await rows(q)]).toEqual([q, 0]);
  });

  test("traversal in every path parameter is a 4xx that serves no file", async ({ request }) => {
    const cookie = world.cookie("admin");
    const secretFile = fs.readFileSync(path.join(ROOT, "package.json"), "utf8");
    const dots = ["..%2F..%2Fpackage.json", "..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fpackage.json", "..%5C..%5Cpackage.json", "%00"];
    const urls = dots.flatMap((d) => [
      `/courses/${d}`,
      `/courses/${TRAFFICKING_COURSE}/${d}`,
      `/courses/${TRAFFICKING_COURSE}/quizzes/${d}`,
      `/courses/${TRAFFICKING_COURSE}/quizzes/${d}/statistics`,
      `/courses/${MEDIA_COURSE}/assignments/${d}`,
      `/me/certificates/${d}.pdf`,
      `/me/certificates/${d}`,
      `/submissions/${d}/attachment`,
      `/review/${d}`,
      `/admin/organisations/${d}`,
      `/admin/organisations/${d}/edit`,
      `/org/members/${d}`,
      `/verify/${d}`,
      `/reset-password/${d}`,
      `/confirm-email/${d}`,
    ]);
    for (const url of urls) {
      for (const who of [cookie, ""]) {
        const response = await request.get(url, { headers: who ? { cookie: who } : {}, maxRedirects: 0 });
        const status = response.status();
        // Pages that take any token (verify, reset, confirm) answer 200 with "unknown"; everything else refuses.
        expect([url, status < 500]).toEqual([url, true]);
        if (!/^\/(verify|reset-password|confirm-email)\//.test(url) && who) expect([url, status >= 400]).toEqual([url, true]);
        const body = await response.text();
        expect(body.includes('"@remix-run/dev"') || body.includes("root:x:0:0"), url).toBe(false);
        expect(body.includes(secretFile.slice(0, 200)), url).toBe(false);
      }
    }
  });

  test("oversized and lying uploads are refused and nothing is kept", async ({ request }) => {
    const cookie = world.cookie("otherLearner");
    const dir = path.join(ROOT, "data/uploads/submissions");
    const filesBefore = fs.readdirSync(dir).length;
    const text = "mot ".repeat(260);
    const url = `/courses/${MEDIA_COURSE}/assignments/story-pitch`;
    const lying = await request.post(url, {
      headers: { cookie },
      multipart: { text, attachment: { name: "pitch.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ\x90\x00 this is a Windows program, not a PDF") } },
      maxRedirects: 0,
    });
    expectRefused(lying, "an executable named .pdf");
    const big = await request.post(url, {
      headers: { cookie },
      multipart: { text, attachment: { name: "big.pdf", mimeType: "application/pdf", buffer: Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(6 * 1024 * 1024, 32)]) } },
      maxRedirects: 0,
    });
    expectRefused(big, "a 6 MB file where 5 MB are allowed");
    expect(count("Submission", "userId = ?", findUser(world.email.otherLearner)!.id)).toBe(0);
    expect(fs.readdirSync(dir).length).toBe(filesBefore);
  });
});

