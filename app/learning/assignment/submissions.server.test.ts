import fs from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "~/db/client.server";
import { attachmentPath, newAttachmentKey, type StoredAttachment } from "./attachments.server";
import { addCourseReviewer, canReviewCourse, removeCourseReviewer } from "./reviewers.server";
import {
  acceptedAssignmentIds,
  getAttachmentForDownload,
  getSubmissionForReview,
  isAssignmentAccepted,
  reviewQueue,
  reviewSubmission,
  submissionHistory,
  submitAssignment,
} from "./submissions.server";
import { PITCH_YAML, SAMPLE_BYTES, writeCourseAssignment } from "./test-fixtures";
import { courseYml, lessonsShowing, writeCourse } from "~/catalog/course-fixture.server";
import { buildAndGetCourse } from "../../../tests/setup/built-course";
import { createUser, enrolmentFor } from "../../../tests/setup/db-fixtures";

// Before any app module reads the environment: this file's own course folder and uploads.
const dirs = vi.hoisted(() => {
  const base = `${process.env.TMPDIR ?? "/tmp"}/tadrib-submissions-${process.pid}-${Date.now()}`;
  process.env.COURSE_CACHE_DIR = `${base}/cache`;
  process.env.UPLOADS_DIR = `${base}/uploads`;
  return { base, courses: `${base}/courses`, cache: `${base}/cache` };
});

afterAll(() => fs.rmSync(dirs.base, { recursive: true, force: true }));

type Person = { id: string; role: string };
let media: { id: string };
let other: { id: string };
let amina: Person;
let youssef: Person;
let reviewer: Person;
let otherReviewer: Person;
let admin: Person;

const person = (name: string, role: "learner" | "reviewer" | "admin" = "learner"): Promise<Person> =>
  createUser({ name, role, emailPrefix: name.toLowerCase() });

beforeAll(async () => {
  writeCourse(dirs.courses, "media-migration", courseYml(), lessonsShowing('<Assignment id="pitch" />\n\n<Assignment id="audio" />\n\n<Assignment id="short-pitch" />'));
  writeCourseAssignment(dirs.courses, "media-migration", "pitch", PITCH_YAML);
  writeCourseAssignment(
    dirs.courses,
    "media-migration",
    "audio",
    PITCH_YAML.replace("text: required", "text: optional").replace("maxSizeMB: 1", "maxSizeMB: 1\n  required: true"),
  );
  writeCourseAssignment(dirs.courses, "media-migration", "short-pitch", PITCH_YAML.replace("text: required", "text: required\nwords: { min: 5, max: 8 }"));
  writeCourse(dirs.courses, "fair-recruitment", courseYml(), lessonsShowing('<Assignment id="pitch" />'));
  writeCourseAssignment(dirs.courses, "fair-recruitment", "pitch", PITCH_YAML);
  media = await buildAndGetCourse(dirs.courses, dirs.cache, "media-migration");
  other = await buildAndGetCourse(dirs.courses, dirs.cache, "fair-recruitment");
  admin = await person("Admin", "admin");
  reviewer = await person("Reviewer", "reviewer");
  otherReviewer = await person("Other", "reviewer");
  await db.courseReviewer.create({ data: { userId: reviewer.id, courseId: media.id } });
  await db.courseReviewer.create({ data: { userId: otherReviewer.id, courseId: other.id } });
});

beforeEach(async () => {
  await db.submission.deleteMany();
  amina = await person("Amina");
  youssef = await person("Youssef");
  for (const course of [media, other]) {
    for (const learner of [amina, youssef]) await enrolmentFor(learner.id, course.id);
  }
});

function storedFile(bytes = SAMPLE_BYTES.pdf): StoredAttachment {
  const key = newAttachmentKey();
  fs.mkdirSync(`${process.env.UPLOADS_DIR}/submissions`, { recursive: true });
  fs.writeFileSync(attachmentPath(key), bytes);
  return { key, fileName: "pitch.pdf", mimeType: "application/pdf", kind: "pdf", size: bytes.length };
}

function submit(user: Person, fields: { text?: string; attachment?: StoredAttachment | null; courseId?: string; at?: string } = {}) {
  return submitAssignment({
    userId: user.id,
    courseId: fields.courseId ?? media.id,
    assignmentId: "pitch",
    text: fields.text ?? "Un reportage sur les saisonnières à Huelva, avec leurs voix.",
    attachment: fields.attachment ?? null,
    now: fields.at ? new Date(fields.at) : undefined,
  });
}

const fullMarks = { angle: "strong", sources: "present" };

function review(submissionId: string, by: Person, fields: Partial<{ scores: Record<string, string>; feedback: string; decision: string }> = {}) {
  return reviewSubmission({
    submissionId,
    reviewer: by,
    scores: fields.scores ?? fullMarks,
    feedback: fields.feedback ?? "",
    decision: fields.decision ?? "accepted",
  });
}

async function submitted(user: Person, options: Parameters<typeof submit>[1] = {}) {
  const result = await submit(user, options);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

describe("submitAssignment", () => {
  it("keeps every version, and allows a new one only after a revision was asked for", async () => {
    const first = await submitted(amina);
    expect(first.version).toBe(1);
    expect(await submit(amina)).toEqual({ ok: false, errors: { form: ["assignment.errors.pending"] } });

    expect((await review(first.submissionId, reviewer, { decision: "revision_requested", feedback: "Citez vos sources." })).ok).toBe(true);
    const second = await submitted(amina, { text: "Version revue, avec trois témoignages." });
    expect(second.version).toBe(2);

    expect((await review(second.submissionId, reviewer)).ok).toBe(true);
    expect(await submit(amina)).toEqual({ ok: false, errors: { form: ["assignment.errors.accepted"] } });

    const history = await submissionHistory(amina.id, media.id, "pitch");
    expect(history.map((v) => [v.version, v.status, v.review?.decision])).toEqual([
      [2, "accepted", "accepted"],
      [1, "revision_requested", "revision_requested"],
    ]);
    expect(history[1].review?.feedback).toBe("Citez vos sources.");
    expect(history[1].text).toBe("Un reportage sur les saisonnières à Huelva, avec leurs voix.");
  });

  it("refuses a person who is not enrolled, and an assignment the course does not have", async () => {
    const stranger = await person("Stranger");
    expect(await submit(stranger)).toEqual({ ok: false, errors: { form: ["assignment.errors.notEnrolled"] } });
    await expect(
      submitAssignment({ userId: amina.id, courseId: media.id, assignmentId: "nope", text: "x", attachment: null }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("checks the answer against the assignment's rules and deletes a refused attachment", async () => {
    expect(await submit(amina, { text: "  \r\n " })).toEqual({ ok: false, errors: { text: ["assignment.errors.textRequired"] } });
    expect(await submit(amina, { text: "x".repeat(20_001) })).toEqual({ ok: false, errors: { text: ["assignment.errors.textTooLong"] } });

    const png: StoredAttachment = { ...storedFile(SAMPLE_BYTES.png), mimeType: "image/png", kind: "image" };
    expect(await submit(amina, { attachment: png })).toEqual({ ok: false, errors: { attachment: ["assignment.errors.attachmentType"] } });
    expect(fs.existsSync(attachmentPath(png.key))).toBe(false);

    const tooLarge = await submitAssignment({
      userId: amina.id,
      courseId: media.id,
      assignmentId: "pitch",
      text: "",
      attachment: null,
      attachmentProblem: "tooLarge",
    });
    expect(tooLarge).toEqual({ ok: false, errors: { text: ["assignment.errors.textRequired"], attachment: ["assignment.errors.attachmentTooLarge"] } });
    expect(await db.submission.count()).toBe(0);
  });

  it("requires an attachment when the assignment says so, and accepts a text-free answer when text is optional", async () => {
    const base = { userId: amina.id, courseId: media.id, assignmentId: "audio", text: "" };
    expect(await submitAssignment({ ...base, attachment: null })).toEqual({
      ok: false,
      errors: { attachment: ["assignment.errors.attachmentRequired"] },
    });
    const file = storedFile();
    const ok = await submitAssignment({ ...base, attachment: file });
    expect(ok.ok).toBe(true);
    const [version] = await submissionHistory(amina.id, media.id, "audio");
    expect(version.attachment).toEqual({ name: "pitch.pdf", mimeType: "application/pdf", size: SAMPLE_BYTES.pdf.length });
    expect(fs.existsSync(attachmentPath(file.key))).toBe(true);
  });

  it("enforces the brief's word limits, counting words as the page does, and stores nothing when refused", async () => {
    const base = { userId: amina.id, courseId: media.id, assignmentId: "short-pitch", attachment: null };
    expect(await submitAssignment({ ...base, text: "Trop court, vraiment." })).toEqual({ ok: false, errors: { text: ["assignment.errors.tooFewWords"] } });
    expect(await submitAssignment({ ...base, text: "un deux trois quatre cinq six sept huit neuf" })).toEqual({
      ok: false,
      errors: { text: ["assignment.errors.tooManyWords"] },
    });
    // Punctuation alone is not a word; "l'angle" is one; Arabic words count like any other.
    expect(await submitAssignment({ ...base, text: "l'angle — choisi : قصة المهاجرين في المدينة !" })).toMatchObject({ ok: true });
    expect(await db.submission.count({ where: { userId: amina.id, assignmentId: "short-pitch" } })).toBe(1);
  });

  it("grades a double-submitted answer once", async () => {
    const results = await Promise.all([submit(amina), submit(amina), submit(amina)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db.submission.count({ where: { userId: amina.id } })).toBe(1);
  });
});

describe("reviewQueue", () => {
  it("lists the pending submissions of the reviewer's courses, oldest first", async () => {
    const late = await submitted(amina, { at: "2026-12-03T10:00:00Z" });
    const early = await submitted(youssef, { at: "2026-12-01T10:00:00Z" });
    const elsewhere = await submitted(amina, { courseId: other.id, at: "2026-11-30T10:00:00Z" });
    const done = await submitted(youssef, { courseId: other.id, at: "2026-11-29T10:00:00Z" });
    await review(done.submissionId, otherReviewer);

    const queue = await reviewQueue(reviewer);
    expect(queue.map((q) => q.submissionId)).toEqual([early.submissionId, late.submissionId]);
    expect(queue[0]).toMatchObject({ courseSlug: "media-migration", assignmentId: "pitch", version: 1, learnerName: "Youssef", hasAttachment: false });

    expect((await reviewQueue(otherReviewer)).map((q) => q.submissionId)).toEqual([elsewhere.submissionId]);
    expect((await reviewQueue(admin)).map((q) => q.submissionId)).toEqual([elsewhere.submissionId, early.submissionId, late.submissionId]);
    expect(await reviewQueue(amina)).toEqual([]);
  });

  it("leaves out the reviewer's own answers", async () => {
    await enrolmentFor(reviewer.id, media.id);
    const own = await submitted(reviewer);
    expect((await reviewQueue(reviewer)).map((q) => q.submissionId)).not.toContain(own.submissionId);
    await expect(review(own.submissionId, reviewer)).rejects.toMatchObject({ status: 404 });
    await db.enrolment.deleteMany({ where: { userId: reviewer.id } });
  });
});

describe("reviewSubmission", () => {
  it("computes the totals from the rubric and records the decision", async () => {
    const { submissionId } = await submitted(amina);
    const result = await review(submissionId, reviewer, { scores: { angle: "clear", sources: "present", forged: "x" }, feedback: "  Bon angle.  " });
    expect(result).toEqual({ ok: true, decision: "accepted", totalPoints: 5, maxPoints: 7, userId: amina.id, courseId: media.id, courseSlug: "media-migration" });
    const [version] = await submissionHistory(amina.id, media.id, "pitch");
    expect(version.review).toMatchObject({
      scores: { angle: { level: "clear", points: 2 }, sources: { level: "present", points: 3 } },
      totalPoints: 5,
      maxPoints: 7,
      feedback: "Bon angle.",
      decision: "accepted",
    });
    expect(await isAssignmentAccepted(amina.id, media.id, "pitch")).toBe(true);
    expect(await isAssignmentAccepted(youssef.id, media.id, "pitch")).toBe(false);
    expect(await acceptedAssignmentIds((await enrolmentFor(amina.id, media.id)).id)).toEqual(["pitch"]);
  });

  it("needs every criterion scored with an existing level, a known decision, and feedback for a revision", async () => {
    const { submissionId } = await submitted(amina);
    expect(await review(submissionId, reviewer, { scores: { angle: "excellent" }, decision: "revision_requested" })).toEqual({
      ok: false,
      errors: {
        "scores.angle": ["assignment.review.errors.scoreMissing"],
        "scores.sources": ["assignment.review.errors.scoreMissing"],
        feedback: ["assignment.review.errors.feedbackRequired"],
      },
    });
    expect(await review(submissionId, reviewer, { decision: "maybe" })).toEqual({
      ok: false,
      errors: { decision: ["assignment.review.errors.decision"] },
    });
    expect((await submissionHistory(amina.id, media.id, "pitch"))[0]).toMatchObject({ status: "submitted", review: null });
    expect(await isAssignmentAccepted(amina.id, media.id, "pitch")).toBe(false);
  });

  it("is refused to a reviewer of another course and to learners, like an unknown id; admins may review any course", async () => {
    const { submissionId } = await submitted(amina);
    await expect(review(submissionId, otherReviewer)).rejects.toMatchObject({ status: 404 });
    await expect(review(submissionId, youssef)).rejects.toMatchObject({ status: 404 });
    await expect(getSubmissionForReview(submissionId, otherReviewer)).rejects.toMatchObject({ status: 404 });
    await expect(review("no-such-id", reviewer)).rejects.toMatchObject({ status: 404 });
    expect((await review(submissionId, admin)).ok).toBe(true);
  });

  it("happens once: a second review of the same submission is refused", async () => {
    const { submissionId } = await submitted(amina);
    const [a, b] = await Promise.all([review(submissionId, reviewer), review(submissionId, admin, { decision: "revision_requested", feedback: "Non." })]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect(await review(submissionId, reviewer)).toEqual({ ok: false, errors: { form: ["assignment.review.errors.alreadyReviewed"] } });
    expect(await db.review.count({ where: { submissionId } })).toBe(1);
  });

  it("shows the reviewer the answer, the rubric and the earlier versions", async () => {
    const first = await submitted(amina);
    await review(first.submissionId, reviewer, { decision: "revision_requested", feedback: "Plus de sources." });
    const second = await submitted(amina, { text: "Deuxième version" });
    const view = await getSubmissionForReview(second.submissionId, reviewer);
    expect(view.submission).toMatchObject({ version: 2, text: "Deuxième version", status: "submitted" });
    expect(view.learnerName).toBe("Amina");
    expect(view.assignment.rubric).toHaveLength(2);
    expect(view.maxPoints).toBe(7);
    expect(view.earlierVersions.map((v) => [v.version, v.review?.feedback])).toEqual([[1, "Plus de sources."]]);
  });
});

describe("getAttachmentForDownload", () => {
  it("gives the file to its owner, the course's reviewers and admins only", async () => {
    const file = storedFile();
    const { submissionId } = await submitted(amina, { attachment: file });
    const expected = { key: file.key, fileName: "pitch.pdf", mimeType: "application/pdf" };
    expect(await getAttachmentForDownload(submissionId, amina)).toEqual(expected);
    expect(await getAttachmentForDownload(submissionId, reviewer)).toEqual(expected);
    expect(await getAttachmentForDownload(submissionId, admin)).toEqual(expected);
    // Someone else's file answers like a file that does not exist.
    await expect(getAttachmentForDownload(submissionId, youssef)).rejects.toMatchObject({ status: 404 });
    await expect(getAttachmentForDownload(submissionId, otherReviewer)).rejects.toMatchObject({ status: 404 });
    await expect(getAttachmentForDownload("no-such-submission", youssef)).rejects.toMatchObject({ status: 404 });

    const textOnly = await submitted(youssef);
    await expect(getAttachmentForDownload(textOnly.submissionId, youssef)).rejects.toMatchObject({ status: 404 });
  });
});

describe("course reviewers", () => {
  it("an admin makes a learner reviewer of a course; the right follows the course and the role", async () => {
    const trainer = await person("Trainer");
    const email = (await db.user.findUniqueOrThrow({ where: { id: trainer.id } })).email!;
    expect(await addCourseReviewer({ email: ` ${email.toUpperCase()} `, courseId: media.id })).toEqual({ ok: true, userId: trainer.id });
    const promoted = { id: trainer.id, role: (await db.user.findUniqueOrThrow({ where: { id: trainer.id } })).role };
    expect(promoted.role).toBe("reviewer");
    expect(await canReviewCourse(promoted, media.id)).toBe(true);
    expect(await canReviewCourse(promoted, other.id)).toBe(false);
    expect(await addCourseReviewer({ email, courseId: media.id })).toEqual({ ok: false, errors: { email: ["assignment.reviewers.errors.already"] } });

    // Demoted by an admin: the course link alone no longer opens submissions.
    expect(await canReviewCourse({ id: trainer.id, role: "learner" }, media.id)).toBe(false);
    await removeCourseReviewer(trainer.id, media.id);
    expect(await canReviewCourse(promoted, media.id)).toBe(false);
  });

  it("explains why a person cannot be made reviewer", async () => {
    const someone = await person("Someone");
    const email = (await db.user.findUniqueOrThrow({ where: { id: someone.id } })).email!;
    expect(await addCourseReviewer({ email: "nobody@example.org", courseId: media.id })).toEqual({
      ok: false,
      errors: { email: ["assignment.reviewers.errors.userUnknown"] },
    });
    expect(await addCourseReviewer({ email, courseId: "missing" })).toEqual({ ok: false, errors: { courseId: ["assignment.reviewers.errors.courseUnknown"] } });
  });
});
