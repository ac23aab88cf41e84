import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { closeLoginAttempt, openLoginAttempt, THROTTLE, throttleDelay, throttleKeys } from "./login-throttle.server";
import { retryWhen } from "./retry-after";

const SECOND = 1000;

describe("throttleDelay", () => {
  it("is free for the first failures, then doubles up to its ceiling", () => {
    const { pair } = THROTTLE;
    expect([4, 5, 6, 7, 8].map((f) => throttleDelay(pair, f))).toEqual([0, 10 * SECOND, 20 * SECOND, 40 * SECOND, 80 * SECOND]);
    expect(throttleDelay(pair, 500)).toBe(15 * 60 * SECOND);
  });
});

describe("openLoginAttempt / closeLoginAttempt", () => {
  const fail = async (attempt: Parameters<typeof openLoginAttempt>[0]) => {
    const gate = await openLoginAttempt(attempt);
    if (gate.allowed) await closeLoginAttempt(attempt, gate, false);
    return gate;
  };

  it("makes one address wait longer after each failure on one account, and forgets a day later", async () => {
    const start = new Date("2026-12-01T10:00:00Z");
    const at = (ms: number) => new Date(start.getTime() + ms);
    const base = { email: `t-${crypto.randomUUID()}@example.ma`, ip: "192.0.2.10", deviceId: null, userId: null };
    for (let i = 0; i < THROTTLE.pair.free + 1; i++) expect((await fail({ ...base, now: start })).allowed).toBe(true);
    // Fifth failure: 10 s to wait.
    expect(await openLoginAttempt({ ...base, now: at(5 * SECOND) })).toEqual({ allowed: false, retryAfterMs: 5 * SECOND });
    expect((await fail({ ...base, now: at(10 * SECOND) })).allowed).toBe(true);
    // Sixth failure at +10 s: 20 s more.
    expect(await openLoginAttempt({ ...base, now: at(29 * SECOND) })).toEqual({ allowed: false, retryAfterMs: 1 * SECOND });
    expect((await openLoginAttempt({ ...base, now: at(30 * SECOND) })).allowed).toBe(true);
    // A day without failures starts afresh.
    const row = await db.loginThrottle.findUniqueOrThrow({ where: { key: throttleKeys.pair(base.email, base.ip) } });
    expect(row.failures).toBe(THROTTLE.pair.free + 3);
    const nextDay = new Date(row.expiresAt.getTime() + 1);
    expect((await fail({ ...base, now: nextDay })).allowed).toBe(true);
    expect((await db.loginThrottle.findUniqueOrThrow({ where: { key: throttleKeys.pair(base.email, base.ip) } })).failures).toBe(1);
  });

  it("counts a burst of parallel guesses before checking any password", async () => {
    const attempt = { email: `burst-${crypto.randomUUID()}@example.ma`, ip: "192.0.2.11", deviceId: null, userId: null };
    const gates = await Promise.all(Array.from({ length: 12 }, () => openLoginAttempt(attempt)));
    // Every gate opened counts; only the free ones plus the first charged one get through.
    expect(gates.filter((g) => g.allowed)).toHaveLength(THROTTLE.pair.free + 1);
  });
});

describe("retryWhen", () => {
  it("says seconds under a minute and minutes above, in each language", () => {
    expect(retryWhen("en", 10)).toBe("in 10 seconds");
    expect(retryWhen("fr", 10)).toBe("dans 10 secondes");
    expect(retryWhen("ar", 10)).toBe("خلال 10 ثوانٍ");
    expect(retryWhen("en", 61)).toBe("in 2 minutes");
    expect(retryWhen("fr", 900)).toBe("dans 15 minutes");
    expect(retryWhen("ar", 1)).toBe("خلال ثانية واحدة");
  });
});
