import { db } from "~/db/client.server";
import { consumeRateLimit, resetRateLimit } from "~/http/rate-limit.server";
import type { Locale } from "~/i18n/locales";
import { deliverSoon, enqueueEmail } from "~/mail/outbox.server";
import { passwordChangedEmail } from "~/mail/templates.server";
import type { ChangePasswordInput, LoginInput, ProfileInput } from "./forms";
import { hashPassword, passwordMatchesEmail, verifyPassword, verifyPasswordOrDummy } from "./password.server";
import { closeLoginAttempt, openLoginAttempt, rememberDevice } from "./login-throttle.server";
import { createAuthSession, invalidateSession, sessionCookie, type Role } from "./session.server";

/** Starts a login session for the user and returns the Set-Cookie header that carries it. */
export async function startSession(userId: string): Promise<string> {
  const { token, session } = await createAuthSession(userId);
  return sessionCookie(token, session.expiresAt);
}

export type LoginResult =
  | { ok: true; userId: string; role: Role; cookies: string[] }
  | { ok: false; error: "invalidCredentials" }
  | { ok: false; error: "tooManyAttempts"; retryAfterMs: number };

/**
 * Checks credentials, throttled by app/auth/login-throttle.server.ts.
 * Unknown email and wrong password give the same answer after the same work
 * (a dummy argon2 verification), and the throttle counts attempts on unknown
 * accounts too, so neither the message, the timing nor the waits tell an
 * attacker which emails exist. A success also remembers the browser, which
 * keeps the owner's way in open while others are slowed down.
 */
export async function logIn(input: LoginInput, client: { ip: string; deviceId: string | null }, now = new Date()): Promise<LoginResult> {
  const user = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true, role: true, password: { select: { hash: true } } },
  });
  const attempt = { email: input.email, ip: client.ip, deviceId: client.deviceId, userId: user?.id ?? null, now };
  const gate = await openLoginAttempt(attempt);
  if (!gate.allowed) return { ok: false, error: "tooManyAttempts", retryAfterMs: gate.retryAfterMs };
  const valid = await verifyPasswordOrDummy(user?.password?.hash, input.password);
  await closeLoginAttempt(attempt, gate, Boolean(user && valid));
  if (!user || !valid) return { ok: false, error: "invalidCredentials" };
  const device = await rememberDevice(user.id, client.deviceId, now);
  return { ok: true, userId: user.id, role: user.role as Role, cookies: [await startSession(user.id), device] };
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
    // Everyone who logs in has an address (it is the login); the check is for the type.
    return user.email ? (await enqueueEmail({ to: user.email, ...mail }, { tx })).id : null;
  });
  if (emailId) deliverSoon(emailId);
  return { ok: true, cookie: await startSession(userId) };
}
