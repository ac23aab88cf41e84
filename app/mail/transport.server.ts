import nodemailer from "nodemailer";
import { env, mailTransport } from "~/config/env.server";
import { log } from "../../server/log";

export type Attachment = { filename: string; contentType: string; content: Uint8Array };
export type OutgoingEmail = { to: string; subject: string; text: string; html?: string | null; attachments?: Attachment[] };

/** Something that delivers one email or throws; the outbox records the outcome. */
export interface MailTransport {
  readonly name: "log" | "smtp";
  send(mail: OutgoingEmail): Promise<void>;
}

/**
 * Development and tests: the mail is "sent" by writing one JSON line (to,
 * subject, text) to the server log; /dev/mail shows it with clickable links.
 */
export function logTransport(): MailTransport {
  return {
    name: "log",
    async send(mail) {
      log.info({
        msg: "mail",
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.attachments?.length ? { attachments: mail.attachments.map((a) => ({ filename: a.filename, bytes: a.content.byteLength })) } : {}),
      });
    },
  };
}

/** Production: SMTP through nodemailer. Short timeouts so a dead server cannot pin a delivery for minutes. */
export function smtpTransport(url: string, from = env.MAIL_FROM): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    name: "smtp",
    async send(mail) {
      await transporter.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        ...(mail.attachments?.length
          ? { attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content) })) }
          : {}),
      });
    },
  };
}

let configured: MailTransport | undefined;

/** The transport MAIL_TRANSPORT chooses ("log" unless SMTP is configured in production). */
export function transportFromEnv(): MailTransport {
  if (!configured) {
    if (mailTransport() === "smtp") {
      if (!env.SMTP_URL) throw new Error("MAIL_TRANSPORT=smtp needs SMTP_URL");
      configured = smtpTransport(env.SMTP_URL);
    } else {
      configured = logTransport();
    }
  }
  return configured;
}
