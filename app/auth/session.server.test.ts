import { sha256 } from "@oslojs/crypto/sha2";
import { decodeBase32IgnorePadding, encodeHexLowerCase } from "@oslojs/encoding";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import {
  blankSessionCookie,
  createAuthSession,
  invalidateAllSessions,
  invalidateSession,
  readSessionToken,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  sessionCookie,
  validateSessionToken,
} from "./session.server";
import { getAuth } from "./guards.server";

const DAY = 24 * 60 * 60 * 1000;
let userId: string;

beforeEach(async () => {
  const user = await db.user.create({
    data: { email: `s-${crypto.randomUUID()}@example.ma`, name: "Samira", locale: "fr" },
  });
  userId = user.id;
});

describe("createAuthSession", () => {
  it("stores only the SHA-256 of a token of at least 20 random bytes", async () => {
    const { token, session } = await createAuthSession(userId);
    expect(decodeBase32IgnorePadding(token.toUpperCase()).length).toBeGreaterThanOrEqual(20);
    expect(session.id).toBe(encodeHexLowerCase(sha256(new TextEncoder().encode(token))));
    const rows = await db.authSession.findMany({ where: { userId } });
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("gives a different token each time", async () => {
    const a = await createAuthSession(userId);
    const b = await createAuthSession(userId);
    expect(a.token).not.toBe(b.token);
  });

  it("expires 30 days after creation", async () => {
    const now = new Date("2026-03-01T10:00:00Z");
    const { session } = await createAuthSession(userId, now);
    expect(session.expiresAt.getTime() - now.getTime()).toBe(30 * DAY);
  });
});

describe("validateSessionToken", () => {
  it("returns the user for a valid token and null for an unknown one", async () => {
    const { token } = await createAuthSession(userId);
    const result = await validateSessionToken(token);
    expect(result?.user).toMatchObject({ id: userId, name: "Samira", role: "learner", locale: "fr" });
    expect(await validateSessionToken(`${token}x`)).toBeNull();
  });

  it("does not extend a session in the first half of its life", async () => {
    const start = new Date("2026-03-01T10:00:00Z");
    const { token, session } = await createAuthSession(userId, start);
    const result = await validateSessionToken(token, new Date(start.getTime() + 14 * DAY));
    expect(result?.renewed).toBe(false);
    expect(result?.session.expiresAt.getTime()).toBe(session.expiresAt.getTime());
    const row = await db.authSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.expiresAt.getTime()).toBe(session.expiresAt.getTime());
  });

  it("slides the expiry to 30 days from now in the last half", async () => {
    const start = new Date("2026-03-01T10:00:00Z");
    const { token, session } = await createAuthSession(userId, start);
    const later = new Date(start.getTime() + 20 * DAY);
    const result = await validateSessionToken(token, later);
    expect(result?.renewed).toBe(true);
    expect(result?.session.expiresAt.getTime()).toBe(later.getTime() + SESSION_TTL_MS);
    const row = await db.authSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.expiresAt.getTime()).toBe(later.getTime() + SESSION_TTL_MS);
  });

  it("rejects and deletes an expired session", async () => {
    const start = new Date("2026-03-01T10:00:00Z");
    const { token, session } = await createAuthSession(userId, start);
    expect(await validateSessionToken(token, new Date(start.getTime() + 30 * DAY))).toBeNull();
    expect(await db.authSession.findUnique({ where: { id: session.id } })).toBeNull();
  });
});

describe("invalidation", () => {
  it("ends one session", async () => {
    const a = await createAuthSession(userId);
    const b = await createAuthSession(userId);
    await invalidateSession(a.session.id);
    expect(await validateSessionToken(a.token)).toBeNull();
    expect(await validateSessionToken(b.token)).not.toBeNull();
  });

  it("ends every session of a user, and only that user's", async () => {
    const other = await db.user.create({ data: { email: `o-${crypto.randomUUID()}@example.ma`, name: "Omar" } });
    const a = await createAuthSession(userId);
    const b = await createAuthSession(userId);
    const c = await createAuthSession(other.id);
    await invalidateAllSessions(userId);
    expect(await validateSessionToken(a.token)).toBeNull();
    expect(await validateSessionToken(b.token)).toBeNull();
    expect(await validateSessionToken(c.token)).not.toBeNull();
  });

  it("can keep the current session while ending all the others", async () => {
    const current = await createAuthSession(userId);
    const stolen = await createAuthSession(userId);
    await invalidateAllSessions(userId, current.session.id);
    expect(await validateSessionToken(current.token)).not.toBeNull();
    expect(await validateSessionToken(stolen.token)).toBeNull();
  });
});

describe("cookies", () => {
  it("are HttpOnly, SameSite=Lax, site-wide, and not Secure outside production", () => {
    const expires = new Date("2026-04-01T00:00:00Z");
    const cookie = sessionCookie("tok", expires);
    expect(cookie).toContain(`${SESSION_COOKIE}=tok`);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(cookie).toContain(`Expires=${expires.toUTCString()}`);
    expect(cookie).not.toContain("Secure");
    expect(blankSessionCookie()).toContain("Max-Age=0");
  });

  it("reads the token back from a Cookie header among others", () => {
    const request = new Request("http://localhost/", { headers: { cookie: `lang=ar; ${SESSION_COOKIE}=abc123; x=1` } });
    expect(readSessionToken(request)).toBe("abc123");
    expect(readSessionToken(new Request("http://localhost/"))).toBeNull();
  });
});

describe("getAuth: one session read per request", () => {
  const requestWith = (token: string) => new Request("http://localhost/", { headers: { cookie: `${SESSION_COOKIE}=${token}` } });
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

  it("answers the loaders of one request (each with a Request of its own) from one read", async () => {
    const { token } = await createAuthSession(userId);
    const root = getAuth(requestWith(token));
    const route = getAuth(requestWith(token));
    expect(route).toBe(root);
    expect((await root)?.user.id).toBe(userId);
  });

  it("reads the session again on the next request, so a logout in between is seen at once", async () => {
    const { token, session } = await createAuthSession(userId);
    const first = getAuth(requestWith(token));
    expect((await first)?.user.id).toBe(userId);
    await invalidateSession(session.id);
    await nextTurn();
    const later = getAuth(requestWith(token));
    expect(later).not.toBe(first);
    expect(await later).toBeNull();
  });

  it("never shares an answer between two sessions", async () => {
    const other = await db.user.create({ data: { email: `o-${crypto.randomUUID()}@example.ma`, name: "Omar", locale: "ar" } });
    const [mine, theirs] = [await createAuthSession(userId), await createAuthSession(other.id)];
    const [a, b] = await Promise.all([getAuth(requestWith(mine.token)), getAuth(requestWith(theirs.token))]);
    expect([a?.user.id, b?.user.id]).toEqual([userId, other.id]);
  });
});
