import fs from "node:fs";
import { enrolmentFor } from "../../../tests/setup/db-fixtures";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "~/auth/session.server";
import { buildCourses } from "~/catalog/build.server";
import { getCourse, getLessonContent } from "~/catalog/catalog.server";
import { courseYml, writeCourse } from "~/catalog/course-fixture.server";
import { loadIslandData } from "~/catalog/content-kind.server";
import { contentPipeline } from "~/content-kinds.server";
import { db } from "~/db/client.server";
import { submitAssignmentForm } from "./assignment-pages.server";
import { reviewPage, reviewQueuePage, submitReviewForm } from "./review-pages.server";
import { PITCH_YAML, SAMPLE_BYTES, writeCourseAssignment } from "./test-fixtures";
import type { AssignmentPanelData } from "./types";

// The pages as a learner and a reviewer go through them: a built course, a real
// multipart request, the lesson's island data, the review form, the completion.
const dirs = vi.hoisted(() => {
  const base = `${process.env.TMPDIR ?? "/tmp"}/tadrib-assignment-pages-${process.pid}-${Date.now()}`;
  process.env.COURSES_DIR = `${base}/courses`;
  process.env.COURSE_CACHE_DIR = `${base}/cache`;
  process.env.UPLOADS_DIR = `${base}/uploads`;
  return { base, courses: `${base}/courses`, cache: `${base}/cache`, uploads: `${base}/uploads/submissions` };
});
afterAll(() => fs.rmSync(dirs.base, { recursive: true, force: true }));

let learner: SessionUser;
let reviewer: SessionUser;
let courseId: string;

async function person(name: string, role: SessionUser["role"]): Promise<SessionUser> {
  return db.user.create({ data: { name, email: `${name.toLowerCase()}@example.org`, role }, select: { id: true, email: true, name: true, role: true, locale: true } }) as Promise<SessionUser>;
}

beforeAll(async () => {
  fs.mkdirSync(dirs.courses, { recursive: true });
  writeCourse(dirs.courses, "media", courseYml(), {
    "intro.fr.mdx": "Intro.", "intro.en.mdx": "Intro.", "terms.fr.mdx": "Termes.", "terms.en.mdx": "Terms.",
    "cases.fr.mdx": "Avant.\n\n<Assignment id=\"pitch\" />\n\nAprès.\n",
    "cases.en.mdx": "Before.\n\n<Assignment id=\"pitch\" />\n\nAfter.\n",
  });
  writeCourseAssignment(dirs.courses, "media", "pitch", PITCH_YAML);
  expect((await buildCourses({ coursesDir: dirs.courses, cacheDir: dirs.cache, pipeline: contentPipeline })).failures).toEqual([]);
  courseId = (await getCourse("media"))!.id;
  learner = await person("Amina", "learner");
  reviewer = await person("Karim", "reviewer");
  await enrolmentFor(learner.id, courseId);
  await db.courseReviewer.create({ data: { userId: reviewer.id, courseId } });
});

function submission(fields: Record<string, string | File>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return new Request("http://localhost/courses/media/assignments/pitch", { method: "POST", body: form });
}

async function islandData(): Promise<AssignmentPanelData> {
  const course = (await getCourse("media"))!;
  const content = await getLessonContent(course, "cases", "fr");
  const data = await loadIslandData(contentPipeline.kinds, content.segments, { course, lessonId: "cases", lang: "fr", userId: learner.id });
  const index = content.segments.findIndex((s) => s.type === "island" && s.kind === "assignment");
  expect(data.filter((d) => d !== null)).toHaveLength(1);
  return data[index] as unknown as AssignmentPanelData;
}

describe("the learner's side", () => {
  it("the lesson carries the assignment island with everything it shows", async () => {
    const panel = await islandData();
    expect(panel).toMatchObject({
      courseSlug: "media",
      assignmentId: "pitch",
      lessonId: "cases",
      lang: "fr",
      title: "Pitch d'un reportage",
      text: "required",
      attachment: { kinds: ["pdf", "audio"], maxSizeMB: 1, required: false },
      maxPoints: 7,
      versions: [],
      blocker: null,
    });
    expect(panel.instructionsHtml).toContain("<strong>angle</strong>");
    expect(panel.attachment?.accept).toContain("application/pdf");
    expect(panel.rubric[1]).toEqual({
      id: "sources",
      title: "Sources",
      description: "Des voix de migrants",
      levels: [{ id: "missing", label: "Absentes", points: 0 }, { id: "present", label: "Présentes", points: 3 }],
    });
  });

  it("a refused file comes back as an error with the text kept, and nothing stays on disk", async () => {
    const big = new File([new Uint8Array(Buffer.concat([SAMPLE_BYTES.pdf, Buffer.alloc(1024 * 1024)]))], "gros.pdf");
    const result = await submitAssignmentForm(submission({ lesson: "cases", text: "Mon angle", attachment: big }), "media", "pitch", learner);
    expect(result).toEqual({ ok: false, errors: { attachment: ["assignment.errors.attachmentTooLarge"] }, values: { text: "Mon angle" }, maxSizeMB: 1 });
    expect(fs.existsSync(dirs.uploads) ? fs.readdirSync(dirs.uploads) : []).toEqual([]);
  });

  it("a valid answer is stored as version 1 and leads back to the lesson", async () => {
    const pdf = new File([new Uint8Array(SAMPLE_BYTES.pdf)], "mon pitch.pdf", { type: "application/pdf" });
    const result = await submitAssignmentForm(submission({ lesson: "cases", text: "Mon angle", attachment: pdf }), "media", "pitch", learner);
    expect(result).toEqual({ ok: true, redirectTo: "/courses/media/cases#assignment-pitch" });
    const panel = await islandData();
    expect(panel.blocker).toBe("assignment.errors.pending");
    expect(panel.versions).toHaveLength(1);
    expect(panel.versions[0]).toMatchObject({ version: 1, status: "submitted", text: "Mon angle", review: null });
    expect(panel.versions[0].attachment).toEqual({ name: "mon pitch.pdf", size: SAMPLE_BYTES.pdf.length, href: `/submissions/${panel.versions[0].id}/attachment` });
    expect(fs.readdirSync(dirs.uploads)).toHaveLength(1);
  });

  it("someone not enrolled is sent to the course page", async () => {
    const stranger = await person("Stranger", "learner");
    const thrown = await submitAssignmentForm(submission({ text: "x" }), "media", "pitch", stranger).catch((e) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect(thrown.status).toBe(302);
    expect(thrown.headers.get("location")).toBe("/courses/media");
  });
});

describe("the reviewer's side", () => {
  it("sees the submission in the queue, scores it, and the accepted assignment lets the course complete", async () => {
    const queue = await reviewQueuePage(reviewer, "fr");
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0]).toMatchObject({ learnerName: "Amina", courseTitle: "Cours d'essai", assignmentTitle: "Pitch d'un reportage", version: 1, hasAttachment: true });

    const page = await reviewPage(queue.items[0].submissionId, reviewer, "en");
    expect(page).toMatchObject({ lang: "en", courseTitle: "Test course", assignmentTitle: "Story pitch", learnerName: "Amina", maxPoints: 7 });

    // Every lesson done: only the review stands between the learner and the completion.
    for (const lessonId of ["intro", "terms", "cases"]) {
      await db.lessonProgress.create({ data: { userId: learner.id, courseId, enrolmentId: (await enrolmentFor(learner.id, courseId)).id, lessonId, completedAt: new Date() } });
    }
    const form = new FormData();
    form.append("scores.angle", "strong");
    form.append("scores.sources", "present");
    form.append("decision", "accepted");
    form.append("feedback", "");
    expect(await submitReviewForm(form, queue.items[0].submissionId, reviewer)).toEqual({ ok: true, redirectTo: "/review?reviewed=accepted" });
    expect(await db.completion.count({ where: { userId: learner.id, courseId } })).toBe(1);

    const panel = await islandData();
    expect(panel.blocker).toBe("assignment.errors.accepted");
    expect(panel.versions[0].review).toMatchObject({
      decision: "accepted",
      totalPoints: 7,
      maxPoints: 7,
      scores: [
        { criterionId: "angle", criterion: "Angle", level: "Fort", points: 4, maxPoints: 4 },
        { criterionId: "sources", criterion: "Sources", level: "Présentes", points: 3, maxPoints: 3 },
      ],
    });
  });

  it("refuses a second review, giving back what the reviewer chose", async () => {
    const { id: submissionId } = await db.submission.findFirstOrThrow({ where: { userId: learner.id } });
    const form = new FormData();
    form.append("scores.angle", "clear");
    form.append("feedback", "À revoir");
    form.append("decision", "revision_requested");
    const result = await submitReviewForm(form, submissionId, reviewer);
    expect(result).toEqual({
      ok: false,
      errors: { form: ["assignment.review.errors.alreadyReviewed"] },
      values: { scores: { angle: "clear" }, feedback: "À revoir", decision: "revision_requested" },
    });
  });
});
