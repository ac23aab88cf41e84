import { describe, expect, test } from "vitest";
import { createAuthSession } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { joinOrganisation } from "~/organisations/memberships.server";
import { requestDeletion } from "./deletion.server";
import { personalData, personalDataFileName } from "./personal-data.server";
import { catalogCourse, createUser, enrolmentFor } from "../../tests/setup/db-fixtures";

describe("personalData", () => {
  test("holds the person's own account, profile, memberships, training and work, and nobody else's", async () => {
    const course = await catalogCourse("data-course");
    const me = await createUser({ name: "Zineb Export" });
    const other = await createUser({ name: "Ahmed Autre" });
    const organisation = await db.organisation.create({ data: { name: "Amal", type: "civil_society" } });
    await joinOrganisation({ userId: me.id, organisationId: organisation.id }, new Date("2025-01-01T00:00:00Z"));
    await db.profile.create({ data: { userId: me.id, sex: "woman", profession: "student", regionId: "MA-01", nationality: "TN" } });
    for (const [user, text] of [
      [me, "Mon texte à moi"],
      [other, "Le texte d'Ahmed"],
    ] as const) {
      const enrolment = await enrolmentFor(user.id, course.id);
      await db.submission.create({ data: { userId: user.id, courseId: course.id, enrolmentId: enrolment.id, assignmentId: "pitch", version: 1, text } });
      await db.quizAttempt.create({
        data: { userId: user.id, courseId: course.id, enrolmentId: enrolment.id, quizId: "q", number: 1, courseVersion: "v1", seed: "s", questionIds: "[]", answers: JSON.stringify({ q1: text }) },
      });
    }
    const scormPackage = await db.scormPackage.create({ data: { sha256: "a".repeat(64), version: "2004", title: "Package", manifest: "{}" } });
    await db.scormAttempt.create({
      data: {
        userId: me.id,
        courseId: course.id,
        enrolmentId: (await enrolmentFor(me.id, course.id)).id,
        lessonId: "scorm",
        scoId: "sco-1",
        number: 1,
        packageId: scormPackage.id,
        version: "2004",
        cmi: JSON.stringify({ "cmi.comments_from_learner.0.comment": "Mon commentaire", "cmi.completion_status": "completed" }),
        commitSeq: 2,
        completionStatus: "completed",
        scoreScaled: 0.75,
        totalSeconds: 600,
        sessionSeconds: 30,
      },
    });
    await createAuthSession(me.id);
    await requestDeletion(me.id);

    const data = await personalData(me.id, "fr", new Date("2026-12-01T00:00:00Z"));
    expect(data.exportedAt).toBe("2026-12-01T00:00:00.000Z");
    expect(data.account).toMatchObject({ id: me.id, name: "Zineb Export", email: me.email });
    expect(data.profile).toMatchObject({ sex: "woman", profession: "student", region: { id: "MA-01", name: "Tanger-Tétouan-Al Hoceïma" }, nationality: "TN" });
    expect(data.memberships).toEqual([{ organisation: { id: organisation.id, name: "Amal", type: "civil_society" }, role: "member", startedAt: "2025-01-01T00:00:00.000Z", endedAt: null }]);
    expect(data.enrolments).toHaveLength(1);
    expect(data.submissions.map((s) => s.text)).toEqual(["Mon texte à moi"]);
    expect(data.quizAttempts.map((a) => a.answers)).toEqual([{ q1: "Mon texte à moi" }]);
    expect(data.scormAttempts).toEqual([
      expect.objectContaining({
        lessonId: "scorm",
        scoId: "sco-1",
        number: 1,
        status: "completed",
        scorePercent: 75,
        seconds: 630,
        data: { "cmi.comments_from_learner.0.comment": "Mon commentaire", "cmi.completion_status": "completed" },
      }),
    ]);
    expect(data.deletionRequests).toEqual([expect.objectContaining({ status: "requested" })]);
    expect(data.security.loginSessions).toHaveLength(1);
    const json = JSON.stringify(data);
    expect(json).not.toContain("Ahmed");
    expect(json).not.toContain(other.id);
    // Token hashes are secrets, never part of the export.
    expect(json).not.toMatch(/[0-9a-f]{64}/);
    expect(personalDataFileName(new Date("2026-12-01T10:00:00Z"))).toBe("tadrib-data-2026-12-01.json");
  });
});
