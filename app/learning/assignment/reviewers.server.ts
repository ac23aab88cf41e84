import type { Role } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { Prisma } from "~/db/generated/client";

/**
 * Who reviews which course. Admins review every course; a reviewer only the
 * courses an admin gave them, and only while their role is still reviewer.
 */
export type Actor = { id: string; role: Role | string };

export async function canReviewCourse(actor: Actor, courseId: string): Promise<boolean> {
  if (actor.role === "admin") return true;
  if (actor.role !== "reviewer") return false;
  const row = await db.courseReviewer.findUnique({ where: { userId_courseId: { userId: actor.id, courseId } }, select: { id: true } });
  return row !== null;
}

/** Ids of the courses whose submissions the actor may see, or "all" for admins. */
export async function reviewableCourseIds(actor: Actor): Promise<string[] | "all"> {
  if (actor.role === "admin") return "all";
  if (actor.role !== "reviewer") return [];
  const rows = await db.courseReviewer.findMany({ where: { userId: actor.id }, select: { courseId: true } });
  return rows.map((r) => r.courseId);
}

export type AddReviewerResult = { ok: true; userId: string } | { ok: false; errors: { email?: string[]; courseId?: string[] } };

/**
 * Makes the person with this email a reviewer of the course. A learner
 * becomes a reviewer; an organisation manager keeps their role, which has no
 * access to the review queue, so they are refused rather than silently
 * given a right they cannot use.
 */
export async function addCourseReviewer(input: { email: string; courseId: string }): Promise<AddReviewerResult> {
  const email = input.email.trim().toLowerCase();
  const [user, course] = await Promise.all([
    db.user.findUnique({ where: { email }, select: { id: true, role: true } }),
    db.course.findUnique({ where: { id: input.courseId }, select: { id: true } }),
  ]);
  if (!course) return { ok: false, errors: { courseId: ["assignment.reviewers.errors.courseUnknown"] } };
  if (!user) return { ok: false, errors: { email: ["assignment.reviewers.errors.userUnknown"] } };
  try {
    await db.$transaction([
      db.courseReviewer.create({ data: { userId: user.id, courseId: course.id } }),
      ...(user.role === "learner" ? [db.user.update({ where: { id: user.id }, data: { role: "reviewer" } })] : []),
    ]);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, errors: { email: ["assignment.reviewers.errors.already"] } };
    }
    throw error;
  }
  return { ok: true, userId: user.id };
}

/** The person keeps the reviewer role (they may review other courses); they just no longer see this one. */
export async function removeCourseReviewer(userId: string, courseId: string): Promise<void> {
  await db.courseReviewer.deleteMany({ where: { userId, courseId } });
}

export async function listCourseReviewers() {
  return db.courseReviewer.findMany({
    orderBy: [{ course: { slug: "asc" } }, { user: { name: "asc" } }],
    select: {
      courseId: true,
      course: { select: { slug: true } },
      user: { select: { id: true, name: true, email: true, role: true } },
    },
  });
}
