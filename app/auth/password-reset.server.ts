import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { db } from "~/db/client.server";
import { appUrl } from "~/http/app-url.server";
import { consumeRateLimit } from "~/http/rate-limit.server";
import { runInBackground } from "~/jobs/background.server";
import { deliverSoon, enqueueEmail } from "~/mail/outbox.server";
import { passwordChangedEmail, passwordResetEmail } from "~/mail/templates.server";
import { hashPassword, passwordMatchesEmail } from "./password.server";
import { startSession } from "./accounts.server";
import { forgetAccountThrottle } from "./login-throttle.server";

/**
 * Forgotten password by a one-time emailed link. The link carries 32 random
 * bytes; only their SHA-256 is stored, so the table alone cannot be used to
 * take over accounts. A link works once, for one hour.
 */
export const RESET_TOKEN_TTL_MS = 60 * 60_000;

export const RESET_LIMITS = {
  ip: { limit: 10, windowMs: 60 * 60_000 },
  email: { limit: 3, windowMs: 60 * 60_000 },
} as const;

export const resetIpKey = (ip: string) => `reset:ip:${ip}`;
export const resetEmailKey = (email: string) => `reset:email:${email.trim().toLowerCase()}`;

export function generateResetToken(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function resetTokenId(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export type ResetRequestResult = { ok: true } | { ok: false; error: "tooManyAttempts"; retryAfterMs: number };

/** A new one-time reset link for the user (valid RESET_TOKEN_TTL_MS); only the token's hash is stored. */
export async function createResetLink(userId: string, now = new Date()): Promise<string> {
  const token = generateResetToken();
  await db.passwordResetToken.create({
    data: { id: resetTokenId(token), userId, expiresAt: new Date(now.getTime() + RESET_TOKEN_TTL_MS) },
  });
  return appUrl(`/reset-password/${token}`);
}

/**
 * Emails a reset link when the address belongs to an account, and answers the
 * same either way: the limits apply to every address, and the lookup and the
 * mail happen after the answer (runInBackground), so neither the message nor
 * the time it takes tells who is registered.
 */
export async function requestPasswordReset(email: string, options: { ip: string; now?: Date }): Promise<ResetRequestResult> {
  const now = options.now ?? new Date();
  const { ip, email: perEmail } = RESET_LIMITS;
  const byIp = await consumeRateLimit(resetIpKey(options.ip), ip.limit, ip.windowMs, now);
  if (!byIp.allowed) return { ok: false, error: "tooManyAttempts", retryAfterMs: byIp.retryAfterMs };
  const byEmail = await consumeRateLimit(resetEmailKey(email), perEmail.limit, perEmail.windowMs, now);
  if (!byEmail.allowed) return { ok: false, error: "tooManyAttempts", retryAfterMs: byEmail.retryAfterMs };
  runInBackground("password reset", () => sendResetLink(email, now));
  return { ok: true };
}

async function sendResetLink(email: string, now: Date): Promise<void> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, locale: true, deletedAt: true } });
  if (!user || user.deletedAt) return;
  const url = await createResetLink(user.id, now);
  await enqueueEmail({ to: email, ...passwordResetEmail({ locale: user.locale, name: user.name, url }) });
}

/** Whether a reset link can still be used (the page shows the form or explains why not). */
export async function isResetTokenUsable(token: string, now = new Date()): Promise<boolean> {
  const row = await db.passwordResetToken.findUnique({ where: { id: resetTokenId(token) } });
  return Boolean(row && !row.usedAt && row.expiresAt > now);
}

export type ResetResult =
  | { ok: true; userId: string; cookie: string }
  | { ok: false; error: "invalidToken" }
  | { ok: false; field: "password"; error: "auth.errors.passwordIsEmail" };

class TokenAlreadyUsed extends Error {}

/**
 * Sets the new password through a reset link. Claiming the token (marking it
 * used only if it is still unused and unexpired) is the transaction's first
 * write, so two submissions of the same link cannot both succeed. Every
 * session of the user ends (whoever had the old password is logged out) and
 * this browser gets a fresh one.
 */
export async function resetPassword(
  token: string,
  newPassword: string,
  options: { resetUrl: string; now?: Date }
): Promise<ResetResult> {
  const now = options.now ?? new Date();
  const id = resetTokenId(token);
  const row = await db.passwordResetToken.findUnique({
    where: { id },
    select: { usedAt: true, expiresAt: true, user: { select: { id: true, email: true, name: true, locale: true } } },
  });
  if (!row || row.usedAt || row.expiresAt <= now) return { ok: false, error: "invalidToken" };
  const { user } = row;
  if (passwordMatchesEmail(newPassword, user.email)) {
    return { ok: false, field: "password", error: "auth.errors.passwordIsEmail" };
  }
  const hash = await hashPassword(newPassword);
  const mail = passwordChangedEmail({ locale: user.locale, name: user.name, resetUrl: options.resetUrl });
  let emailId: string | null;
  try {
    emailId = await db.$transaction(async (tx) => {
      const claim = await tx.passwordResetToken.updateMany({
        where: { id, usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (claim.count !== 1) throw new TokenAlreadyUsed();
      // Other links sent earlier die with this one.
      await tx.passwordResetToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: now } });
      await tx.password.upsert({ where: { userId: user.id }, create: { userId: user.id, hash }, update: { hash } });
      await tx.authSession.deleteMany({ where: { userId: user.id } });
      return user.email ? (await enqueueEmail({ to: user.email, ...mail }, { tx })).id : null;
    });
  } catch (error) {
    if (error instanceof TokenAlreadyUsed) return { ok: false, error: "invalidToken" };
    throw error;
  }
  if (emailId) deliverSoon(emailId);
  // Proving control of the mailbox lifts the waits that forgotten-password guesses caused.
  if (user.email) await forgetAccountThrottle(user.email);
  return { ok: true, userId: user.id, cookie: await startSession(user.id) };
}
