import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { db } from "~/db/client.server";
import { Prisma } from "~/db/generated/client";
import { appUrl } from "~/http/app-url.server";
import { consumeRateLimit } from "~/http/rate-limit.server";
import { safeRedirectOrNull } from "~/http/redirect";
import { runInBackground } from "~/jobs/background.server";
import { deliverSoon, enqueueEmail } from "~/mail/outbox.server";
import { signupConfirmEmail, signupExistingAccountEmail } from "~/mail/templates.server";
import { startSession } from "./accounts.server";
import type { SignupInput } from "./forms";
import { hashPassword } from "./password.server";
import { createResetLink } from "./password-reset.server";

/**
 * Sign-up confirmed by email. The form always gets the same answer ("check
 * your inbox") after the same work; what happens next is decided after the
 * answer, in the background:
 * - a new address gets a link that creates the account when used (nothing
 *   exists until then, so an unconfirmed sign-up blocks nobody);
 * - an address that already has an account gets an email saying someone
 *   tried, with a way in for its owner (log in, or a password link — the
 *   way for a person known from an import, who has no password yet).
 */
export const CONFIRMATION_TTL_MS = 24 * 60 * 60_000;

/**
 * Accounts asked for per client IP. Generous, because a workshop room of
 * thirty trainees often shares one public address; low enough to stop a
 * script filling the outbox. Per address, a few mails an hour at most, so
 * the form cannot be used to flood someone's inbox.
 */
export const SIGNUP_LIMIT = { limit: 50, windowMs: 60 * 60_000 } as const;
export const SIGNUP_EMAIL_LIMIT = { limit: 3, windowMs: 60 * 60_000 } as const;
export const signupIpKey = (ip: string) => `signup:ip:${ip}`;
export const signupEmailKey = (email: string) => `signup:email:${email.trim().toLowerCase()}`;

export type SignupResult = { ok: true } | { ok: false; error: "tooManyAttempts"; retryAfterMs: number };

export function confirmationTokenId(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

function newToken(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export async function signUp(input: SignupInput, ip: string, now = new Date()): Promise<SignupResult> {
  const byIp = await consumeRateLimit(signupIpKey(ip), SIGNUP_LIMIT.limit, SIGNUP_LIMIT.windowMs, now);
  if (!byIp.allowed) return { ok: false, error: "tooManyAttempts", retryAfterMs: byIp.retryAfterMs };
  // Hashed for every request, whatever follows: the answer costs the same for every address.
  const passwordHash = await hashPassword(input.password);
  runInBackground("sign-up", () => followUpSignup(input, passwordHash, now));
  return { ok: true };
}

async function followUpSignup(input: SignupInput, passwordHash: string, now: Date): Promise<void> {
  const perEmail = await consumeRateLimit(signupEmailKey(input.email), SIGNUP_EMAIL_LIMIT.limit, SIGNUP_EMAIL_LIMIT.windowMs, now);
  if (!perEmail.allowed) return;
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true, name: true, locale: true } });
  if (existing) {
    const resetUrl = await createResetLink(existing.id, now);
    const mail = signupExistingAccountEmail({ locale: existing.locale, name: existing.name, loginUrl: appUrl("/login"), resetUrl });
    await enqueueEmail({ to: input.email, ...mail });
    return;
  }
  const token = newToken();
  const mail = signupConfirmEmail({ locale: input.locale, name: input.name, url: appUrl(`/confirm-email/${token}`) });
  const emailId = await db.$transaction(async (tx) => {
    await tx.emailConfirmation.create({
      data: {
        id: confirmationTokenId(token),
        email: input.email,
        name: input.name,
        locale: input.locale,
        passwordHash,
        consentedAt: now,
        redirectTo: safeRedirectOrNull(input.redirectTo),
        expiresAt: new Date(now.getTime() + CONFIRMATION_TTL_MS),
      },
    });
    return (await enqueueEmail({ to: input.email, ...mail }, { tx })).id;
  });
  deliverSoon(emailId);
}

export type PendingConfirmation = { email: string; name: string } | null;

/** The sign-up behind a link, while it can still be used (the page then offers to confirm it). */
export async function pendingConfirmation(token: string, now = new Date()): Promise<PendingConfirmation> {
  const row = await db.emailConfirmation.findUnique({ where: { id: confirmationTokenId(token) } });
  if (!row || row.usedAt || row.expiresAt <= now) return null;
  return { email: row.email, name: row.name };
}

export type ConfirmResult =
  | { ok: true; userId: string; cookie: string; locale: string; redirectTo: string | null }
  | { ok: false; error: "invalidToken" | "alreadyRegistered" };

class LinkAlreadyUsed extends Error {}

/**
 * Creates the account of a confirmed sign-up, once: the link is claimed in
 * the same transaction, and an address that got an account meanwhile (the
 * same person confirming twice, two sign-ups) is told to log in instead.
 */
export async function confirmSignup(token: string, now = new Date()): Promise<ConfirmResult> {
  const id = confirmationTokenId(token);
  try {
    const created = await db.$transaction(async (tx) => {
      const row = await tx.emailConfirmation.findUnique({ where: { id } });
      if (!row || row.usedAt || row.expiresAt <= now) throw new LinkAlreadyUsed();
      const claim = await tx.emailConfirmation.updateMany({ where: { id, usedAt: null }, data: { usedAt: now } });
      if (claim.count !== 1) throw new LinkAlreadyUsed();
      // Other pending sign-ups for the address die with this one.
      await tx.emailConfirmation.updateMany({ where: { email: row.email, usedAt: null }, data: { usedAt: now } });
      const user = await tx.user.create({
        data: {
          email: row.email,
          name: row.name,
          locale: row.locale,
          role: "learner",
          consentedAt: row.consentedAt,
          password: { create: { hash: row.passwordHash } },
        },
        select: { id: true, locale: true },
      });
      return { user, redirectTo: row.redirectTo };
    });
    return {
      ok: true,
      userId: created.user.id,
      cookie: await startSession(created.user.id),
      locale: created.user.locale,
      redirectTo: created.redirectTo,
    };
  } catch (error) {
    if (error instanceof LinkAlreadyUsed) return { ok: false, error: "invalidToken" };
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      await db.emailConfirmation.updateMany({ where: { id }, data: { usedAt: now } });
      return { ok: false, error: "alreadyRegistered" };
    }
    throw error;
  }
}
