import { throttleKeys } from "~/auth/login-throttle.server";
import { resetEmailKey } from "~/auth/password-reset.server";
import { signupEmailKey } from "~/auth/signup.server";
import { db } from "~/db/client.server";
import type { Prisma } from "~/db/generated/client";
import { deleteAttachment } from "~/learning/assignment/attachments.server";
import { log } from "../../server/log";

/**
 * Deleting an account on request (law 09-08, GDPR art. 17). The person asks
 * (/me/data), an admin confirms (/admin/deletions), and the person is then
 * pseudonymised, not removed: the User row stays with a neutral name and
 * nothing that identifies them, so their completions, training records and
 * certificates stay, and the counts of past years do not change.
 */
type Tx = Prisma.TransactionClient;

/** The neutral name a deleted person keeps, with a short id so admins can tell two of them apart. */
export function pseudonym(userId: string): string {
  return `Personne supprimée ${userId.slice(-6).toUpperCase()}`;
}

/** Asking twice keeps the one open request. */
export async function requestDeletion(userId: string, now = new Date()): Promise<{ created: boolean }> {
  return db.$transaction(async (tx) => {
    const open = await tx.deletionRequest.findFirst({ where: { userId, status: "requested" }, select: { id: true } });
    if (open) return { created: false };
    await tx.deletionRequest.create({ data: { userId, requestedAt: now } });
    return { created: true };
  });
}

/** The person withdraws their request; false when none was open. */
export async function withdrawDeletionRequest(userId: string, now = new Date()): Promise<boolean> {
  const { count } = await db.deletionRequest.updateMany({
    where: { userId, status: "requested" },
    data: { status: "cancelled", decidedAt: now, decidedById: userId },
  });
  return count > 0;
}

export async function openDeletionRequest(userId: string) {
  return db.deletionRequest.findFirst({ where: { userId, status: "requested" }, select: { id: true, requestedAt: true } });
}

/** For /admin/deletions: open requests (oldest first, to be answered in order), then the latest decisions. */
export async function listDeletionRequests(decidedShown = 50) {
  const select = {
    id: true,
    status: true,
    requestedAt: true,
    decidedAt: true,
    user: { select: { id: true, name: true, email: true, phone: true, deletedAt: true } },
    decidedBy: { select: { name: true } },
  } as const;
  const [open, decided] = await Promise.all([
    db.deletionRequest.findMany({ where: { status: "requested" }, orderBy: [{ requestedAt: "asc" }, { id: "asc" }], select }),
    db.deletionRequest.findMany({ where: { status: { not: "requested" } }, orderBy: [{ decidedAt: "desc" }, { id: "desc" }], take: decidedShown, select }),
  ]);
  return { open, decided };
}

/** An admin turns a request down (the person asked by mistake, or withdrew it by other means). */
export async function cancelDeletionRequest(requestId: string, adminId: string, now = new Date()): Promise<boolean> {
  const { count } = await db.deletionRequest.updateMany({
    where: { id: requestId, status: "requested" },
    data: { status: "cancelled", decidedAt: now, decidedById: adminId },
  });
  return count > 0;
}

/**
 * Everything that identifies the person, erased in the caller's transaction.
 * Kept: the row itself (pseudonymised), enrolments and lesson progress,
 * completions, training records, attendances, certificates (whose copied
 * name keeps them verifiable), quiz scores, submission versions with their
 * status and review scores. Returns what must go outside the database: the
 * keys of attachment files.
 */
export async function pseudonymise(tx: Tx, userId: string, now: Date): Promise<{ attachmentKeys: string[] }> {
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  const email = user.email?.toLowerCase() ?? null;
  const attachments = await tx.submission.findMany({ where: { userId, attachmentKey: { not: null } }, select: { attachmentKey: true } });

  await tx.user.update({
    where: { id: userId },
    data: { name: pseudonym(userId), email: null, phone: null, role: "learner", deletedAt: now },
  });
  await tx.password.deleteMany({ where: { userId } });
  await tx.authSession.deleteMany({ where: { userId } });
  await tx.loginDevice.deleteMany({ where: { userId } });
  await tx.passwordResetToken.deleteMany({ where: { userId } });
  await tx.profile.deleteMany({ where: { userId } });
  await tx.membership.updateMany({ where: { userId, endedAt: null }, data: { endedAt: now } });
  await tx.courseReviewer.deleteMany({ where: { userId } });
  await tx.savedReport.deleteMany({ where: { ownerId: userId } });
  await tx.submission.updateMany({
    where: { userId },
    data: { text: "", attachmentName: null, attachmentMimeType: null, attachmentSize: null, attachmentKey: null },
  });
  // A reviewer's comments quote and describe the person's work; scores and totals stay.
  await tx.review.updateMany({ where: { submission: { userId } }, data: { feedback: "" } });
  await tx.quizAttempt.updateMany({ where: { userId }, data: { answers: "{}" } });
  // A SCORM attempt's cmi data holds the person's responses, comments and bookmarks; its status and score stay.
  await tx.scormAttempt.updateMany({ where: { userId }, data: { cmi: "{}", cmiSeqs: "{}", revision: { increment: 1 } } });
  if (email) {
    // Mail kept in the outbox, a sign-up waiting for confirmation and rate-limit or throttle counters name the address.
    await tx.outboxEmail.deleteMany({ where: { to: { in: [email, user.email!] } } });
    await tx.emailConfirmation.deleteMany({ where: { email } });
    await tx.rateLimit.deleteMany({ where: { key: { in: [signupEmailKey(email), resetEmailKey(email)] } } });
    await tx.loginThrottle.deleteMany({
      where: { OR: [{ key: throttleKeys.account(email) }, { key: { startsWith: `pair:${email}|` } }, { key: { endsWith: `|${email}` } }] },
    });
  }
  return { attachmentKeys: attachments.map((a) => a.attachmentKey!) };
}

export type ConfirmDeletionResult = { ok: true; name: string } | { ok: false };

/** Confirms an open request and pseudonymises its person, in one transaction; the files go once it committed. */
export async function confirmDeletion(
  requestId: string,
  adminId: string,
  options: { now?: Date; uploadsDir?: string } = {},
): Promise<ConfirmDeletionResult> {
  const now = options.now ?? new Date();
  const outcome = await db.$transaction(async (tx) => {
    const request = await tx.deletionRequest.findFirst({ where: { id: requestId, status: "requested" }, select: { userId: true, user: { select: { name: true } } } });
    if (!request) return null;
    await tx.deletionRequest.updateMany({
      where: { userId: request.userId, status: "requested" },
      data: { status: "confirmed", decidedAt: now, decidedById: adminId },
    });
    const erased = await pseudonymise(tx, request.userId, now);
    return { name: request.user.name, ...erased };
  });
  if (!outcome) return { ok: false };
  for (const key of outcome.attachmentKeys) {
    await deleteAttachment(key, options.uploadsDir).catch((error: unknown) => log.error({ msg: "attachment of a deleted person not removed", key, error: String(error) }));
  }
  return { ok: true, name: outcome.name };
}
