import type { AppLoadContext } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { action as accountAction } from "~/routes/account";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { action as signupAction } from "~/routes/signup";
import { action as confirmAction, loader as confirmLoader } from "~/routes/confirm-email.$token";
import { appOrigin } from "~/http/app-url.server";
import { consumeRateLimit } from "~/http/rate-limit.server";
import { backgroundSettled } from "~/jobs/background.server";
import { THROTTLE } from "./login-throttle.server";
import { hashPassword } from "./password.server";
import { createAuthSession, validateSessionToken } from "./session.server";
import { SIGNUP_EMAIL_LIMIT, SIGNUP_LIMIT, signupIpKey } from "./signup.server";

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
  options: { ip?: string; cookie?: string; params?: Record<string, string> } = {},
): Promise<Outcome> {
  const request = new Request(`http://localhost${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: options.cookie ? { cookie: options.cookie } : {},
  });
  let result: unknown;
  try {
    result = await handler({ request, context: { clientIp: options.ip ?? "203.0.113.7" }, params: options.params ?? {} });
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

type Loader = (args: { request: Request; context: AppLoadContext; params: Record<string, string> }) => Promise<unknown>;

async function get(handler: Loader, path: string, params: Record<string, string>) {
  return handler({ request: new Request(`http://localhost${path}`), context: {}, params });
}

/** The token of the newest sign-up link emailed to `email`, as its reader would find it. */
async function confirmationTokenFor(email: string): Promise<string> {
  const mail = await db.outboxEmail.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: "desc" } });
  const token = /\/confirm-email\/([a-z2-7]+)/.exec(mail.text)?.[1];
  expect(token, mail.text).toBeDefined();
  return token!;
}

const deviceCookieIn = (headers: Headers) =>
  headers
    .getSetCookie()
    .map((c) => /^tadrib_device=([^;]*)/.exec(c)?.[1])
    .find((v) => v !== undefined);

const uniqueEmail = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}@example.ma`;
const sessionTokenIn = (headers: Headers) =>
  headers
    .getSetCookie()
    .map((c) => /^tadrib_session=([^;]*)/.exec(c)?.[1])
    .find((v) => v !== undefined);

async function createUser(email: string, password: string, role: "learner" | "reviewer" | "admin" = "learner") {
  return db.user.create({
    data: { email, name: "Hind", locale: "fr", role, password: { create: { hash: await hashPassword(password) } } },
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

  it("answers 'check your inbox' and creates the account only when the emailed link is used", async () => {
    const email = uniqueEmail("New.User");
    const out = await post(signupAction, "/signup", {
      name: "  Nouhaila  ",
      email: `  ${email.toUpperCase()} `,
      password: "a long enough passphrase",
      locale: "ar",
      consent: "on",
      redirectTo: "/courses/first-steps",
    });
    expect(out.status).toBe(200);
    expect(out.body?.sentTo).toBe(email.toLowerCase());
    expect(out.headers.getSetCookie()).toEqual([]);
    await backgroundSettled();
    expect(await db.user.count({ where: { email: email.toLowerCase() } })).toBe(0);

    const token = await confirmationTokenFor(email.toLowerCase());
    const page = await get(confirmLoader, `/confirm-email/${token}`, { token });
    expect(page).toEqual({ email: email.toLowerCase() });
    const confirmed = await post(confirmAction, `/confirm-email/${token}`, {}, { params: { token } });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("location")).toBe("/courses/first-steps");
    const user = await db.user.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
    expect(user).toMatchObject({ name: "Nouhaila", role: "learner", locale: "ar" });
    expect(user.consentedAt).toBeInstanceOf(Date);
    expect((await validateSessionToken(sessionTokenIn(confirmed.headers)!))?.user.id).toBe(user.id);
    expect(confirmed.headers.getSetCookie().some((c) => c.startsWith("lang=ar"))).toBe(true);

    // The link works once.
    const again = await post(confirmAction, `/confirm-email/${token}`, {}, { params: { token } });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ error: "invalidToken" });
    expect(await db.user.count({ where: { email: email.toLowerCase() } })).toBe(1);
  });

  it("keeps an off-site redirect out of the confirmation", async () => {
    const email = uniqueEmail("ali");
    await post(signupAction, "/signup", {
      name: "Ali",
      email,
      password: "a long enough passphrase",
      locale: "fr",
      consent: "on",
      redirectTo: "//evil.example/phish",
    });
    await backgroundSettled();
    const token = await confirmationTokenFor(email);
    const confirmed = await post(confirmAction, `/confirm-email/${token}`, {}, { params: { token } });
    expect(confirmed.headers.get("location")).toBe("/account/profile?notice=welcome");
  });

  it("answers an already registered email exactly like a new one, and tells only the owner, by email", async () => {
    const email = uniqueEmail("taken");
    const existing = await createUser(email, "the real password");
    const fields = { name: "Intruder", password: "another passphrase", locale: "fr", consent: "on" };
    const taken = await post(signupAction, "/signup", { ...fields, email }, { ip: "203.0.113.80" });
    const fresh = await post(signupAction, "/signup", { ...fields, email: uniqueEmail("fresh") }, { ip: "203.0.113.81" });
    expect(taken.status).toBe(fresh.status);
    expect(taken.body?.sentTo).toBe(email);
    expect(Object.keys(taken.body ?? {}).sort()).toEqual(Object.keys(fresh.body ?? {}).sort());
    expect(taken.headers.getSetCookie()).toEqual([]);
    await backgroundSettled();

    expect(await db.emailConfirmation.count({ where: { email } })).toBe(0);
    const mails = await db.outboxEmail.findMany({ where: { to: email } });
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toMatch(/\/reset-password\/[a-z2-7]{52}/);
    expect(mails[0].text).not.toContain("confirm-email");
    expect(await db.user.findUniqueOrThrow({ where: { id: existing.id } })).toMatchObject({ name: "Hind" });
  });

  it("sends at most a few emails an hour to one address, answering the same", async () => {
    const email = uniqueEmail("inbox-flood");
    const fields = { name: "Flood", email, password: "a long enough passphrase", locale: "fr", consent: "on" };
    for (let i = 0; i < SIGNUP_EMAIL_LIMIT.limit + 2; i++) {
      expect((await post(signupAction, "/signup", fields, { ip: `203.0.113.${100 + i}` })).status).toBe(200);
    }
    await backgroundSettled();
    expect(await db.outboxEmail.count({ where: { to: email } })).toBe(SIGNUP_EMAIL_LIMIT.limit);
  });

  it("stops sign-ups from one IP past the hourly limit, keeping what was typed, creating nothing", async () => {
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
    expect(out.body?.retryAfterSeconds).toBeGreaterThan(0);
    await backgroundSettled();
    expect(await db.emailConfirmation.count({ where: { email } })).toBe(0);

    const elsewhere = await post(signupAction, "/signup", fields, { ip: "198.51.100.24" });
    expect(elsewhere.status).toBe(200);
  });
});

describe("/login", () => {
  it("logs in, sets the session and device cookies and follows a same-site redirectTo", async () => {
    const email = uniqueEmail("login");
    const user = await createUser(email, "correct passphrase");
    const out = await post(loginAction, "/login", {
      email: email.toUpperCase(),
      password: "correct passphrase",
      redirectTo: "/me?tab=certificates#latest",
    });
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/me?tab=certificates#latest");
    expect((await validateSessionToken(sessionTokenIn(out.headers)!))?.user.id).toBe(user.id);
    expect(deviceCookieIn(out.headers)).toMatch(/^[a-z2-7]{32}$/);
  });

  it("lands admins on /admin, reviewers on /review and learners on /courses when nothing else was asked", async () => {
    for (const [role, landing] of [["admin", "/admin"], ["reviewer", "/review"], ["learner", "/courses"]] as const) {
      const email = uniqueEmail(role);
      await createUser(email, "correct passphrase", role);
      const out = await post(loginAction, "/login", { email, password: "correct passphrase", redirectTo: "" });
      expect([role, out.headers.get("location")]).toEqual([role, landing]);
    }
  });

  it.each([
    ["a tab browsers drop", "/\t/evil.example"],
    ["a newline", "/\n/evil.example"],
    ["CR LF header injection", "/x\r\nSet-Cookie: a=b"],
    ["an ideographic space", "/\u3000/evil.example"],
    ["a protocol-relative URL", "//evil.example"],
    ["a backslash", "/\\evil.example"],
    ["an absolute URL", "https://evil.example/"],
    ["a scheme without slashes", "https:evil.example"],
    ["a NUL", "/\u0000/evil.example"],
  ])("ignores redirectTo with %s and still logs in, landing on the default page", async (_label, redirectTo) => {
    const email = uniqueEmail("redirect");
    const user = await createUser(email, "correct passphrase");
    const out = await post(loginAction, "/login", { email, password: "correct passphrase", redirectTo });
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/courses");
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

  it("slows one address guessing one account, for known and unknown emails alike, and says how long to wait", async () => {
    const known = uniqueEmail("slowed");
    await createUser(known, "correct passphrase");
    for (const email of [known, uniqueEmail("nobody")]) {
      const ip = `192.0.2.${Math.floor(Math.random() * 200)}`;
      for (let i = 0; i < THROTTLE.pair.free; i += 1) {
        expect((await post(loginAction, "/login", { email, password: "wrong passphrase" }, { ip })).status).toBe(400);
      }
      // The next failure is the first that costs a wait; the one after it is refused unchecked.
      expect((await post(loginAction, "/login", { email, password: "wrong passphrase" }, { ip })).status).toBe(400);
      const out = await post(loginAction, "/login", { email, password: "correct passphrase" }, { ip });
      expect(out.status).toBe(429);
      expect(shown(out.body).errors).toEqual({ "": ["auth.errors.tooManyAttempts"] });
      expect(out.body?.retryAfterSeconds).toBe(THROTTLE.pair.baseMs / 1000);
    }
  });

  it("does not lock the owner out: the same account still opens from another address", async () => {
    const email = uniqueEmail("owner");
    await createUser(email, "correct passphrase");
    for (let i = 0; i < 30; i += 1) await post(loginAction, "/login", { email, password: `guess ${i}` }, { ip: "198.51.100.66" });
    expect((await post(loginAction, "/login", { email, password: "correct passphrase" }, { ip: "198.51.100.66" })).status).toBe(429);
    expect((await post(loginAction, "/login", { email, password: "correct passphrase" }, { ip: "203.0.113.9" })).status).toBe(302);
  });

  it("lets the owner's known browser in even from the flooded address, and even when guesses come from everywhere", async () => {
    const email = uniqueEmail("known-device");
    await createUser(email, "correct passphrase");
    const first = await post(loginAction, "/login", { email, password: "correct passphrase" }, { ip: "198.51.100.77" });
    const device = deviceCookieIn(first.headers)!;
    // Guesses from the owner's own (shared) address and from many others.
    for (let i = 0; i < 30; i += 1) await post(loginAction, "/login", { email, password: `guess ${i}` }, { ip: "198.51.100.77" });
    for (let i = 0; i < THROTTLE.account.free + 5; i += 1) {
      await post(loginAction, "/login", { email, password: `guess ${i}` }, { ip: `10.1.${i}.1` });
    }
    // A browser this account has never used waits…
    expect((await post(loginAction, "/login", { email, password: "correct passphrase" }, { ip: "203.0.113.10" })).status).toBe(429);
    // …the owner's known one does not, from the flooded address too.
    const owner = await post(
      loginAction,
      "/login",
      { email, password: "correct passphrase" },
      { ip: "198.51.100.77", cookie: `tadrib_device=${device}` },
    );
    expect(owner.status).toBe(302);
    // A device cookie of another account is worth nothing here.
    const other = uniqueEmail("other-device");
    await createUser(other, "other passphrase");
    const stranger = await post(loginAction, "/login", { email: other, password: "other passphrase" }, { ip: "203.0.113.11" });
    const strangerDevice = deviceCookieIn(stranger.headers)!;
    expect(
      (await post(loginAction, "/login", { email, password: "correct passphrase" }, { ip: "203.0.113.10", cookie: `tadrib_device=${strangerDevice}` }))
        .status,
    ).toBe(429);
  });

  it("slows an address spraying many accounts, whatever email it tries next; other addresses are not affected", async () => {
    const ip = "198.51.100.250";
    for (let i = 0; i <= THROTTLE.address.free; i += 1) {
      await post(loginAction, "/login", { email: uniqueEmail(`spray${i}`), password: "guess guess" }, { ip });
    }
    const email = uniqueEmail("victim");
    await createUser(email, "correct passphrase");
    const out = await post(loginAction, "/login", { email, password: "correct passphrase" }, { ip });
    expect(out.status).toBe(429);
    expect((await post(loginAction, "/login", { email, password: "correct passphrase" })).status).toBe(302);
  });

  it("lets a workshop room behind one address log in at once", async () => {
    const ip = "198.51.100.30";
    const people = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const email = uniqueEmail(`room${i}`);
        await createUser(email, `passphrase ${i}`);
        return { email, password: `passphrase ${i}` };
      }),
    );
    const outcomes = await Promise.all(people.map((p) => post(loginAction, "/login", p, { ip })));
    expect(outcomes.map((o) => o.status)).toEqual(people.map(() => 302));
  });

  it("forgives the failures of one address once the right password is given", async () => {
    const email = uniqueEmail("reset-counter");
    await createUser(email, "correct passphrase");
    for (let i = 0; i < THROTTLE.pair.free - 1; i += 1) {
      await post(loginAction, "/login", { email, password: "wrong passphrase" }, { ip: "192.0.2.200" });
    }
    expect((await post(loginAction, "/login", { email, password: "correct passphrase" }, { ip: "192.0.2.200" })).status).toBe(302);
    for (let i = 0; i < THROTTLE.pair.free; i += 1) {
      expect((await post(loginAction, "/login", { email, password: "wrong passphrase" }, { ip: "192.0.2.200" })).status).toBe(400);
    }
    expect((await post(loginAction, "/login", { email, password: "correct passphrase" }, { ip: "192.0.2.200" })).status).toBe(302);
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
    await backgroundSettled();
    expect(await db.outboxEmail.count({ where: { to: email } })).toBe(1);
    expect(await db.outboxEmail.count({ where: { to: ghost } })).toBe(0);
    const mail = await db.outboxEmail.findFirstOrThrow({ where: { to: email } });
    expect(mail.text).toContain(`${appOrigin()}/reset-password/`);
    expect(mail.text).toMatch(/\/reset-password\/[a-z2-7]{52}/);
  });

  it("builds the emailed link from APP_URL, never from the Host header", async () => {
    const email = uniqueEmail("host");
    await createUser(email, "correct passphrase");
    const request = new Request("http://evil.example/forgot-password", {
      method: "POST",
      body: new URLSearchParams({ email }),
      headers: { host: "evil.example", "x-forwarded-host": "evil.example" },
    });
    await forgotAction({ request, context: { clientIp: "203.0.113.60" }, params: {} });
    await backgroundSettled();
    const mail = await db.outboxEmail.findFirstOrThrow({ where: { to: email } });
    expect(mail.text).not.toContain("evil.example");
    expect(mail.html).not.toContain("evil.example");
    expect(mail.text).toContain(`${appOrigin()}/reset-password/`);
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
