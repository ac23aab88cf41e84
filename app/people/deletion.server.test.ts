import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { logIn } from "~/auth/accounts.server";
import { hashPassword } from "~/auth/password.server";
import { createAuthSession, validateSessionToken } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { attachmentPath, newAttachmentKey } from "~/learning/assignment/attachments.server";
import { newInviteCode } from "~/learning/enrolments.server";
import { joinOrganisation } from "~/organisations/memberships.server";
import { recordCompletionTraining } from "~/training/records.server";
import { confirmDeletion, requestDeletion, withdrawDeletionRequest, cancelDeletionRequest, listDeletionRequests } from "./deletion.server";
import { findPerson } from "./people.server";
import { catalogCourse, createUser } from "../../tests/setup/db-fixtures";

const uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), "tadrib-deletion-"));
afterAll(() => fs.rmSync(uploadsDir, { recursive: true, force: true }));

const PASSWORD = "une phrase de passe assez longue";

/** A person with something of every kind: account, profile, membership, two years of training, work, a certificate. */
async function trainedPerson(name: string) {
  const person = await createUser({ name });
  await db.user.update({ where: { id: person.id }, data: { phone: `+2126${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`, password: { create: { hash: await hashPassword(PASSWORD) } } } });
  const organisation = await db.organisation.create({ data: { name: `Org of ${name}`, type: "media", regionId: "MA-04", city: "Rabat" } });
  await joinOrganisation({ userId: person.id, organisationId: organisation.id });
  await db.profile.create({ data: { userId: person.id, sex: "woman", birthYear: 1995, ageBand: "from_25_to_34", profession: "journalist_media", regionId: "MA-04", city: "Salé", nationality: "MA" } });
  const completions = [];
  for (const [slug, date] of [
    [`course-a-${person.id}`, "2025-06-10T10:00:00Z"],
    [`course-b-${person.id}`, "2026-02-03T10:00:00Z"],
  ] as const) {
    const course = await catalogCourse(slug);
    const cohort = await db.cohort.create({ data: { courseId: course.id, name: "Groupe", inviteCode: newInviteCode() } });
    const enrolment = await db.enrolment.create({ data: { userId: person.id, courseId: course.id, cohortId: cohort.id } });
    await db.lessonProgress.create({ data: { userId: person.id, courseId: course.id, enrolmentId: enrolment.id, lessonId: "intro", completedAt: new Date(date) } });
    completions.push(
      await db.$transaction(async (tx) => {
        const completion = await tx.completion.create({
          data: { userId: person.id, courseId: course.id, enrolmentId: enrolment.id, courseVersion: "v1", completedAt: new Date(date) },
        });
        await recordCompletionTraining(tx, completion);
        return completion;
      }),
    );
    await db.quizAttempt.create({
      data: {
        userId: person.id,
        courseId: course.id,
        enrolmentId: enrolment.id,
        quizId: "check",
        number: 1,
        courseVersion: "v1",
        seed: "s",
        questionIds: '["q1"]',
        answers: '{"q1":"Mon mari me confisque mon passeport"}',
        status: "submitted",
        score: 3,
        maxScore: 4,
        percent: 75,
        passed: true,
      },
    });
    const scormPackage = await db.scormPackage.create({
      data: { sha256: randomBytes(32).toString("hex"), version: "1.2", title: "Package", manifest: "{}" },
    });
    await db.scormAttempt.create({
      data: {
        userId: person.id,
        courseId: course.id,
        enrolmentId: enrolment.id,
        lessonId: "scorm",
        scoId: "sco-1",
        number: 1,
        packageId: scormPackage.id,
        version: "1.2",
        cmi: '{"cmi.interactions.0.student_response":"Mon passeport est chez mon employeur","cmi.core.lesson_status":"passed"}',
        cmiSeqs: '{"cmi.interactions.0.student_response":1,"cmi.core.lesson_status":1}',
        commitSeq: 1,
        lessonStatus: "passed",
        scoreRaw: 90,
      },
    });
    const key = newAttachmentKey();
    fs.mkdirSync(path.dirname(attachmentPath(key, uploadsDir)), { recursive: true });
    fs.writeFileSync(attachmentPath(key, uploadsDir), "%PDF-1.4 interview notes");
    const submission = await db.submission.create({
      data: {
        userId: person.id,
        courseId: course.id,
        enrolmentId: enrolment.id,
        assignmentId: "pitch",
        version: 1,
        text: `Mon témoignage personnel, ${name}`,
        attachmentKey: key,
        attachmentName: "entretien.pdf",
        attachmentMimeType: "application/pdf",
        attachmentSize: 24,
        status: "accepted",
      },
    });
    await db.review.create({
      data: { submissionId: submission.id, scores: '{"angle":{"level":"good","points":3}}', totalPoints: 3, maxPoints: 4, feedback: `Bravo ${name}`, decision: "accepted" },
    });
    await db.certificate.create({
      data: {
        code: `C${Math.random().toString(36).slice(2, 12).toUpperCase()}`.padEnd(20, "0"),
        userId: person.id,
        courseId: course.id,
        completionId: completions.at(-1)!.id,
        activeCompletionId: completions.at(-1)!.id,
        locale: "fr",
        learnerName: name,
        courseTitle: "Cours",
        hours: 2,
      },
    });
  }
  const session = await db.trainingSession.create({ data: { title: "Atelier", modality: "in_person", startsAt: new Date("2026-03-01T09:00:00Z"), endsAt: new Date("2026-03-01T17:00:00Z") } });
  await db.attendance.create({ data: { sessionId: session.id, userId: person.id } });
  const { token } = await createAuthSession(person.id);
  await db.loginDevice.create({ data: { id: `device-${person.id}`, userId: person.id } });
  await db.passwordResetToken.create({ data: { id: `reset-${person.id}`, userId: person.id, expiresAt: new Date(Date.now() + 3600_000) } });
  await db.outboxEmail.create({ data: { to: person.email!, subject: "Bonjour", text: `Bonjour ${name}` } });
  const user = await db.user.findUniqueOrThrow({ where: { id: person.id } });
  return { user, token, organisation };
}

async function countsPerYear() {
  const records = await db.trainingRecord.groupBy({ by: ["year", "kind"], _count: { _all: true }, orderBy: [{ year: "asc" }, { kind: "asc" }] });
  const completions = await db.completion.findMany({ select: { completedAt: true } });
  const completionYears: Record<number, number> = {};
  for (const c of completions) completionYears[c.completedAt.getUTCFullYear()] = (completionYears[c.completedAt.getUTCFullYear()] ?? 0) + 1;
  const byOrganisationType = await db.trainingRecord.groupBy({ by: ["year", "organisationType", "sex", "ageBand"], _count: { _all: true }, orderBy: [{ year: "asc" }] });
  return {
    records: records.map((r) => `${r.year} ${r.kind}: ${r._count._all}`),
    completions: completionYears,
    breakdown: byOrganisationType.map((r) => `${r.year} ${r.organisationType} ${r.sex} ${r.ageBand}: ${r._count._all}`),
    certificates: await db.certificate.count({ where: { revokedAt: null } }),
    attendances: await db.attendance.count(),
  };
}

describe("deletion requests", () => {
  test("asking twice keeps one open request; the person can withdraw it, an admin can turn it down", async () => {
    const person = await createUser();
    const admin = await createUser({ role: "admin" });
    expect(await requestDeletion(person.id)).toEqual({ created: true });
    expect(await requestDeletion(person.id)).toEqual({ created: false });
    await Promise.all([requestDeletion(person.id), requestDeletion(person.id)]);
    expect(await db.deletionRequest.count({ where: { userId: person.id, status: "requested" } })).toBe(1);
    expect(await withdrawDeletionRequest(person.id)).toBe(true);
    expect(await withdrawDeletionRequest(person.id)).toBe(false);
    await requestDeletion(person.id);
    const open = await db.deletionRequest.findFirstOrThrow({ where: { userId: person.id, status: "requested" } });
    expect(await cancelDeletionRequest(open.id, admin.id)).toBe(true);
    expect(await confirmDeletion(open.id, admin.id, { uploadsDir })).toEqual({ ok: false });
    expect(await db.deletionRequest.findMany({ where: { userId: person.id }, orderBy: { requestedAt: "asc" }, select: { status: true } })).toEqual([
      { status: "cancelled" },
      { status: "cancelled" },
    ]);
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).deletedAt).toBeNull();
  });
});

describe("confirming a deletion", () => {
  test("pseudonymises the person, and every year's counts stay as they were", async () => {
    const admin = await createUser({ role: "admin", name: "Nadia Admin" });
    const gone = await trainedPerson("Hind Benali");
    const stays = await trainedPerson("Omar Tazi");
    const before = await countsPerYear();
    expect(before.records).toEqual(["2025 completion: 2", "2026 completion: 2"]);
    expect(before.breakdown).toEqual(["2025 media woman from_25_to_34: 2", "2026 media woman from_25_to_34: 2"]);

    await requestDeletion(gone.user.id);
    const request = await db.deletionRequest.findFirstOrThrow({ where: { userId: gone.user.id } });
    expect(await confirmDeletion(request.id, admin.id, { uploadsDir })).toEqual({ ok: true, name: "Hind Benali" });

    expect(await countsPerYear()).toEqual(before);

    // Nothing personal is left on the row.
    const row = await db.user.findUniqueOrThrow({ where: { id: gone.user.id } });
    expect(row).toMatchObject({ email: null, phone: null, role: "learner" });
    expect(row.name).toBe(`Personne supprimée ${gone.user.id.slice(-6).toUpperCase()}`);
    expect(row.deletedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(row)).not.toMatch(/Hind|Benali|@|\+212/);

    // Gone with it: the password, sessions, browsers, reset tokens, profile, current membership, texts, files, answers, mail.
    const where = { userId: gone.user.id };
    expect(
      await Promise.all([
        db.password.count({ where }),
        db.authSession.count({ where }),
        db.loginDevice.count({ where }),
        db.passwordResetToken.count({ where }),
        db.profile.count({ where }),
        db.membership.count({ where: { ...where, endedAt: null } }),
        db.outboxEmail.count({ where: { to: gone.user.email! } }),
      ]),
    ).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(await db.membership.count({ where })).toBe(1);
    const submissions = await db.submission.findMany({ where, include: { review: true } });
    expect(submissions.map((s) => [s.text, s.attachmentKey, s.attachmentName, s.status, s.review?.feedback, s.review?.totalPoints, s.review?.maxPoints])).toEqual([
      ["", null, null, "accepted", "", 3, 4],
      ["", null, null, "accepted", "", 3, 4],
    ]);
    const attempts = await db.quizAttempt.findMany({ where });
    expect(attempts.map((a) => [a.answers, a.score, a.percent, a.passed])).toEqual([
      ["{}", 3, 75, true],
      ["{}", 3, 75, true],
    ]);
    const scormAttempts = await db.scormAttempt.findMany({ where });
    expect(scormAttempts.map((a) => [a.cmi, a.lessonStatus, a.scoreRaw])).toEqual([
      ["{}", "passed", 90],
      ["{}", "passed", 90],
    ]);
    // Certificates keep the name they were issued to, so they can still be verified.
    expect((await db.certificate.findMany({ where })).map((c) => [c.learnerName, c.revokedAt])).toEqual([
      ["Hind Benali", null],
      ["Hind Benali", null],
    ]);
    expect(await db.completion.count({ where })).toBe(2);
    expect(await db.lessonProgress.count({ where })).toBe(2);

    // Only the other person's files are left on disk.
    const files = fs.readdirSync(path.join(uploadsDir, "submissions"));
    const kept = (await db.submission.findMany({ where: { userId: stays.user.id }, select: { attachmentKey: true } })).map((s) => s.attachmentKey);
    expect(files.sort()).toEqual(kept.sort());

    // The other person is untouched.
    expect(await db.user.findUniqueOrThrow({ where: { id: stays.user.id } })).toMatchObject({ name: "Omar Tazi", email: stays.user.email, deletedAt: null });
    expect(await db.profile.count({ where: { userId: stays.user.id } })).toBe(1);

    expect((await listDeletionRequests()).decided.filter((d) => d.user.id === gone.user.id)).toEqual([expect.objectContaining({ status: "confirmed", decidedBy: { name: "Nadia Admin" } })]);
  });

  test("a deleted person can no longer log in, use a session, or be found by email or phone", async () => {
    const admin = await createUser({ role: "admin" });
    const gone = await trainedPerson("Samira Alaoui");
    expect((await logIn({ email: gone.user.email!, password: PASSWORD }, { ip: "203.0.113.5", deviceId: null })).ok).toBe(true);
    await requestDeletion(gone.user.id);
    const request = await db.deletionRequest.findFirstOrThrow({ where: { userId: gone.user.id } });
    await confirmDeletion(request.id, admin.id, { uploadsDir });
    expect(await logIn({ email: gone.user.email!, password: PASSWORD }, { ip: "203.0.113.5", deviceId: null })).toEqual({ ok: false, error: "invalidCredentials" });
    expect(await validateSessionToken(gone.token)).toBeNull();
    expect(await findPerson({ email: gone.user.email, phone: gone.user.phone })).toBeNull();
  });
});
