import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { appUrl } from "~/http/app-url.server";
import { backgroundSettled } from "~/jobs/background.server";
import { createAuthSession, validateSessionToken } from "./session.server";
import { hashPassword, verifyPassword } from "./password.server";
import {
  isResetTokenUsable,
  RESET_LIMITS,
  RESET_TOKEN_TTL_MS,
  requestPasswordReset,
  resetPassword,
  resetTokenId,
} from "./password-reset.server";

const linkFor = (token: string) => appUrl(`/reset-password/${token}`);
const resetUrl = "https://tadrib.example/forgot-password";
let email: string;
let userId: string;

beforeEach(async () => {
  email = `r-${crypto.randomUUID()}@example.ma`;
  const user = await db.user.create({
    data: { email, name: "Youssef", locale: "ar", password: { create: { hash: await hashPassword("old password 1") } } },
  });
  userId = user.id;
});

const seen = new Set<string>();

/** Asks for a link and returns the token from the new email, as the user would read it. */
async function tokenFromEmail(ip = crypto.randomUUID()): Promise<string> {
  expect(await requestPasswordReset(email, { ip })).toEqual({ ok: true });
  await backgroundSettled();
  const mails = await db.outboxEmail.findMany({ where: { to: email } });
  const tokens = mails.flatMap((m) => [...m.text.matchAll(/reset-password\/([a-z2-7]+)/g)].map((x) => x[1]));
  const fresh = tokens.filter((t) => !seen.has(t));
  expect(fresh).toHaveLength(1);
  seen.add(fresh[0]);
  return fresh[0];
}

describe("requestPasswordReset", () => {
  it("emails a one-hour link in the user's language and stores only the token's SHA-256", async () => {
    const before = Date.now();
    const token = await tokenFromEmail();
    expect(token.length).toBeGreaterThanOrEqual(52); // 32 bytes in base32
    const rows = await db.passwordResetToken.findMany({ where: { userId } });
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(resetTokenId(token));
    expect(rows[0].id).not.toContain(token);
    expect(rows[0].expiresAt.getTime() - before).toBeGreaterThanOrEqual(RESET_TOKEN_TTL_MS - 1000);
    expect(rows[0].expiresAt.getTime() - before).toBeLessThanOrEqual(RESET_TOKEN_TTL_MS + 5000);
    const mail = await db.outboxEmail.findFirstOrThrow({ where: { to: email } });
    expect(mail.subject).toMatch(/[\u0600-\u06FF]/);
    expect(mail.html).toContain(linkFor(token));
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    const ghost = `ghost-${crypto.randomUUID()}@example.ma`;
    expect(await requestPasswordReset(ghost, { ip: "10.0.0.1" })).toEqual({ ok: true });
    await backgroundSettled();
    expect(await db.outboxEmail.count({ where: { to: ghost } })).toBe(0);
  });

  it("answers before the address is even looked up, so the answer takes the same time either way", async () => {
    expect(await requestPasswordReset(email, { ip: crypto.randomUUID() })).toEqual({ ok: true });
    // Nothing that depends on the account exists yet when the answer is given…
    expect(await db.passwordResetToken.count({ where: { userId } })).toBe(0);
    expect(await db.outboxEmail.count({ where: { to: email } })).toBe(0);
    // …and it follows once the background work has run.
    await backgroundSettled();
    expect(await db.passwordResetToken.count({ where: { userId } })).toBe(1);
    expect(await db.outboxEmail.count({ where: { to: email } })).toBe(1);
  });

  it("limits requests per address, whether or not it has an account", async () => {
    const ghost = `ghost-${crypto.randomUUID()}@example.ma`;
    for (const address of [email, ghost]) {
      for (let i = 0; i < RESET_LIMITS.email.limit; i += 1) {
        expect((await requestPasswordReset(address, { ip: crypto.randomUUID() })).ok).toBe(true);
      }
      const refused = await requestPasswordReset(address, { ip: crypto.randomUUID() });
      expect(refused).toMatchObject({ ok: false, error: "tooManyAttempts" });
    }
  });

  it("limits requests per IP across addresses", async () => {
    const ip = `ip-${crypto.randomUUID()}`;
    for (let i = 0; i < RESET_LIMITS.ip.limit; i += 1) {
      await requestPasswordReset(`n${i}-${crypto.randomUUID()}@example.ma`, { ip });
    }
    expect(await requestPasswordReset(email, { ip })).toMatchObject({ ok: false, error: "tooManyAttempts" });
  });
});

describe("resetPassword", () => {
  it("sets the new password, ends every session, and starts a fresh one", async () => {
    const phone = await createAuthSession(userId);
    const laptop = await createAuthSession(userId);
    const token = await tokenFromEmail();

    const result = await resetPassword(token, "brand new passphrase", { resetUrl });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.cookie).toMatch(/^tadrib_session=[a-z2-7]+;/);

    expect(await validateSessionToken(phone.token)).toBeNull();
    expect(await validateSessionToken(laptop.token)).toBeNull();
    const fresh = result.cookie.split(";")[0].split("=")[1];
    expect((await validateSessionToken(fresh))?.user.id).toBe(userId);

    const password = await db.password.findUniqueOrThrow({ where: { userId } });
    expect(await verifyPassword(password.hash, "brand new passphrase")).toBe(true);
    expect(await verifyPassword(password.hash, "old password 1")).toBe(false);
    const changed = await db.outboxEmail.count({ where: { to: email } });
    expect(changed).toBe(2); // the link, then "your password was changed"
  });

  it("works only once", async () => {
    const token = await tokenFromEmail();
    expect((await resetPassword(token, "first new passphrase", { resetUrl })).ok).toBe(true);
    expect(await isResetTokenUsable(token)).toBe(false);
    expect(await resetPassword(token, "second new passphrase", { resetUrl })).toEqual({
      ok: false,
      error: "invalidToken",
    });
    const password = await db.password.findUniqueOrThrow({ where: { userId } });
    expect(await verifyPassword(password.hash, "first new passphrase")).toBe(true);
  });

  it("lets only one of two simultaneous submissions of the same link through", async () => {
    const token = await tokenFromEmail();
    const results = await Promise.all([
      resetPassword(token, "passphrase number one", { resetUrl }),
      resetPassword(token, "passphrase number two", { resetUrl }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("refuses an expired link", async () => {
    const token = await tokenFromEmail();
    const later = new Date(Date.now() + RESET_TOKEN_TTL_MS + 1000);
    expect(await isResetTokenUsable(token, later)).toBe(false);
    expect(await resetPassword(token, "too late passphrase", { resetUrl, now: later })).toEqual({
      ok: false,
      error: "invalidToken",
    });
    const password = await db.password.findUniqueOrThrow({ where: { userId } });
    expect(await verifyPassword(password.hash, "old password 1")).toBe(true);
  });

  it("refuses an unknown token", async () => {
    expect(await isResetTokenUsable("nonsense")).toBe(false);
    expect(await resetPassword("nonsense", "whatever passphrase", { resetUrl })).toEqual({
      ok: false,
      error: "invalidToken",
    });
  });

  it("refuses the email address as password without using up the link", async () => {
    const token = await tokenFromEmail();
    expect(await resetPassword(token, email.toUpperCase(), { resetUrl })).toMatchObject({
      ok: false,
      field: "password",
    });
    expect(await isResetTokenUsable(token)).toBe(true);
  });

  it("kills older links when one is used", async () => {
    const first = await tokenFromEmail();
    const second = await tokenFromEmail();
    expect((await resetPassword(second, "newest passphrase!", { resetUrl })).ok).toBe(true);
    expect(await isResetTokenUsable(first)).toBe(false);
  });
});
