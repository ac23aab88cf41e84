import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrate, openDatabase } from "./migrate.server";

/**
 * The people-and-organisations migration on a database that already holds
 * what the platform recorded before it: nothing is lost, every row finds its
 * enrolment, and every completion becomes a training record.
 */
const MIGRATION = "20261202100000_people_organisations_reports";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tadrib-migration-data-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function migrationsUpTo(last: string): string {
  const dir = fs.mkdtempSync(path.join(tmp, "migrations-"));
  for (const name of fs.readdirSync(MIGRATIONS_DIR)) {
    if (name > last || !fs.statSync(path.join(MIGRATIONS_DIR, name)).isDirectory()) continue;
    fs.cpSync(path.join(MIGRATIONS_DIR, name), path.join(dir, name), { recursive: true });
  }
  return dir;
}

const at = "2025-06-15T09:30:00.000+00:00";

describe(`migration ${MIGRATION}`, () => {
  it("keeps every person, progress row, attempt, submission, completion and certificate, each in its enrolment", () => {
    const db = openDatabase(path.join(tmp, "old.db"));
    try {
      const before = fs.readdirSync(MIGRATIONS_DIR).filter((n) => n < MIGRATION).sort().at(-1)!;
      migrate(db, { dir: migrationsUpTo(before) });
      const insert = (sql: string, ...args: unknown[]) => db.prepare(sql).run(...args);
      insert(`INSERT INTO "User" (id, email, name, locale, role, createdAt, updatedAt) VALUES ('u1', 'a@x.ma', 'Amina', 'ar', 'learner', ?, ?)`, at, at);
      insert(`INSERT INTO "User" (id, email, name, locale, role, createdAt, updatedAt) VALUES ('u2', 'm@x.ma', 'Meriem', 'fr', 'manager', ?, ?)`, at, at);
      insert(`INSERT INTO "Course" (id, slug, createdAt) VALUES ('c1', 'trafficking', ?)`, at);
      insert(`INSERT INTO "Course" (id, slug, createdAt) VALUES ('c2', 'media', ?)`, at);
      insert(`INSERT INTO "Enrolment" (id, userId, courseId, enrolledAt) VALUES ('e1', 'u1', 'c1', ?)`, at);
      insert(`INSERT INTO "LessonProgress" (id, userId, courseId, lessonId, startedAt, lastViewedAt, completedAt) VALUES ('p1', 'u1', 'c1', 'intro', ?, ?, ?)`, at, at, at);
      // Progress in a course without an enrolment (possible before): it gets one.
      insert(`INSERT INTO "LessonProgress" (id, userId, courseId, lessonId, startedAt, lastViewedAt) VALUES ('p2', 'u1', 'c2', 'words', '2025-01-02T08:00:00.000+00:00', ?)`, at);
      insert(
        `INSERT INTO "QuizAttempt" (id, userId, courseId, quizId, number, courseVersion, seed, questionIds, answers, status, startedAt) VALUES ('q1', 'u1', 'c1', 'check', 1, 'v1', 's', '[]', '{"law":"27-14"}', 'submitted', ?)`,
        at,
      );
      insert(`INSERT INTO "Submission" (id, userId, courseId, assignmentId, version, text, status, submittedAt) VALUES ('s1', 'u1', 'c2', 'pitch', 1, 'Mon pitch', 'submitted', ?)`, at);
      insert(`INSERT INTO "Completion" (id, userId, courseId, courseVersion, modality, completedAt) VALUES ('k1', 'u1', 'c1', 'v1', 'online', ?)`, at);
      insert(
        `INSERT INTO "Certificate" (id, code, userId, courseId, completionId, activeCompletionId, locale, learnerName, courseTitle, hours, issuedAt) VALUES ('z1', 'CODE', 'u1', 'c1', 'k1', 'k1', 'ar', 'Amina', 'Traite', 2, ?)`,
        at,
      );

      migrate(db);

      const one = <T,>(sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as T;
      const all = <T,>(sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as T[];
      expect(all(`SELECT id, email, role FROM "User" ORDER BY id`)).toEqual([
        { id: "u1", email: "a@x.ma", role: "learner" },
        { id: "u2", email: "m@x.ma", role: "learner" },
      ]);
      expect(all(`SELECT courseId, isOpen FROM "Cohort" ORDER BY courseId`)).toEqual([
        { courseId: "c1", isOpen: 1 },
        { courseId: "c2", isOpen: 1 },
      ]);
      const enrolments = all<{ id: string; courseId: string; cohortId: string; enrolledAt: string }>(
        `SELECT id, courseId, cohortId, enrolledAt FROM "Enrolment" WHERE userId = 'u1' ORDER BY courseId`,
      );
      expect(enrolments.map((e) => [e.courseId, e.cohortId])).toEqual([
        ["c1", "open_c1"],
        ["c2", "open_c2"],
      ]);
      expect(enrolments[0].id).toBe("e1");
      expect(enrolments[1].enrolledAt).toBe("2025-01-02T08:00:00.000+00:00");
      const inEnrolment = (table: string, id: string) => one<{ enrolmentId: string }>(`SELECT enrolmentId FROM "${table}" WHERE id = ?`, id).enrolmentId;
      expect(inEnrolment("LessonProgress", "p1")).toBe("e1");
      expect(inEnrolment("LessonProgress", "p2")).toBe(enrolments[1].id);
      expect(inEnrolment("QuizAttempt", "q1")).toBe("e1");
      expect(inEnrolment("Submission", "s1")).toBe(enrolments[1].id);
      expect(inEnrolment("Completion", "k1")).toBe("e1");
      expect(one(`SELECT answers FROM "QuizAttempt" WHERE id = 'q1'`)).toEqual({ answers: '{"law":"27-14"}' });
      expect(one(`SELECT text FROM "Submission" WHERE id = 's1'`)).toEqual({ text: "Mon pitch" });
      expect(one(`SELECT completionId, learnerName FROM "Certificate" WHERE id = 'z1'`)).toEqual({ completionId: "k1", learnerName: "Amina" });
      expect(all(`SELECT userId, kind, year, month, courseId, modality, completionId, occurredAt FROM "TrainingRecord"`)).toEqual([
        { userId: "u1", kind: "completion", year: 2025, month: 6, courseId: "c1", modality: "online", completionId: "k1", occurredAt: at },
      ]);
      expect(one(`SELECT count(*) AS n FROM "Region" WHERE country = 'MA'`)).toEqual({ n: 12 });
      expect(db.pragma("foreign_key_check")).toEqual([]);
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    } finally {
      db.close();
    }
  });
});
