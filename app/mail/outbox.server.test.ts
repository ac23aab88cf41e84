import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { deliverDueEmails, deliverEmail, enqueueEmail, MAX_ATTEMPTS, nextAttemptAt } from "./outbox.server";
import { passwordResetEmail } from "./templates.server";
import { logTransport, smtpTransport, type MailTransport } from "./transport.server";

const message = { to: "karim@example.ma", subject: "Bonjour", text: "Un message.\n", html: "<p>Un message.</p>" };
// Nothing listens on port 1: the connection is refused at once, a real SMTP failure.
const deadSmtp = () => smtpTransport("smtp://127.0.0.1:1");

function countingTransport(): MailTransport & { sent: string[] } {
  const sent: string[] = [];
  return {
    name: "log",
    sent,
    async send(mail) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      sent.push(mail.to);
    },
  };
}

describe("enqueueEmail", () => {
  it("writes a pending email (delivery is explicit in tests)", async () => {
    const { id } = await enqueueEmail(message);
    const row = await db.outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ ...message, status: "pending", attempts: 0, sentAt: null });
  });

  it("writes nothing when the caller's transaction rolls back", async () => {
    const to = `rollback-${crypto.randomUUID()}@example.ma`;
    await expect(
      db.$transaction(async (tx) => {
        await enqueueEmail({ ...message, to }, { tx });
        throw new Error("the action failed");
      }),
    ).rejects.toThrow("the action failed");
    expect(await db.outboxEmail.count({ where: { to } })).toBe(0);
  });
});

describe("deliverEmail", () => {
  it("with the log transport marks the email sent", async () => {
    const { id } = await enqueueEmail(message);
    expect(await deliverEmail(id, logTransport())).toBe("sent");
    const row = await db.outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("sent");
    expect(row.attempts).toBe(1);
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(await deliverEmail(id, logTransport())).toBe("skipped");
  });

  it("records a failed SMTP delivery: attempts go up, the error is kept", async () => {
    const { id } = await enqueueEmail(message);
    expect(await deliverEmail(id, deadSmtp())).toBe("failed");
    const row = await db.outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("failed");
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
  });

  it("sends an email once even when two deliveries race", async () => {
    const { id } = await enqueueEmail(message);
    const transport = countingTransport();
    const outcomes = await Promise.all([deliverEmail(id, transport), deliverEmail(id, transport)]);
    expect(outcomes.sort()).toEqual(["sent", "skipped"]);
    expect(transport.sent).toHaveLength(1);
  });
});

describe("deliverDueEmails (the sweeper)", () => {
  it("retries a failed email after its back-off and stops after MAX_ATTEMPTS", async () => {
    await db.outboxEmail.deleteMany();
    const { id } = await enqueueEmail(message);
    const created = (await db.outboxEmail.findUniqueOrThrow({ where: { id } })).createdAt;

    expect(await deliverDueEmails(created, deadSmtp())).toEqual({ sent: 0, failed: 1 });
    // Not due yet: one minute after creation, the first retry waits two.
    expect(await deliverDueEmails(new Date(created.getTime() + 60_000), deadSmtp())).toEqual({ sent: 0, failed: 0 });

    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt += 1) {
      const due = nextAttemptAt(created, attempt);
      expect(await deliverDueEmails(due, deadSmtp())).toEqual({ sent: 0, failed: 1 });
    }
    const row = await db.outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(row.attempts).toBe(MAX_ATTEMPTS);
    expect(await deliverDueEmails(new Date(created.getTime() + 24 * 3600_000), logTransport())).toEqual({
      sent: 0,
      failed: 0,
    });
  });

  it("delivers a failed email once it is due and the transport works again", async () => {
    await db.outboxEmail.deleteMany();
    const { id } = await enqueueEmail(message);
    await deliverEmail(id, deadSmtp());
    const created = (await db.outboxEmail.findUniqueOrThrow({ where: { id } })).createdAt;
    expect(await deliverDueEmails(nextAttemptAt(created, 1), logTransport())).toEqual({ sent: 1, failed: 0 });
    const row = await db.outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "sent", attempts: 2, lastError: null });
  });
});

describe("templates", () => {
  it("write the reset email in the recipient's language, with the link in text and HTML", () => {
    const url = "https://tadrib.example/reset-password/abc";
    const ar = passwordResetEmail({ locale: "ar", name: "سلمى", url });
    expect(ar.subject).toMatch(/[\u0600-\u06FF]/);
    expect(ar.text).toContain(url);
    expect(ar.text).toContain("سلمى");
    expect(ar.html).toContain('dir="rtl"');
    expect(ar.html).toContain(`href="${url}"`);
    const fr = passwordResetEmail({ locale: "fr", name: "<Salma>", url });
    expect(fr.subject).toContain("mot de passe");
    expect(fr.html).not.toContain("<Salma>");
  });
});
