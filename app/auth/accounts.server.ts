import { db } from "~/db/client.server";
import { Prisma } from "~/db/generated/client";
import { consumeRateLimit, peekRateLimit, resetRateLimit } from "~/http/rate-limit.server";
import type { Locale } from "~/i18n/locales";
import { deliverSoon, enqueueEmail } from "~/mail/outbox.server";
import { passwordChangedEmail } from "~/mail/templates.server";
import type { ChangePasswordInput, LoginInput, ProfileInput, SignupInput } from "./forms";
import { hashPassword, passwordMatchesEmail, verifyPassword, verifyPasswordOrDummy } from "./password.server";
import { createAuthSession, invalidateSession, sessionCookie } from "./session.server";

/** Starts a login session for the user and returns the Set-Cookie header that carries it. */
export async function startSession(userId: string): Promise<string> {
  const { token, session } = await createAuthSession(userId);
  return sessionCookie(token, session.expiresAt);
}

export type SignupResult =
  | { ok: true; userId: string; cookie: string }
  | { ok: false; error: "emailUnavailable" }
  | { ok: false; error: "tooManyAttempts"; retryAfterMs: number };

/**
 * Accounts created per client IP. Generous, because a workshop room of
 * thirty trainees often shares one public address; low enough to stop a
 * script filling the user table.
 */
export const SIGNUP_LIMIT = { limit: 50, windowMs: 60 * 60_000 } as const;
export const signupIpKey = (ip: string) => `signup:ip:${ip}`;

/**
 * Creates a learner account. The password is hashed before the email is
 * checked, so "already registered" costs the same time as success and the
 * answer does not single out registered addresses by timing.
 */
export async function signUp(input: SignupInput, ip: string, now = new Date()): Promise<SignupResult> {
  const byIp = await consumeRateLimit(signupIpKey(ip), SIGNUP_LIMIT.limit, SIGNUP_LIMIT.windowMs, now);
  if (!byIp.allowed) return { ok: false, error: "tooManyAttempts", retryAfterMs: byIp.retryAfterMs };
  const hash = await hashPassword(input.password);
  try {
    const user = await db.user.create({
      data: {
        name: input.name,
        email: input.email,
        locale: input.locale,
        role: "learner",
        consentedAt: now,
        password: { create: { hash } },
      },
      select: { id: true },
    });
    return { ok: true, userId: user.id, cookie: await startSession(user.id) };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, error: "emailUnavailable" };
    }
    throw error;
  }
}

/**
 * Login limits. Per client IP, only failures count: a training room behind
 * one public address must be able to log thirty people in at once. Per
 * account key, every attempt since the last success counts, consumed before
 * the password is checked so parallel guesses cannot slip past the limit.
 */
export const LOGIN_LIMITS = {
  ip: { limit: 20, windowMs: 15 * 60_000 },
  account: { limit: 5, windowMs: 15 * 60_000 },
} as const;

export const loginIpKey = (ip: string) => `login:ip:${ip}`;
export const loginAccountKey = (email: string) => `login:account:${email.trim().toLowerCase()}`;

export type LoginResult =
  | { ok: true; userId: string; cookie: string }
  | { ok: false; error: "invalidCredentials" }
  | { ok: false; error: "tooManyAttempts"; retryAfterMs: number };

/**
 * Checks credentials. Unknown email and wrong password give the same answer
 * after the same work (a dummy argon2 verification), and the per-account
 * limit counts attempts whether the account exists or not, so neither the
 * message, the timing nor the limit tells an attacker which emails exist.
 */
export async function logIn(input: LoginInput, ip: string): Promise<LoginResult> {
  const byIp = await peekRateLimit(loginIpKey(ip), LOGIN_LIMITS.ip.limit);
  if (!byIp.allowed) return { ok: false, error: "tooManyAttempts", retryAfterMs: byIp.retryAfterMs };
  const byAccount = await consumeRateLimit(
    loginAccountKey(input.email),
    LOGIN_LIMITS.account.limit,
    LOGIN_LIMITS.account.windowMs
  );
  if (!byAccount.allowed) return { ok: false, error: "tooManyAttempts", retryAfterMs: byAccount.retryAfterMs };
  const user = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true, password: { select: { hash: true } } },
  });
  const valid = await verifyPasswordOrDummy(user?.password?.hash, input.password);
  if (!user || !valid) {
    await consumeRateLimit(loginIpKey(ip), LOGIN_LIMITS.ip.limit, LOGIN_LIMITS.ip.windowMs);
    return { ok: false, error: "invalidCredentials" };
  }
  await resetRateLimit(loginAccountKey(input.email));
  return { ok: true, userId: user.id, cookie: await startSession(user.id) };
}

export async function logOut(sessionId: string | undefined): Promise<void> {
  if (sessionId) await invalidateSession(sessionId);
}

export async function updateProfile(userId: string, input: Pick<ProfileInput, "name" | "locale">): Promise<Locale> {
  await db.user.update({ where: { id: userId }, data: { name: input.name, locale: input.locale } });
  return input.locale;
}

export type ChangePasswordResult =
  | { ok: true; cookie: string }
  | { ok: false; field: "currentPassword" | "newPassword"; error: string }
  | { ok: false; error: "tooManyAttempts"; retryAfterMs: number };

/** Someone holding a stolen session must not be able to guess the current password at leisure. */
export const CHANGE_PASSWORD_LIMIT = { limit: 5, windowMs: 15 * 60_000 } as const;
export const changePasswordKey = (userId: string) => `password-change:${userId}`;

/**
 * Changes the password after checking the current one, then logs out every
 * other browser (a stolen session must not survive a password change) and
 * gives this browser a fresh session. The user is told by email.
 */
export async function changePassword(
  userId: string,
  input: Pick<ChangePasswordInput, "currentPassword" | "newPassword">,
  resetUrl: string
): Promise<ChangePasswordResult> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, name: true, locale: true, password: { select: { hash: true } } },
  });
  const limited = await consumeRateLimit(
    changePasswordKey(userId),
    CHANGE_PASSWORD_LIMIT.limit,
    CHANGE_PASSWORD_LIMIT.windowMs
  );
  if (!limited.allowed) return { ok: false, error: "tooManyAttempts", retryAfterMs: limited.retryAfterMs };
  const valid = user.password ? await verifyPassword(user.password.hash, input.currentPassword) : false;
  if (!valid) return { ok: false, field: "currentPassword", error: "auth.errors.currentPasswordWrong" };
  await resetRateLimit(changePasswordKey(userId));
  if (passwordMatchesEmail(input.newPassword, user.email)) {
    return { ok: false, field: "newPassword", error: "auth.errors.passwordIsEmail" };
  }
  const hash = await hashPassword(input.newPassword);
  const mail = passwordChangedEmail({ locale: user.locale, name: user.name, resetUrl });
  const emailId = await db.$transaction(async (tx) => {
    await tx.password.upsert({ where: { userId }, create: { userId, hash }, update: { hash } });
    await tx.authSession.deleteMany({ where: { userId } });
    return (await enqueueEmail({ to: user.email, ...mail }, { tx })).id;
  });
  deliverSoon(emailId);
  return { ok: true, cookie: await startSession(userId) };
}
