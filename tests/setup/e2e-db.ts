/**
 * Direct access to this worker's e2e database (e2eDb()), for what a browser test
 * should not have to click through: logging in, making users, reading mail.
 */
import crypto from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import Database from "better-sqlite3";
import { hashPassword } from "../../app/auth/password.server";
import { e2eDb } from "./e2e-env";

export const SESSION_COOKIE = "tadrib_session";
const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

// Same token and id scheme as app/auth/session.server.ts. Importing that module
// would also start a Prisma client on the default database, so it is
// restated here; a mismatch makes every loginAs() test fail at once.
export function generateSessionToken(): string {
  return encodeBase32LowerCaseNoPadding(crypto.randomBytes(20));
}
export function sessionIdFromToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

/** Prisma's better-sqlite3 adapter stores DateTime as ISO 8601 text with an explicit offset. */
function sqliteDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

export function withDb<T>(fn: (db: Database.Database) => T, file = e2eDb()): T {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    db.pragma("foreign_keys = ON");
    return fn(db);
  } finally {
    db.close();
  }
}

export type UserRow = { id: string; email: string; name: string; role: string; locale: string };

export function findUser(email: string, file = e2eDb()): UserRow | undefined {
  return withDb(
    (db) =>
      db.prepare(`SELECT id, email, name, role, locale FROM "User" WHERE email = ?`).get(email.toLowerCase()) as
        | UserRow
        | undefined,
    file,
  );
}

/** Inserts a session row for the user and returns the cookie token. */
export function createSessionFor(email: string, file = e2eDb()): string {
  const user = findUser(email, file);
  if (!user) throw new Error(`createSessionFor: no user ${email} in ${file} (was the demo data seeded?)`);
  const token = generateSessionToken();
  const now = new Date();
  withDb(
    (db) =>
      db
        .prepare(`INSERT INTO "AuthSession" (id, userId, expiresAt, createdAt) VALUES (?, ?, ?, ?)`)
        .run(sessionIdFromToken(token), user.id, sqliteDate(new Date(now.getTime() + SESSION_TTL_MS)), sqliteDate(now)),
    file,
  );
  return token;
}

/** A unique address per call, so specs never collide across workers or reruns. */
export function uniqueEmail(prefix = "e2e"): string {
  return `${prefix}-${Date.now().toString(36)}-${crypto.randomBytes(3).toString("hex")}@example.test`;
}

export type CreatedUser = UserRow & { password: string };

export async function createUser(
  options: { email?: string; name?: string; password?: string; role?: string; locale?: string } = {},
  file = e2eDb(),
): Promise<CreatedUser> {
  const user = {
    id: `e2e${crypto.randomBytes(10).toString("hex")}`,
    email: (options.email ?? uniqueEmail()).toLowerCase(),
    name: options.name ?? "Salma Test",
    role: options.role ?? "learner",
    locale: options.locale ?? "fr",
    password: options.password ?? `pw-${crypto.randomBytes(10).toString("hex")}`,
  };
  const passwordHash = await hashPassword(user.password);
  const now = sqliteDate(new Date());
  withDb((db) =>
    db.transaction(() => {
      db.prepare(
        `INSERT INTO "User" (id, email, name, locale, role, consentedAt, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(user.id, user.email, user.name, user.locale, user.role, now, now, now);
      db.prepare(`INSERT INTO "Password" (userId, hash, updatedAt) VALUES (?, ?, ?)`).run(user.id, passwordHash, now);
    })(),
    file,
  );
  return user;
}

export type OutboxRow = { id: string; to: string; subject: string; text: string; html: string | null; createdAt: string };

/** The newest mail queued for `to` (whose text contains `containing`, if given), waiting a little for it. */
export async function readLatestEmail(to: string, { containing = "", timeoutMs = 5000 } = {}): Promise<OutboxRow> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = withDb(
      (db) =>
        db
          .prepare(
            `SELECT id, "to", subject, text, html, createdAt FROM "OutboxEmail"
             WHERE lower("to") = ? AND instr(text, ?) > 0 ORDER BY createdAt DESC, rowid DESC LIMIT 1`,
          )
          .get(to.toLowerCase(), containing) as OutboxRow | undefined,
    );
    if (row) return row;
    if (Date.now() > deadline) throw new Error(`readLatestEmail: no mail to ${to} containing "${containing}" within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The course's open cohort, as the app would make it on first use. */
function openCohortId(db: Database.Database, courseId: string): string {
  const existing = db.prepare(`SELECT id FROM "Cohort" WHERE courseId = ? AND isOpen = 1`).get(courseId) as { id: string } | undefined;
  if (existing) return existing.id;
  const id = `e2eopen${crypto.randomBytes(6).toString("hex")}`;
  const code = Array.from(crypto.randomBytes(10), (b) => "0123456789ABCDEFGHJKMNPQRSTVWXYZ"[b & 31]).join("");
  db.prepare(`INSERT INTO "Cohort" (id, courseId, name, inviteCode, isOpen, createdAt) VALUES (?, ?, 'Open enrolment', ?, 1, ?)`).run(id, courseId, code, sqliteDate(new Date()));
  return id;
}

/** An enrolment in the course's open cohort, inserted directly (idempotent). */
export function enrol(email: string, courseSlug: string, file = e2eDb()): void {
  const user = findUser(email, file)!;
  withDb((db) => {
    const course = db.prepare(`SELECT id FROM "Course" WHERE slug = ?`).get(courseSlug) as { id: string };
    const cohortId = openCohortId(db, course.id);
    db.prepare(`INSERT OR IGNORE INTO "Enrolment" (id, userId, courseId, cohortId, enrolledAt) VALUES (?, ?, ?, ?, ?)`).run(
      `e2e-enrol-${user.id}-${course.id}`,
      user.id,
      course.id,
      cohortId,
      sqliteDate(new Date()),
    );
  }, file);
}

/** A submitted (not yet reviewed) version of an assignment, inserted directly; returns its id. */
/** A SCORM attempt with the cmi data given, on a package row made for it, in the person's current run of the course. */
export function createScormAttempt(email: string, courseSlug: string, cmi: Record<string, string>, file = e2eDb()): string {
  enrol(email, courseSlug, file);
  const user = findUser(email, file)!;
  const id = `e2escorm${crypto.randomBytes(8).toString("hex")}`;
  withDb((db) => {
    const course = db.prepare(`SELECT id FROM "Course" WHERE slug = ?`).get(courseSlug) as { id: string };
    const enrolment = db.prepare(`SELECT id FROM "Enrolment" WHERE userId = ? AND courseId = ? ORDER BY enrolledAt DESC LIMIT 1`).get(user.id, course.id) as { id: string };
    const packageId = `${id}pkg`;
    db.prepare(`INSERT INTO "ScormPackage" (id, sha256, version, title, manifest) VALUES (?, ?, '1.2', 'Package', '{}')`).run(packageId, crypto.randomBytes(32).toString("hex"));
    db.prepare(
      `INSERT INTO "ScormAttempt" (id, userId, courseId, enrolmentId, lessonId, scoId, number, packageId, version, cmi, commitSeq, lessonStatus, updatedAt) VALUES (?, ?, ?, ?, 'scorm', 'sco-1', 1, ?, '1.2', ?, 1, ?, ?)`,
    ).run(id, user.id, course.id, enrolment.id, packageId, JSON.stringify(cmi), cmi["cmi.core.lesson_status"] ?? null, sqliteDate(new Date()));
  }, file);
  return id;
}

export function createSubmission(email: string, courseSlug: string, assignmentId: string, text: string, file = e2eDb()): string {
  enrol(email, courseSlug, file);
  const user = findUser(email, file)!;
  const id = `e2esub${crypto.randomBytes(8).toString("hex")}`;
  withDb((db) => {
    const course = db.prepare(`SELECT id FROM "Course" WHERE slug = ?`).get(courseSlug) as { id: string };
    const version = (db.prepare(`SELECT count(*) AS n FROM "Submission" WHERE userId = ? AND courseId = ? AND assignmentId = ?`).get(user.id, course.id, assignmentId) as { n: number }).n + 1;
    const enrolment = db.prepare(`SELECT id FROM "Enrolment" WHERE userId = ? AND courseId = ? ORDER BY enrolledAt DESC LIMIT 1`).get(user.id, course.id) as { id: string };
    db.prepare(
      `INSERT INTO "Submission" (id, userId, courseId, enrolmentId, assignmentId, version, text, status, submittedAt) VALUES (?, ?, ?, ?, ?, ?, ?, 'submitted', ?)`,
    ).run(id, user.id, course.id, enrolment.id, assignmentId, version, text, sqliteDate(new Date()));
  }, file);
  return id;
}

/**
 * Many signed-in learners at once, for load tests (scripts/bench/load.ts):
 * one password hash shared by all (hashing is deliberately slow), every user
 * and auth session inserted in one transaction. Returns each one's cookie token.
 */
export async function createSignedInLearners(
  count: number,
  options: { prefix?: string; password?: string; locale?: string } = {},
  file = e2eDb(),
): Promise<{ id: string; email: string; token: string }[]> {
  const prefix = options.prefix ?? "load";
  const passwordHash = await hashPassword(options.password ?? `pw-${crypto.randomBytes(10).toString("hex")}`);
  const now = new Date();
  const created = sqliteDate(now);
  const expires = sqliteDate(new Date(now.getTime() + SESSION_TTL_MS));
  const batch = crypto.randomBytes(3).toString("hex");
  const learners = Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${batch}${String(i).padStart(5, "0")}`,
    email: `${prefix}-${batch}-${i}@example.test`,
    token: generateSessionToken(),
  }));
  withDb((db) => {
    const user = db.prepare(
      `INSERT INTO "User" (id, email, name, locale, role, consentedAt, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'learner', ?, ?, ?)`,
    );
    const password = db.prepare(`INSERT INTO "Password" (userId, hash, updatedAt) VALUES (?, ?, ?)`);
    const session = db.prepare(`INSERT INTO "AuthSession" (id, userId, expiresAt, createdAt) VALUES (?, ?, ?, ?)`);
    db.transaction(() => {
      for (const [i, l] of learners.entries()) {
        user.run(l.id, l.email, `Learner ${i + 1}`, options.locale ?? "fr", created, created, created);
        password.run(l.id, passwordHash, created);
        session.run(sessionIdFromToken(l.token), l.id, expires, created);
      }
    })();
  }, file);
  return learners;
}
