/**
 * Every route of app/routes, read with GET and written with POST, by each
 * kind of person: what the server answers, and that a refusal carries none
 * of the owner's data. The list of routes comes from the route files
 * themselves: a new route with no entry here fails the suite until someone
 * decides who may use it.
 *
 * Codes: 200 page, 302 redirect (to the login page for anonymous visitors
 * of private pages), 400 refused input, 403 forbidden (a role may not use
 * the page at all), 404 not found (also what a person gets for someone
 * else's item, so ids cannot be probed), 405 no such method.
 */
import fs from "node:fs";
import path from "node:path";
import { ROOT, TRAFFICKING_COURSE } from "../setup/e2e-env";
import { expect, test } from "../setup/e2e-fixtures";
import { makeWorld, MEDIA_COURSE, PERSONAS, type Persona, type World } from "../setup/e2e-personas";

type Codes = Record<Persona, number>;
type Entry = {
  path: (w: World) => string;
  get: Codes;
  /** For a route with no action: every method but GET answers 405. */
  post: Codes | "no action";
  body?: (w: World, persona: Persona) => Record<string, string>;
};

/** The same code for everyone. */
const all = (code: number): Codes => Object.fromEntries(PERSONAS.map((p) => [p, code])) as Codes;
/** Anonymous visitors are sent to log in; everyone else gets `code`. */
const signedIn = (code: number): Codes => ({ ...all(code), anonymous: 302 });
/** Anonymous visitors are sent to log in; admins get `code`; everyone else `others`. */
const adminOnly = (code: number, others = 403): Codes => ({ ...all(others), anonymous: 302, admin: code });
/** Organisation managers' pages (/org…): the manager only; anyone else signed in, admins included, is refused. */
const managerOnly = (code: number): Codes => ({ ...all(403), anonymous: 302, manager: code });
/**
 * A course's own pages: the two learners are enrolled; anyone else signed in (the admin included) is
 * sent to the course page to enrol first, and anonymous visitors to log in.
 */
const enrolled = (code: number): Codes => ({ ...signedIn(302), learner: code, otherLearner: code });

const lesson = `/courses/${TRAFFICKING_COURSE}/what-is-trafficking`;
const quiz = `/courses/${TRAFFICKING_COURSE}/quizzes/check-your-knowledge`;

const MATRIX: Record<string, Entry> = {
  "_index.tsx": { path: () => "/", get: all(200), post: "no action" },
  "privacy.tsx": { path: () => "/privacy", get: all(200), post: "no action" },
  "courses._index.tsx": { path: () => "/courses", get: all(200), post: "no action" },
  "verify._index.tsx": { path: () => "/verify", get: all(200), post: "no action" },
  "verify.$code.tsx": { path: (w) => `/verify/${w.verifyCode}`, get: all(200), post: "no action" },
  // Outside production only: the e2e server is a production build.
  "dev.mail.tsx": { path: () => "/dev/mail", get: all(404), post: "no action" },
  "language.tsx": { path: () => "/language", get: all(302), post: all(302), body: () => ({ lang: "fr", redirectTo: "/" }) },

  "login.tsx": {
    path: () => "/login",
    get: { ...all(302), anonymous: 200 },
    // Signed-in people are sent on; a visitor with a wrong password is refused.
    post: { ...all(302), anonymous: 400 },
    body: () => ({ email: "nobody@example.test", password: "not the password" }),
  },
  "signup.tsx": {
    path: () => "/signup",
    get: { ...all(302), anonymous: 200 },
    post: { ...all(302), anonymous: 400 },
    body: () => ({ name: "X" }),
  },
  // A different address per person: a few requests an hour per address are allowed, whoever asks.
  "forgot-password.tsx": { path: () => "/forgot-password", get: all(200), post: all(200), body: (_, p) => ({ email: `nobody-${p}@example.test` }) },
  "reset-password.$token.tsx": { path: () => "/reset-password/not-a-token", get: all(200), post: all(400), body: () => ({ password: "x" }) },
  "confirm-email.$token.tsx": { path: () => "/confirm-email/not-a-token", get: all(200), post: all(400) },
  "logout.tsx": { path: () => "/logout", get: all(302), post: all(302) },

  "account.tsx": { path: () => "/account", get: signedIn(200), post: signedIn(400), body: () => ({ intent: "profile", name: "" }) },
  "me._index.tsx": { path: () => "/me", get: signedIn(200), post: "no action" },
  "me.certificates._index.tsx": { path: () => "/me/certificates", get: signedIn(200), post: "no action" },
  "me.certificates.$file.ts": {
    path: (w) => `/me/certificates/${w.certificateId}.pdf`,
    get: { ...signedIn(404), learner: 200, admin: 200 },
    post: "no action",
  },

  "courses.$slug._index.tsx": {
    path: () => `/courses/${TRAFFICKING_COURSE}`,
    get: all(200),
    // Enrolling: everyone signed in may (the reviewer and the manager too); it is idempotent.
    post: signedIn(200),
    body: () => ({ intent: "enrol" }),
  },
  "courses.$slug.$lesson.tsx": {
    path: () => lesson,
    // The learners are enrolled; the others may not read a course they have not enrolled in.
    get: enrolled(200),
    post: enrolled(200),
    body: () => ({ intent: "complete" }),
  },
  "courses.$slug.quizzes.$quizId.tsx": {
    path: () => quiz,
    get: enrolled(200),
    // A form that names no attempt changes nothing and goes back to the lesson.
    post: enrolled(302),
    body: () => ({ intent: "save", attemptId: "not-an-attempt" }),
  },
  "courses.$slug.quizzes.$quizId.answers.tsx": {
    path: () => `${quiz}/answers`,
    get: all(405),
    post: enrolled(404),
    body: () => ({ attemptId: "not-an-attempt", questionId: "consent", value: "true" }),
  },
  "courses.$slug.quizzes.$quizId_.statistics.tsx": {
    path: () => `${quiz}/statistics`,
    // The reviewer here reviews this very course: statistics are theirs to see.
    get: { ...adminOnly(200), reviewerElsewhere: 200 },
    post: "no action",
  },
  "courses.$slug.assignments.$assignmentId.tsx": {
    path: () => `/courses/${MEDIA_COURSE}/assignments/story-pitch`,
    get: enrolled(200),
    // The learner's version awaits review (nothing new may be sent); the other learner's text is too short.
    post: enrolled(400),
    body: () => ({ text: "Trop court." }),
  },

  "review._index.tsx": { path: () => "/review", get: { ...adminOnly(200), reviewerElsewhere: 200 }, post: "no action" },
  "review.$submissionId.tsx": {
    path: (w) => `/review/${w.submissionId}`,
    // Learners and managers have no reviewing role (403); a reviewer of another course gets what an unknown id gets.
    get: { ...adminOnly(200), reviewerElsewhere: 404 },
    post: { ...adminOnly(400), reviewerElsewhere: 404 },
    body: () => ({ decision: "nonsense" }),
  },
  "submissions.$submissionId.attachment.ts": {
    path: (w) => `/submissions/${w.submissionId}/attachment`,
    get: { ...signedIn(404), learner: 200, admin: 200 },
    post: "no action",
  },

  "admin._index.tsx": { path: () => "/admin", get: adminOnly(200), post: "no action" },
  "admin_.organisations._index.tsx": { path: () => "/admin/organisations", get: adminOnly(200), post: "no action" },
  "admin_.organisations.new.tsx": {
    path: () => "/admin/organisations/new",
    get: adminOnly(200),
    post: adminOnly(400),
    body: () => ({ name: "", type: "media" }),
  },
  "admin_.organisations.$organisationId.tsx": {
    path: (w) => `/admin/organisations/${w.organisationId}`,
    get: adminOnly(200),
    post: adminOnly(400),
    body: () => ({ intent: "add", contact: "nobody@example.test", role: "member" }),
  },
  "admin_.organisations.$organisationId_.edit.tsx": {
    path: (w) => `/admin/organisations/${w.organisationId}/edit`,
    get: adminOnly(200),
    post: adminOnly(400),
    body: () => ({ name: "", type: "media" }),
  },
  "admin_.deletions.tsx": {
    path: () => "/admin/deletions",
    get: adminOnly(200),
    // Confirming without ticking "I understand" is refused before anything is looked up.
    post: adminOnly(400),
    body: () => ({ intent: "confirm", id: "not-a-request" }),
  },

  "account_.profile.tsx": { path: () => "/account/profile", get: signedIn(200), post: signedIn(400), body: () => ({ sex: "nonsense" }) },
  "me.data.tsx": { path: () => "/me/data", get: signedIn(200), post: signedIn(400), body: () => ({ intent: "nonsense" }) },
  // Each person gets their own data, never someone else's (the secrets check below).
  "me.data[.json].ts": { path: () => "/me/data.json", get: signedIn(200), post: "no action" },

  "org._index.tsx": { path: () => "/org", get: managerOnly(200), post: "no action" },
  "org.members.$userId.tsx": { path: (w) => `/org/members/${w.memberId}`, get: managerOnly(200), post: "no action" },
  "org.members.new.tsx": { path: () => "/org/members/new", get: managerOnly(200), post: managerOnly(400), body: () => ({ email: "not-an-email" }) },
  "admin_.certificates.tsx": {
    path: () => "/admin/certificates",
    get: adminOnly(200),
    post: adminOnly(400),
    body: () => ({ intent: "revoke", id: "not-a-certificate" }),
  },
  "admin_.courses.$slug.cohorts._index.tsx": { path: () => `/admin/courses/${TRAFFICKING_COURSE}/cohorts`, get: adminOnly(200), post: "no action" },
  "admin_.courses.$slug.cohorts.new.tsx": {
    path: () => `/admin/courses/${TRAFFICKING_COURSE}/cohorts/new`,
    get: adminOnly(200),
    post: adminOnly(400),
    body: () => ({ name: "" }),
  },
  "admin_.courses.$slug.cohorts.$cohortId.tsx": {
    path: (w) => `/admin/courses/${TRAFFICKING_COURSE}/cohorts/${w.cohortId}`,
    get: adminOnly(200),
    post: adminOnly(400),
    body: () => ({ name: "", capacity: "none" }),
  },
  "join._index.tsx": { path: () => "/join", get: all(200), post: "no action" },
  "join.$code.tsx": {
    path: (w) => `/join/${w.inviteCode}`,
    // Anyone may see what the code is for; joining sends anonymous visitors to log in, and everyone else to the course.
    get: all(200),
    post: all(302),
  },
  "admin_.sessions._index.tsx": { path: () => "/admin/sessions", get: adminOnly(200), post: "no action" },
  "admin_.sessions.new.tsx": { path: () => "/admin/sessions/new", get: adminOnly(200), post: adminOnly(400), body: () => ({ title: "" }) },
  "admin_.sessions.$id.edit.tsx": {
    path: (w) => `/admin/sessions/${w.sessionId}/edit`,
    get: adminOnly(200),
    post: adminOnly(400),
    body: () => ({ title: "", modality: "in_person" }),
  },
  "admin_.sessions.$id.attendance.tsx": {
    path: (w) => `/admin/sessions/${w.sessionId}/attendance`,
    get: adminOnly(200),
    post: adminOnly(400),
    body: () => ({ intent: "add", name: "" }),
  },
  "admin_.import._index.tsx": {
    path: () => "/admin/import",
    get: adminOnly(200),
    // A form without its file (not multipart) is refused.
    post: adminOnly(400),
    body: () => ({ target: "people" }),
  },
  "admin_.scorm.tsx": {
    path: () => "/admin/scorm",
    get: adminOnly(200),
    // A confirmation whose key names no pending upload is refused.
    post: adminOnly(400),
    body: () => ({ intent: "confirm", key: "not-a-pending-upload" }),
  },
  "admin_.import.template.ts": { path: () => "/admin/import/template", get: adminOnly(200), post: "no action" },
  "admin_.import.$key.tsx": {
    path: (w) => `/admin/import/${w.importKey}`,
    get: adminOnly(200),
    post: adminOnly(400),
    body: () => ({ intent: "nothing" }),
  },
  "admin_.import.$key_.progress.ts": { path: (w) => `/admin/import/${w.importKey}/progress`, get: adminOnly(200), post: "no action" },
  "admin_.reviewers.tsx": {
    path: () => "/admin/reviewers",
    get: adminOnly(200),
    post: adminOnly(400),
    body: () => ({ intent: "add", email: "not-an-email", courseId: "" }),
  },
  "admin_.api-tokens.tsx": {
    path: () => "/admin/api-tokens",
    get: adminOnly(200),
    post: adminOnly(400),
    body: () => ({ intent: "create", organisationId: "", name: "" }),
  },
  // The API reads a Bearer token only: a signed-in browser's cookie opens nothing there.
  "api.v1._index.ts": { path: () => "/api/v1", get: all(200), post: "no action" },
  "api.v1.trained.ts": { path: () => "/api/v1/trained", get: all(401), post: "no action" },
  // Written by the player page only. Someone else's attempt is what a missing one is (404); its owner's form body is
  // refused (415: commits are JSON), which shows the attempt was found theirs before the body was judged.
  "api.scorm.attempts.$attemptId.commit.ts": {
    path: (w) => `/api/scorm/attempts/${w.scormAttemptId}/commit`,
    get: all(405),
    post: { ...all(404), anonymous: 401, learner: 415 },
    body: () => ({ seq: "1" }),
  },
  // The player page's launch: signed in only; a lesson without a package is a 404 for everyone (tested with a package in
  // app/scorm/player/lesson-package.server.test.ts and tests/e2e/scorm-player.spec.ts).
  "api.scorm.launch.ts": {
    path: () => "/api/scorm/launch",
    get: all(405),
    post: { ...all(404), anonymous: 401 },
    body: () => ({ course: "no-such-course", lesson: "intro", sco: "item1" }),
  },
  "admin_.reports.tsx": { path: () => "/admin/reports", get: adminOnly(200), post: adminOnly(400), body: () => ({ intent: "save", name: "" }) },
  "admin_.reports_.export.ts": { path: () => "/admin/reports/export?format=csv", get: adminOnly(200), post: "no action" },
  "admin_.courses.$slug.export-scorm.ts": { path: () => `/admin/courses/${TRAFFICKING_COURSE}/export-scorm?lang=fr`, get: adminOnly(200), post: "no action" },
  "admin_.reports_.print.tsx": { path: () => "/admin/reports/print", get: adminOnly(200), post: "no action" },

  // A manager's own organisation pages: nobody else has one (admins have the /admin pages).
  "org_.reports.tsx": { path: () => "/org/reports", get: managerOnly(200), post: managerOnly(400), body: () => ({ intent: "save", name: "" }) },
  "org_.reports_.export.ts": { path: () => "/org/reports/export?format=xlsx", get: managerOnly(200), post: "no action" },
  "org_.reports_.print.tsx": { path: () => "/org/reports/print", get: managerOnly(200), post: "no action" },
};

function routeFiles() {
  const dir = path.join(ROOT, "app/routes");
  return fs
    .readdirSync(dir)
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((file) => {
      const source = fs.readFileSync(path.join(dir, file), "utf8");
      return { file, hasAction: /export (async )?function action\b|export const action\b/.test(source) };
    });
}

test("every route file has an entry, and only routes with an action may accept a POST", () => {
  const files = routeFiles();
  const missing = files.filter((f) => !(f.file in MATRIX)).map((f) => f.file);
  const stale = Object.keys(MATRIX).filter((name) => !files.some((f) => f.file === name));
  const mismatched = files.filter((f) => f.file in MATRIX && f.hasAction === (MATRIX[f.file].post === "no action")).map((f) => f.file);
  expect({ missing, stale, mismatched }).toEqual({ missing: [], stale: [], mismatched: [] });
});

test.describe("who gets what", () => {
  for (const [file, entry] of Object.entries(MATRIX)) {
    test(`${file}: GET and POST for each person`, async ({ request }) => {
      // Each route gets people of its own: what one route's POST changes (an enrolment) cannot sway another's answers.
      const world: World = await makeWorld();
      const url = entry.path(world);
      const seen: string[] = [];
      const wanted: string[] = [];
      for (const persona of PERSONAS) {
        const cookie = world.cookie(persona);
        const headers = cookie ? { cookie } : undefined;
        const get = await request.get(url, { headers, maxRedirects: 0 });
        const post = await request.post(url, { headers, form: entry.body?.(world, persona) ?? {}, maxRedirects: 0 });
        seen.push(`${persona}: GET ${get.status()} POST ${post.status()}`);
        const postWanted = entry.post === "no action" ? 405 : entry.post[persona];
        wanted.push(`${persona}: GET ${entry.get[persona]} POST ${postWanted}`);
        if (get.status() === 302 && entry.get[persona] === 302 && persona === "anonymous" && url !== "/language" && url !== "/logout") {
          expect(get.headers().location).toMatch(/^\/login\?redirectTo=|^\//);
        }
        // Refusals carry nothing of the owner's data.
        const mayRead = persona === "learner" || persona === "admin";
        if (!mayRead) {
          for (const response of [get, post]) {
            const body = await response.text();
            for (const secret of world.secrets) expect(body, `${persona} ${url}`).not.toContain(secret);
          }
        }
      }
      expect(seen).toEqual(wanted);
    });
  }
});
