/**
 * The people of the security suite and what they own, made directly in this
 * worker's database: a learner with a submission (and its file), a
 * certificate; another learner in the same courses; a reviewer of another
 * course; an organisation manager and an admin. Around the manager: a member
 * of their organisation, and a member of another organisation, so the
 * organisation pages have real ids to be asked for.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createSessionFor, createSubmission, createUser, enrol, withDb } from "./e2e-db";
import { ROOT, TRAFFICKING_COURSE } from "./e2e-env";

export const MEDIA_COURSE = "reporting-on-migration";
export const PERSONAS = ["anonymous", "learner", "otherLearner", "reviewerElsewhere", "manager", "admin"] as const;
export type Persona = (typeof PERSONAS)[number];

export type World = {
  /** A fresh session's cookie header for the persona ("" for anonymous): a test that logs out ends only its own. */
  cookie: (persona: Persona) => string;
  email: Record<Exclude<Persona, "anonymous">, string>;
  submissionId: string;
  certificateId: string;
  /** The manager's organisation, and a current member of it (a learner enrolled in the anti-trafficking course). */
  organisationId: string;
  memberId: string;
  /** A member of another organisation: the manager must get what an unknown id gets. */
  outsiderId: string;
  verifyCode: string;
  /** A cohort of the anti-trafficking course, with its invite code as shown (XXXXX-XXXXX). */
  cohortId: string;
  inviteCode: string;
  /** A training session, and an uploaded import file waiting to be imported. */
  sessionId: string;
  importKey: string;
  /** The learner's attempt at a SCORM package's SCO in the sample course, with saved data. */
  scormAttemptId: string;
  /** Texts only the learner, their reviewers and admins may ever receive. */
  secrets: string[];
};

const sqliteDate = (date: Date) => date.toISOString().replace("Z", "+00:00");
const random = (n: number) => crypto.randomBytes(n).toString("hex");

export async function makeWorld(): Promise<World> {
  const marker = random(6);
  const learner = await createUser({ name: `Salma Owner ${marker}` });
  const other = await createUser({ name: "Karim Other" });
  const reviewer = await createUser({ name: "Rachid Reviewer", role: "reviewer" });
  // Fresh ones rather than the demo accounts, so nothing another test did to those sways the answers.
  // An organisation's manager: a learner whose membership says so.
  const manager = await createUser({ name: "Meriem Manager" });
  const admin = await createUser({ name: "Adil Admin", role: "admin" });
  const member = await createUser({ name: "Nawal Member" });
  const outsider = await createUser({ name: `Othmane Outsider ${marker}` });
  enrol(member.email, TRAFFICKING_COURSE);
  for (const user of [learner, other]) for (const slug of [TRAFFICKING_COURSE, MEDIA_COURSE]) enrol(user.email, slug);

  const pitch = `Pitch privé ${marker}: les saisonnières de Kénitra.`;
  const submissionId = createSubmission(learner.email, MEDIA_COURSE, "story-pitch", pitch);
  // Its attachment, on disk where the server keeps uploads, under a key of the stored form.
  const key = crypto.randomBytes(18).toString("base64url").slice(0, 24);
  const dir = path.join(ROOT, "data/uploads/submissions");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, key), `%PDF-1.4\n% private ${marker}\n%%EOF\n`);
  const certificateId = `e2ecert${random(8)}`;
  const cohortId = `e2ecoh${random(6)}`;
  const inviteCode = Array.from(crypto.randomBytes(10), (b) => "0123456789ABCDEFGHJKMNPQRSTVWXYZ"[b & 31]).join("");
  const sessionId = `e2esess${random(6)}`;
  const verifyCode = Array.from(crypto.randomBytes(20), (b) => "0123456789ABCDEFGHJKMNPQRSTVWXYZ"[b % 32]).join("");

  const scormAttemptId = `e2escorm${random(6)}`;
  const scormSecret = `suspend ${marker}`;
  const ids = { organisationId: "" };
  withDb((db) => {
    db.prepare(`UPDATE "Submission" SET attachmentKey = ?, attachmentName = ?, attachmentMimeType = 'application/pdf', attachmentSize = 40 WHERE id = ?`).run(
      key,
      `pitch-${marker}.pdf`,
      submissionId,
    );
    const course = (slug: string) => (db.prepare(`SELECT id FROM "Course" WHERE slug = ?`).get(slug) as { id: string }).id;
    db.prepare(`INSERT INTO "CourseReviewer" (id, userId, courseId, createdAt) VALUES (?, ?, ?, ?)`).run(
      `e2erev${random(6)}`,
      reviewer.id,
      course(TRAFFICKING_COURSE),
      sqliteDate(new Date()),
    );
    const organisationId = `e2eorg${random(6)}`;
    db.prepare(`INSERT INTO "Organisation" (id, name, type, regionId, city, createdAt, updatedAt) VALUES (?, ?, 'civil_society', 'MA-02', 'Oujda', ?, ?)`).run(
      organisationId,
      `Association ${marker}`,
      sqliteDate(new Date()),
      sqliteDate(new Date()),
    );
    const otherOrganisationId = `e2eorg${random(6)}`;
    db.prepare(`INSERT INTO "Organisation" (id, name, type, regionId, city, createdAt, updatedAt) VALUES (?, ?, 'government', 'MA-06', 'Casablanca', ?, ?)`).run(
      otherOrganisationId,
      `Administration ${marker}`,
      sqliteDate(new Date()),
      sqliteDate(new Date()),
    );
    const membership = db.prepare(`INSERT INTO "Membership" (id, userId, organisationId, role, startedAt) VALUES (?, ?, ?, ?, ?)`);
    membership.run(`e2emem${random(6)}`, manager.id, organisationId, "manager", sqliteDate(new Date()));
    membership.run(`e2emem${random(6)}`, member.id, organisationId, "member", sqliteDate(new Date()));
    membership.run(`e2emem${random(6)}`, outsider.id, otherOrganisationId, "member", sqliteDate(new Date()));
    ids.organisationId = organisationId;
    const completionId = `e2ecomp${random(8)}`;
    const now = sqliteDate(new Date());
    const enrolmentId = (db.prepare(`SELECT id FROM "Enrolment" WHERE userId = ? AND courseId = ?`).get(learner.id, course(TRAFFICKING_COURSE)) as { id: string }).id;
    db.prepare(`INSERT INTO "Completion" (id, userId, courseId, enrolmentId, courseVersion, modality, completedAt) VALUES (?, ?, ?, ?, 'v1', 'online', ?)`).run(
      completionId,
      learner.id,
      course(TRAFFICKING_COURSE),
      enrolmentId,
      now,
    );
    db.prepare(
      `INSERT INTO "Certificate" (id, code, userId, courseId, completionId, activeCompletionId, locale, learnerName, courseTitle, hours, issuedAt)
       VALUES (?, ?, ?, ?, ?, ?, 'fr', ?, 'Premiers pas', 1, ?)`,
    ).run(certificateId, verifyCode, learner.id, course(TRAFFICKING_COURSE), completionId, completionId, learner.name, now);
    db.prepare(`INSERT INTO "Cohort" (id, courseId, name, inviteCode, isOpen, createdAt) VALUES (?, ?, ?, ?, 0, ?)`).run(
      cohortId,
      course(TRAFFICKING_COURSE),
      `Groupe ${marker}`,
      inviteCode,
      now,
    );
    db.prepare(
      `INSERT INTO "TrainingSession" (id, title, theme, modality, startsAt, endsAt, regionId, city, trainers, createdAt)
       VALUES (?, ?, 'Identifier les victimes', 'in_person', ?, ?, 'MA-02', 'Oujda', '', ?)`,
    ).run(sessionId, `Atelier ${marker}`, now, sqliteDate(new Date(Date.now() + 3 * 3600_000)), now);
    const packageId = `e2epkg${random(6)}`;
    db.prepare(`INSERT INTO "ScormPackage" (id, sha256, version, title, manifest, storedAt) VALUES (?, ?, '1.2', 'Package', '{}', ?)`).run(packageId, random(32), now);
    db.prepare(
      `INSERT INTO "ScormAttempt" (id, userId, courseId, enrolmentId, lessonId, scoId, number, packageId, version, cmi, startedAt, updatedAt)
       VALUES (?, ?, ?, ?, 'scorm-lesson', 'sco-1', 1, ?, '1.2', ?, ?, ?)`,
    ).run(scormAttemptId, learner.id, course(TRAFFICKING_COURSE), enrolmentId, packageId, JSON.stringify({ "cmi.suspend_data": scormSecret }), now, now);
  });
  const importKey = uploadedImport(admin.id, `import-${marker}.csv`);

  const email = { learner: learner.email, otherLearner: other.email, reviewerElsewhere: reviewer.email, manager: manager.email, admin: admin.email };
  const cookie = (persona: Persona) => (persona === "anonymous" ? "" : `tadrib_session=${createSessionFor(email[persona])}`);
  return {
    cookie,
    email,
    submissionId,
    certificateId,
    verifyCode,
    organisationId: ids.organisationId,
    memberId: member.id,
    outsiderId: outsider.id,
    cohortId,
    inviteCode: `${inviteCode.slice(0, 5)}-${inviteCode.slice(5)}`,
    sessionId,
    importKey,
    scormAttemptId,
    // The outsider's name: nothing of another organisation reaches its manager.
    secrets: [pitch, `private ${marker}`, `pitch-${marker}.pdf`, `Othmane Outsider ${marker}`, `import-${marker}.csv`, scormSecret],
  };
}

/** An import file as /admin/import leaves it after checking it (app/import/uploads.server.ts): the file and its record. */
function uploadedImport(adminId: string, fileName: string): string {
  const key = crypto.randomBytes(18).toString("base64url");
  const dir = path.join(ROOT, "data/uploads/imports");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${key}.csv`), "name,email\nNadia Import,nadia-import@example.test\n");
  const counts = { rows: 1, created: 1, matched: 0, organisationsCreated: 0, membershipsStarted: 0, enrolled: 0, alreadyEnrolled: 0, attended: 0, alreadyPresent: 0 };
  const target = { kind: "people" };
  const report = { target, problems: [], problemCount: 0, warnings: [], counts };
  const record = { key, adminId, fileName, uploadedAt: new Date().toISOString(), target, status: "validated", report };
  fs.writeFileSync(path.join(dir, `${key}.json`), JSON.stringify(record));
  return key;
}
