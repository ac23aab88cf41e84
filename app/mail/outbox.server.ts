import { env } from "~/config/env.server";
import { db } from "~/db/client.server";
import type { Prisma } from "~/db/generated/client";
import { log } from "../../server/log";
import { transportFromEnv, type MailTransport, type OutgoingEmail } from "./transport.server";

/**
 * Outgoing mail is first written to OutboxEmail (in the caller's transaction
 * when there is one, so a rolled-back action sends nothing), then delivered
 * by the configured transport. A failed delivery stays in the table and is
 * retried by the sweeper with growing delays until MAX_ATTEMPTS.
 *
 * Status: "pending" (not tried yet), "failed" (last try failed; retried while
 * attempts < MAX_ATTEMPTS), "sent".
 */
export const MAX_ATTEMPTS = 5;

type Tx = Prisma.TransactionClient;

export async function enqueueEmail(mail: OutgoingEmail, options: { tx?: Tx } = {}): Promise<{ id: string }> {
  const client = options.tx ?? db;
  const row = await client.outboxEmail.create({
    data: {
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html ?? null,
      ...(mail.attachments?.length
        ? { attachments: { create: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content) })) } }
        : {}),
    },
    select: { id: true },
  });
  // Inside a transaction the row is not visible to other connections yet:
  // the caller calls deliverSoon(id) once it has committed.
  if (!options.tx) deliverSoon(row.id);
  return row;
}

/**
 * Starts delivering one email without making the caller wait (the HTTP
 * response must not depend on the mail server). Unit tests deliver
 * explicitly instead, so no work outlives a test.
 */
export function deliverSoon(id: string): void {
  if (env.NODE_ENV === "test") return;
  setImmediate(() => {
    deliverEmail(id).catch((error: unknown) => log.error({ msg: "mail delivery crashed", id, error: String(error) }));
  });
}

export type DeliveryOutcome = "sent" | "failed" | "skipped";

/**
 * Delivers one email. Counting the attempt is also how a delivery is claimed:
 * the conditional update succeeds for exactly one caller, so an email handled
 * by both deliverSoon and the sweeper is sent once.
 */
export async function deliverEmail(
  id: string,
  transport: MailTransport = transportFromEnv()
): Promise<DeliveryOutcome> {
  const mail = await db.outboxEmail.findUnique({ where: { id }, include: { attachments: true } });
  if (!mail || mail.status === "sent" || mail.attempts >= MAX_ATTEMPTS) return "skipped";
  const claim = await db.outboxEmail.updateMany({
    where: { id, attempts: mail.attempts, status: { in: ["pending", "failed"] } },
    data: { attempts: { increment: 1 } },
  });
  if (claim.count === 0) return "skipped";
  try {
    await transport.send({
      ...mail,
      attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: new Uint8Array(a.content) })),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.outboxEmail.update({ where: { id }, data: { status: "failed", lastError: message.slice(0, 1000) } });
    log.warn({ msg: "mail delivery failed", id, attempt: mail.attempts + 1, error: message });
    return "failed";
  }
  await db.outboxEmail.update({ where: { id }, data: { status: "sent", sentAt: new Date(), lastError: null } });
  return "sent";
}

/**
 * When an email that has had `attempts` tries may be tried again. Back-off is
 * measured from creation (the table has no "last tried at"): retries come 2,
 * 6, 14 and 30 minutes after the email was written. The first gap is longer
 * than the SMTP timeouts, so a slow first try is not retried while in flight.
 */
export function nextAttemptAt(createdAt: Date, attempts: number): Date {
  const waited = attempts === 0 ? 0 : 2 * 60_000 * (2 ** attempts - 1);
  return new Date(createdAt.getTime() + waited);
}

/**
 * Delivers every email that is due: never tried, or failed and past its
 * back-off. Returns what happened, for logs and tests.
 */
export async function deliverDueEmails(now = new Date(), transport: MailTransport = transportFromEnv()) {
  const candidates = await db.outboxEmail.findMany({
    where: { status: { in: ["pending", "failed"] }, attempts: { lt: MAX_ATTEMPTS } },
    orderBy: { createdAt: "asc" },
    select: { id: true, attempts: true, createdAt: true },
    take: 100,
  });
  const result = { sent: 0, failed: 0 };
  for (const mail of candidates) {
    if (nextAttemptAt(mail.createdAt, mail.attempts) > now) continue;
    const outcome = await deliverEmail(mail.id, transport);
    if (outcome === "sent") result.sent += 1;
    if (outcome === "failed") result.failed += 1;
  }
  return result;
}

/** The newest emails first, for the development outbox page. */
export function listOutbox(limit: number) {
  return db.outboxEmail.findMany({ orderBy: { createdAt: "desc" }, take: limit });
}
