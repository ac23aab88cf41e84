import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { pruneExpired, startHousekeeping } from "./housekeeping.server";

describe("pruneExpired", () => {
  it("deletes expired sessions, ended rate-limit windows and throttles, day-old reset and sign-up links, and keeps the rest", async () => {
    const now = new Date("2026-06-01T12:00:00Z");
    const hour = 3600_000;
    const user = await db.user.create({ data: { email: `h-${crypto.randomUUID()}@example.ma`, name: "Hamza" } });
    await db.authSession.createMany({
      data: [
        { id: "expired", userId: user.id, expiresAt: new Date(now.getTime() - 1) },
        { id: "live", userId: user.id, expiresAt: new Date(now.getTime() + hour) },
      ],
    });
    await db.rateLimit.createMany({
      data: [
        { key: "ended", count: 3, resetAt: new Date(now.getTime() - 1) },
        { key: "running", count: 3, resetAt: new Date(now.getTime() + hour) },
      ],
    });
    await db.passwordResetToken.createMany({
      data: [
        { id: "old", userId: user.id, expiresAt: new Date(now.getTime() - 25 * hour) },
        { id: "recent", userId: user.id, expiresAt: new Date(now.getTime() - hour) },
      ],
    });

    await db.loginThrottle.createMany({
      data: [
        { key: "forgotten", failures: 2, blockedUntil: now, expiresAt: new Date(now.getTime() - 1) },
        { key: "remembered", failures: 2, blockedUntil: now, expiresAt: new Date(now.getTime() + hour) },
      ],
    });
    const pending = { email: "p@example.ma", name: "P", locale: "fr" as const, passwordHash: "x", consentedAt: now };
    await db.emailConfirmation.createMany({
      data: [
        { ...pending, id: "stale", expiresAt: new Date(now.getTime() - 25 * hour) },
        { ...pending, id: "fresh", expiresAt: new Date(now.getTime() - hour) },
      ],
    });

    expect(await pruneExpired(now)).toEqual({ sessions: 1, rateLimits: 1, loginThrottles: 1, resetTokens: 1, signups: 1 });
    expect((await db.loginThrottle.findMany()).map((r) => r.key)).toEqual(["remembered"]);
    expect((await db.emailConfirmation.findMany()).map((r) => r.id)).toEqual(["fresh"]);
    expect((await db.authSession.findMany()).map((s) => s.id)).toEqual(["live"]);
    expect((await db.rateLimit.findMany()).map((r) => r.key)).toEqual(["running"]);
    expect((await db.passwordResetToken.findMany()).map((t) => t.id)).toEqual(["recent"]);
  });
});

describe("startHousekeeping", () => {
  it("starts nothing under test (tests call the jobs themselves)", () => {
    const handle = startHousekeeping();
    expect((globalThis as { __tadribHousekeeping?: unknown }).__tadribHousekeeping).toBeUndefined();
    handle.stop();
  });
});
