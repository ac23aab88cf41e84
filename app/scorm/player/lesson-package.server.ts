import { type CatalogCourse, getCatalog, getCourse } from "~/catalog/catalog.server";
import type { IslandLoaderInput } from "~/catalog/content-kind.server";
import { documentEntry } from "~/catalog/documents.server";
import { findLesson } from "~/catalog/outline";
import { env } from "~/config/env.server";
import { db } from "~/db/client.server";
import { readFormData } from "~/http/form.server";
import { knownOrCurrentEnrolment } from "~/learning/enrolments.server";
import { markLessonComplete, recordLessonView } from "~/learning/progress.server";
import { SCORM_ISLAND, type ScormEntry } from "../scorm-kind.server";
import { packageProgress, type PackageProgress } from "../scorm-progress.server";
import { packageManifest } from "../tracking-model.server";

/**
 * A course's SCORM lesson as the player sees it: the package the lesson
 * plays now (the entry the build wrote from courses/<slug>/scorm/<id>.yml,
 * decision 025), its stored row, and the learner's state in it. Package
 * completion is lesson completion: when every item of the package's table
 * of contents is done, the lesson is marked complete through the one path
 * that exists for it (markLessonComplete, then recordCompletionIfMet), so
 * /me, certificates and the trained-count reports follow.
 */

export type LessonPackage = { id: string; entry: ScormEntry };

/** The SCORM island a lesson shows, or null (a lesson shows at most one package per id; the first is the lesson's). */
export async function lessonPackage(course: CatalogCourse, lessonId: string): Promise<LessonPackage | null> {
  const placed = (course.islands ?? []).find((i) => i.kind === SCORM_ISLAND && i.lessonId === lessonId);
  if (!placed) return null;
  const entry = await documentEntry<ScormEntry>(course, SCORM_ISLAND, placed.id);
  return entry ? { id: placed.id, entry } : null;
}

/** What the player shows of the learner's state: per item, and the package. */
export type PlayerProgress = Pick<PackageProgress, "done" | "required" | "percent" | "completed" | "success" | "scorePercent"> & {
  scos: { scoId: string; status: PackageProgress["scos"][number]["status"]; scorePercent: number | null }[];
};

function playerProgress(progress: PackageProgress): PlayerProgress {
  const { done, required, percent, completed, success, scorePercent } = progress;
  return { done, required, percent, completed, success, scorePercent, scos: progress.scos.map((s) => ({ scoId: s.scoId, status: s.status, scorePercent: s.scorePercent })) };
}

async function storedPackage(sha256: string) {
  return db.scormPackage.findUnique({ where: { sha256 }, select: { id: true, version: true, manifest: true } });
}

/** Where the package's files are served: this origin, or SCORM_CONTENT_ORIGIN (decision 024). */
export function packageContentBase(sha256: string): string {
  return `${env.SCORM_CONTENT_ORIGIN ?? ""}/scorm-content/${sha256}/`;
}

export type ScormIslandData = {
  title: string;
  version: "1.2" | "2004";
  contentBase: string;
  items: { identifier: string; title: string; depth: number; visible: boolean; launch: string }[];
  /** False when the package the course names is not in this server's database (imported elsewhere). */
  available: boolean;
  progress: PlayerProgress | null;
};

/** The lesson loader's data for <Scorm id="…" />: complete without JavaScript (the table of contents and its states). */
export async function scormIslandData(
  input: Pick<IslandLoaderInput, "course" | "lessonId" | "userId" | "enrolment" | "props">,
): Promise<ScormIslandData | null> {
  const { course, lessonId, userId, props } = input;
  if (typeof props.id !== "string") return null;
  const entry = await documentEntry<ScormEntry>(course, SCORM_ISLAND, props.id);
  if (!entry) return null;
  const [row, enrolment] = await Promise.all([
    storedPackage(entry.sha256),
    knownOrCurrentEnrolment(userId, course.id, input.enrolment),
  ]);
  const progress = row && enrolment ? playerProgress(await packageProgress(enrolment.id, lessonId, packageManifest(row))) : null;
  return {
    title: entry.title,
    version: entry.version,
    contentBase: packageContentBase(entry.sha256),
    items: entry.items.map(({ identifier, title, depth, visible, launch }) => ({ identifier, title, depth, visible, launch })),
    available: Boolean(row),
    progress,
  };
}

/** The state of the lesson's package after a commit; completes the lesson once the package is done. */
export async function packageStateAfterCommit(input: {
  userId: string;
  courseId: string;
  lessonId: string;
  enrolmentId: string;
}): Promise<(PlayerProgress & { lessonDone: boolean; courseCompleted: boolean }) | null> {
  const course = (await getCatalog()).courses.find((c) => c.id === input.courseId);
  if (!course) return null;
  const found = await lessonPackage(course, input.lessonId);
  const row = found ? await storedPackage(found.entry.sha256) : null;
  if (!row) return null;
  const progress = await packageProgress(input.enrolmentId, input.lessonId, packageManifest(row));
  const completion = progress.completed ? await markLessonComplete(input.userId, course, input.lessonId) : null;
  return { ...playerProgress(progress), lessonDone: progress.completed, courseCompleted: completion?.completed ?? false };
}

const noStore = { "Cache-Control": "no-store" };
const answer = (body: Record<string, unknown>, status = 200) => Response.json(body, { status, headers: noStore });

/**
 * POST /api/scorm/launch (course, lesson, sco as form fields), from the
 * player page: starts or resumes the learner's attempt at one item of the
 * lesson's package (loadScormData, decision 023) and answers the data the
 * runtime starts from. A POST, because it opens a session. Errors are codes
 * the player turns into its translated messages (tracking.launch.<code>).
 */
export async function launchRequest(request: Request, userId: string): Promise<Response> {
  const form = await readFormData(request);
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const course = await getCourse(field("course"));
  const lessonId = field("lesson");
  if (!course || !findLesson(course.definition, lessonId)) return answer({ error: "package-not-found" }, 404);
  const found = await lessonPackage(course, lessonId);
  const row = found ? await storedPackage(found.entry.sha256) : null;
  if (!found || !row) return answer({ error: "package-not-found" }, 404);
  const scoId = field("sco");
  if (!found.entry.items.some((item) => item.identifier === scoId)) return answer({ error: "unknown-sco" }, 404);

  // Imported here, not at the top: resume.server.ts brings the cmi model, which only a launch needs.
  const { loadScormData } = await import("../resume.server");
  const launched = await loadScormData({ userId, courseId: course.id, lessonId, packageId: row.id, scoId });
  if (!launched.ok) return answer({ error: launched.error }, launched.status);
  await recordLessonView(userId, course, lessonId);
  return answer({ ...launched, commitUrl: `/api/scorm/attempts/${launched.attemptId}/commit` });
}
