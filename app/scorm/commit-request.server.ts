import { getUser } from "~/auth/guards.server";
import { db } from "~/db/client.server";
import { parseCommitBody } from "./commit-body.server";
import { commitScormData } from "./commits.server";
import { packageStateAfterCommit } from "./player/lesson-package.server";

/**
 * POST /api/scorm/attempts/:attemptId/commit, as the player page sends it:
 * the page (Tadrib's origin, with the learner's session cookie) relays the
 * commits of the sandboxed package frame, which has no cookie of Tadrib's
 * and whose opaque origin the origin check refuses
 * (docs/decisions/024-scorm-content-sandboxed.md). Answers are JSON with
 * English codes for the runtime, never pages (decision 023).
 *
 * The order is deliberate: who is asking, then whether the attempt is
 * theirs (someone else's answers what a missing one does, 404), and only
 * then the body, so nothing about a stranger's attempt is learnt from how a
 * body is judged.
 */
const noStore = { "Cache-Control": "no-store" };

function answer(body: Record<string, unknown>, status = 200) {
  return Response.json(body, { status, headers: noStore });
}

export async function commitRequest(request: Request, attemptId: string): Promise<Response> {
  const user = await getUser(request);
  if (!user) return answer({ error: "not-signed-in" }, 401);
  const attempt = await db.scormAttempt.findFirst({
    where: { id: attemptId, userId: user.id }, select: { courseId: true, scoId: true, lessonId: true, enrolmentId: true },
  });
  if (!attempt) return answer({ error: "attempt-not-found" }, 404);

  const body = await parseCommitBody(request);
  if (!body.ok) {
    const { ok: _ok, status, ...error } = body;
    return answer(error, status);
  }
  const result = await commitScormData({ userId: user.id, courseId: attempt.courseId, scoId: attempt.scoId, attemptId, ...body.body });
  if (!result.ok) {
    const { ok: _ok, status, ...error } = result;
    return answer(error, status);
  }
  const { ok: _ok, ...committed } = result;
  // What the commit means for the lesson: once the package is done, the lesson is complete, and through
  // recordCompletionIfMet (the one path to a completion) the course when its rule is met, completion.scorm included.
  const progress = await packageStateAfterCommit({ userId: user.id, courseId: attempt.courseId, lessonId: attempt.lessonId, enrolmentId: attempt.enrolmentId });
  return answer({ ...committed, progress });
}
