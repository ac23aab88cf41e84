import type { AppLoadContext } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { action as accountAction } from "~/routes/account";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { action as signupAction } from "~/routes/signup";
import { consumeRateLimit } from "~/http/rate-limit.server";
import { LOGIN_LIMITS, SIGNUP_LIMIT, signupIpKey } from "./accounts.server";
import { hashPassword } from "./password.server";
import { createAuthSession, validateSessionToken } from "./session.server";

/**
 * The auth routes' actions called as Remix calls them, with a form-encoded
 * Request, to check validation, redirects, cookies and that responses never
 * tell registered and unknown emails apart.
 */
type Action = (args: { request: Request; context: AppLoadContext; params: Record<string, string> }) => Promise<unknown>;

type Outcome = { status: number; body: Record<string, unknown> | null; headers: Headers };

async function post(
  handler: Action,
  path: string,
  fields: Record<string, string>,
  options: { ip?: string; cookie?: string } = {},
): Promise<Outcome> {
  const request = new Request(`http://localhost${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: options.cookie ? { cookie: options.cookie } : {},
  });
  let result: unknown;
  try {
    result = await handler({ request, context: { clientIp: options.ip ?? "203.0.113.7" }, params: {} });
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) return { status: result.status, body: null, headers: result.headers };
  const wrapped = result as { data?: unknown; init?: ResponseInit | null; type?: string };
  if (wrapped?.type === "DataWithResponseInit") {
    return {
      status: wrapped.init?.status ?? 200,
      body: wrapped.data as Record<string, unknown>,
      headers: new Headers(wrapped.init?.headers),
    };
  }
  return { status: 200, body: result as Record<string, unknown>, headers: new Headers() };
}

const uniqueEmail = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}@example.ma`;
const sessionTokenIn = (headers: Headers) =>
  headers
    .getSetCookie()
    .map((c) => /^tadrib_session=([^;]*)/.exec(c)?.[1])
    .find((v) => v !== undefined);

async function createUser(email: string, password: string) {
  return db.user.create({
    data: { email, name: "Hind", locale: "fr", password: { create: { hash: await hashPassword(password) } } },
  });
}

/** What a form result shows to the user: form-level errors and the values put back in the fields. */
function shown(body: Record<string, unknown> | null) {
  const result = body?.result as { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
  return { errors: result?.error ?? {}, values: result?.initialValue ?? {} };
}

describe("/signup", () => {
  it("rejects invalid input with translated keys, keeps what was typed, never echoes the password", async () => {
    const out = await post(signupAction, "/signup", {
      name: "Hind",
      email: "not-an-email",
      password: "short",
      locale: "ar",
    });
    expect(out.status).toBe(400);
    const { errors, values } = shown(out.body);
    expect(errors.email).toEqual(["auth.errors.emailInvalid"]);
    expect(errors.password).toEqual(["auth.errors.passwordTooShort"]);
    expect(errors.consent).toEqual(["auth.errors.consentRequired"]);
    expect(values).toMatchObject({ name: "Hind", email: "not-an-email", locale: "ar" });
    expect(values).not.toHaveProperty("password");
    expect(await db.user.count({ where: { name: "Hind", email: "not-an-email" } })).toBe(0);
  });

  it("creates a learner with consent, a session cookie and the chosen language, then redirects", async () => {
    const email = uniqueEmail("New.User");
    const out = await post(signupAction, "/signup", {
      name: "  Nouhaila  ",
      email: `  ${email.toUpperCase()} `,
      password: "a long enough passphrase",
      locale: "ar",
      consent: "on",
      redirectTo: "/courses/first-steps",
    });
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/courses/first-steps");
    const user = await db.user.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
    expect(user).toMatchObject({ name: "Nouhaila", role: "learner", locale: "ar" });
    expect(user.consentedAt).toBeInstanceOf(Date);
    const token = sessionTokenIn(out.headers);
    expect((await validateSessionToken(token!))?.user.id).toBe(user.id);
    expect(out.headers.getSetCookie().some((c) => c.startsWith("lang=ar"))).toBe(true);
  });

  it("refuses an off-site redirect", async () => {
    const out = await post(signupAction, "/signup", {
      name: "Ali",
      email: uniqueEmail("ali"),
      password: "a long enough passphrase",
      locale: "fr",
      consent: "on",
      redirectTo: "//evil.example/phish",
    });
    expect(out.headers.get("location")).toBe("/courses?notice=welcome");
  });

  it("answers an already registered email with a generic message and changes nothing", async () => {
    const email = uniqueEmail("taken");
    const existing = await createUser(email, "the real password");
    const out = await post(signupAction, "/signup", {
      name: "Intruder",
      email,
      password: "another passphrase",
      locale: "fr",
      consent: "on",
    });
    expect(out.status).toBe(400);
    expect(shown(out.body).errors[""]).toEqual(["auth.signup.emailUnavailable"]);
    expect(out.headers.getSetCookie()).toEqual([]);
    expect((await db.user.findUniqueOrThrow({ where: { id: existing.id } })).name).toBe("Hind");
  });

  it("stops account creation from one IP past the hourly limit, keeping what was typed, creating nothing", async () => {
    const ip = "198.51.100.23";
    for (let i = 0; i < SIGNUP_LIMIT.limit; i++) {
      await consumeRateLimit(signupIpKey(ip), SIGNUP_LIMIT.limit, SIGNUP_LIMIT.windowMs);
    }
    const email = uniqueEmail("flood");
    const fields = { name: "Flood", email, password: "a long enough passphrase", locale: "fr", consent: "on" };
    const out = await post(signupAction, "/signup", fields, { ip });
    expect(out.status).toBe(429);
    expect(shown(out.body).errors[""]).toEqual(["auth.errors.tooManyAttempts"]);
    expect(shown(out.body).values).toMatchObject({ name: "Flood", email });
    expect(shown(out.body).values).not.toHaveProperty("password");
    expect(out.body?.retryAfterMinutes).toBeGreaterThan(0);
    expect(await db.user.count({ where: { email } })).toBe(0);

    const elsewhere = await post(signupAction, "/signup", fields, { ip: "198.51.100.24" });
    expect(elsewhere.status).toBe(302);
  });
});

describe("/login", () => {
  it("logs in, sets the session cookie and follows a same-site redirectTo", async () => {
    const email = uniqueEmail("login");
    const user = await createUser(email, "correct passphrase");
    const out = await post(loginAction, "/login", {
      email: email.toUpperCase(),
      password: "correct passphrase",
      redirectTo: "/me",
    });
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/me");
    expect((await validateSessionToken(sessionTokenIn(out.headers)!))?.user.id).toBe(user.id);
  });

  it("gives the same answer for an unknown email and a wrong password", async () => {
    const email = uniqueEmail("known");
    await createUser(email, "correct passphrase");
    const wrong = await post(loginAction, "/login", { email, password: "wrong passphrase" }, { ip: "198.51.100.1" });
    const unknown = await post(
      loginAction,
      "/login",
      { email: uniqueEmail("unknown"), password: "wrong passphrase" },
      { ip: "198.51.100.2" },
    );
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(wrong.status);
    expect(shown(wrong.body).errors).toEqual({ "": ["auth.errors.invalidCredentials"] });
    expect(shown(unknown.body).errors).toEqual(shown(wrong.body).errors);
    expect(shown(wrong.body).values).not.toHaveProperty("password");
  });

  it("locks an account key after 5 failures, for known and unknown emails alike, even with the right password", async () => {
    const known = uniqueEmail("locked");
    await createUser(known, "correct passphrase");
    for (const email of [known, uniqueEmail("nobody")]) {
      for (let i = 0; i < LOGIN_LIMITS.account.limit; i += 1) {
        const out = await post(loginAction, "/login", { email, password: "wrong passphrase" }, { ip: `192.0.2.${i}` });
        expect(out.status).toBe(400);
      }
      const out = await post(loginAction, "/login", { email, password: "correct passphrase" }, { ip: "192.0.2.99" });
      expect(out.status).toBe(429);
      expect(shown(out.body).errors).toEqual({ "": ["auth.errors.tooManyAttempts"] });
      expect(out.body?.retryAfterMinutes).toBe(15);
    }
  });

  it("resets the account counter after a successful login", async () => {
    const email = uniqueEmail("reset-counter");
    await createUser(email, "correct passphrase");
    for (let i = 0; i < LOGIN_LIMITS.account.limit - 1; i += 1) {
      await post(loginAction, "/login", { email, password: "wrong passphrase" }, { ip: "192.0.2.200" });
    }
    expect((await post(loginAction, "/login", { email, password: "correct passphrase" })).status).toBe(302);
    for (let i = 0; i < LOGIN_LIMITS.account.limit - 1; i += 1) {
      expect((await post(loginAction, "/login", { email, password: "wrong passphrase" })).status).toBe(400);
    }
    expect((await post(loginAction, "/login", { email, password: "correct passphrase" })).status).toBe(302);
  });

  it("blocks an IP after 20 failures across emails, whatever email it tries next", async () => {
    const ip = "198.51.100.250";
    for (let i = 0; i < LOGIN_LIMITS.ip.limit; i += 1) {
      await post(loginAction, "/login", { email: uniqueEmail(`spray${i}`), password: "guess guess" }, { ip });
    }
    const email = uniqueEmail("victim");
    await createUser(email, "correct passphrase");
    const out = await post(loginAction, "/login", { email, password: "correct passphrase" }, { ip });
    expect(out.status).toBe(429);
    // Another address is not affected.
    expect((await post(loginAction, "/login", { email, password: "correct passphrase" })).status).toBe(302);
  });
});

describe("/forgot-password", () => {
  it("answers registered and unknown emails identically, and emails only the registered one", async () => {
    const email = uniqueEmail("forgot");
    await createUser(email, "correct passphrase");
    const ghost = uniqueEmail("ghost");
    const registered = await post(forgotAction, "/forgot-password", { email }, { ip: "203.0.113.50" });
    const unknown = await post(forgotAction, "/forgot-password", { email: ghost }, { ip: "203.0.113.51" });
    expect(registered.status).toBe(unknown.status);
    expect(registered.body?.sentTo).toBe(email);
    expect(unknown.body?.sentTo).toBe(ghost);
    expect(Object.keys(registered.body ?? {}).sort()).toEqual(Object.keys(unknown.body ?? {}).sort());
    expect(await db.outboxEmail.count({ where: { to: email } })).toBe(1);
    expect(await db.outboxEmail.count({ where: { to: ghost } })).toBe(0);
    const mail = await db.outboxEmail.findFirstOrThrow({ where: { to: email } });
    expect(mail.text).toMatch(/http:\/\/localhost\/reset-password\/[a-z2-7]{52}/);
  });
});

describe("/logout and /account", () => {
  it("logout deletes the session and clears the cookie", async () => {
    const user = await createUser(uniqueEmail("bye"), "correct passphrase");
    const { token } = await createAuthSession(user.id);
    const out = await post(logoutAction, "/logout", {}, { cookie: `tadrib_session=${token}` });
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/");
    expect(out.headers.get("set-cookie")).toContain("Max-Age=0");
    expect(await validateSessionToken(token)).toBeNull();
  });

  it("changing the password needs the current one, then ends the other sessions and renews this one", async () => {
    const user = await createUser(uniqueEmail("change"), "current passphrase");
    const here = await createAuthSession(user.id);
    const elsewhere = await createAuthSession(user.id);
    const cookie = `tadrib_session=${here.token}`;
    const fields = { intent: "password", newPassword: "a fresh passphrase", confirmPassword: "a fresh passphrase" };

    const wrong = await post(accountAction, "/account", { ...fields, currentPassword: "not it at all" }, { cookie });
    expect(wrong.status).toBe(400);
    expect(shown(wrong.body).errors.currentPassword).toEqual(["auth.errors.currentPasswordWrong"]);
    expect(await validateSessionToken(elsewhere.token)).not.toBeNull();

    const ok = await post(accountAction, "/account", { ...fields, currentPassword: "current passphrase" }, { cookie });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("/account?notice=password-changed");
    expect(await validateSessionToken(elsewhere.token)).toBeNull();
    expect(await validateSessionToken(here.token)).toBeNull();
    expect((await validateSessionToken(sessionTokenIn(ok.headers)!))?.user.id).toBe(user.id);
  });

  it("updates name and preferred language", async () => {
    const user = await createUser(uniqueEmail("profile"), "current passphrase");
    const { token } = await createAuthSession(user.id);
    const out = await post(
      accountAction,
      "/account",
      { intent: "profile", name: "Hind El Amrani", locale: "en" },
      { cookie: `tadrib_session=${token}` },
    );
    expect(out.status).toBe(302);
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      name: "Hind El Amrani",
      locale: "en",
    });
  });

  it("sends anonymous visitors to the login page", async () => {
    const out = await post(accountAction, "/account", { intent: "profile", name: "X", locale: "fr" });
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/login?redirectTo=%2Faccount");
  });
});
