import { db } from "~/db/client.server";
import type { Organisation } from "~/db/generated/client";
import { appUrl } from "~/http/app-url.server";
import { consumeRateLimit } from "~/http/rate-limit.server";
import { serverT } from "~/i18n/detect.server";
import { isLocale } from "~/i18n/locales";
import { runInBackground } from "~/jobs/background.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { render, type EmailContent } from "~/mail/templates.server";
import { findPerson } from "~/people/people.server";

/**
 * A manager brings a colleague into their organisation by inviting them: the
 * person gets an email with a link to their profile, where the organisation
 * is chosen for them, and joins by saving it. Until they do, the manager sees
 * nothing of them. Adding people directly would let a manager read the
 * training of anyone whose address they know; and the answer is the same
 * whether or not the address has an account (the lookup and the email
 * happen after the answer), so the form cannot be used to find out who is
 * registered.
 */
export const INVITE_LIMIT = { limit: 20, windowMs: 60 * 60_000 } as const;
export const inviteKey = (managerId: string) => `org-invite:${managerId}`;

/** The profile page with the organisation chosen: what the email links to. */
export function joinPath(organisationId: string): string {
  return `/account/profile?join=${encodeURIComponent(organisationId)}`;
}

export function invitationEmail(input: { locale: string; name: string; organisation: string; inviter: string; url: string }): EmailContent {
  const locale = isLocale(input.locale) ? input.locale : "fr";
  const t = serverT(locale);
  return render(locale, t("organisations.invitation.subject", { organisation: input.organisation }), [
    { kind: "p", text: t("mail.greeting", { name: input.name }) },
    { kind: "p", text: t("organisations.invitation.intro", { inviter: input.inviter, organisation: input.organisation }) },
    { kind: "link", label: t("organisations.invitation.action"), url: input.url },
    { kind: "p", text: t("organisations.invitation.visibility") },
    { kind: "p", text: t("organisations.invitation.ignore") },
    { kind: "p", text: t("mail.signature") },
  ]);
}

async function sendInvitation(organisation: Organisation, inviter: string, email: string): Promise<void> {
  const person = await findPerson({ email });
  if (!person?.email) return;
  const already = await db.membership.count({ where: { userId: person.id, organisationId: organisation.id, endedAt: null } });
  if (already) return;
  const mail = invitationEmail({ locale: person.locale, name: person.name, organisation: organisation.name, inviter, url: appUrl(joinPath(organisation.id)) });
  await enqueueEmail({ to: person.email, ...mail });
}

export type InviteResult = { ok: true } | { ok: false; retryAfterMs: number };

export async function inviteToOrganisation(
  organisation: Organisation,
  manager: { id: string; name: string },
  email: string,
  now = new Date(),
): Promise<InviteResult> {
  const limited = await consumeRateLimit(inviteKey(manager.id), INVITE_LIMIT.limit, INVITE_LIMIT.windowMs, now);
  if (!limited.allowed) return { ok: false, retryAfterMs: limited.retryAfterMs };
  runInBackground("organisation invitation", () => sendInvitation(organisation, manager.name, email));
  return { ok: true };
}
