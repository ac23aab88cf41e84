import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { consumeRateLimit, peekRateLimit, pruneRateLimits, resetRateLimit } from "./rate-limit.server";

const MINUTE = 60_000;
const t0 = new Date("2026-05-01T08:00:00.000Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

describe("consumeRateLimit", () => {
  it("allows `limit` hits per window, then refuses with the time left", async () => {
    const key = "test:window";
    for (let i = 0; i < 3; i += 1) {
      expect(await consumeRateLimit(key, 3, 15 * MINUTE, at(i * MINUTE))).toEqual({ allowed: true, retryAfterMs: 0 });
    }
    expect(await consumeRateLimit(key, 3, 15 * MINUTE, at(5 * MINUTE))).toEqual({
      allowed: false,
      retryAfterMs: 10 * MINUTE,
    });
    // The window does not move while refused.
    expect(await consumeRateLimit(key, 3, 15 * MINUTE, at(14 * MINUTE))).toEqual({
      allowed: false,
      retryAfterMs: 1 * MINUTE,
    });
  });

  it("opens a fresh window once the previous one has ended", async () => {
    const key = "test:fresh";
    for (let i = 0; i < 3; i += 1) await consumeRateLimit(key, 2, 15 * MINUTE, t0);
    expect((await consumeRateLimit(key, 2, 15 * MINUTE, at(15 * MINUTE))).allowed).toBe(true);
    const row = await db.rateLimit.findUniqueOrThrow({ where: { key } });
    expect(row.count).toBe(1);
    expect(row.resetAt.getTime()).toBe(at(30 * MINUTE).getTime());
  });

  it("counts keys separately", async () => {
    expect((await consumeRateLimit("test:a", 1, MINUTE, t0)).allowed).toBe(true);
    expect((await consumeRateLimit("test:b", 1, MINUTE, t0)).allowed).toBe(true);
    expect((await consumeRateLimit("test:a", 1, MINUTE, t0)).allowed).toBe(false);
  });

  it("lets exactly `limit` of many concurrent hits through", async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, () => consumeRateLimit("test:concurrent", 5, MINUTE, t0)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });
});

describe("resetRateLimit, peekRateLimit and pruneRateLimits", () => {
  it("reset forgets the window", async () => {
    const key = "test:reset";
    await consumeRateLimit(key, 1, MINUTE, t0);
    expect((await consumeRateLimit(key, 1, MINUTE, t0)).allowed).toBe(false);
    await resetRateLimit(key);
    expect((await consumeRateLimit(key, 1, MINUTE, t0)).allowed).toBe(true);
  });

  it("peek reports the state without counting a hit", async () => {
    const key = "test:peek";
    await consumeRateLimit(key, 2, MINUTE, t0);
    expect(await peekRateLimit(key, 2, t0)).toEqual({ allowed: true, retryAfterMs: 0 });
    await consumeRateLimit(key, 2, MINUTE, t0);
    expect(await peekRateLimit(key, 2, at(10_000))).toEqual({ allowed: false, retryAfterMs: 50_000 });
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key } })).count).toBe(2);
    expect((await peekRateLimit(key, 2, at(MINUTE))).allowed).toBe(true);
  });

  it("prune deletes only ended windows", async () => {
    await consumeRateLimit("test:old", 1, MINUTE, t0);
    await consumeRateLimit("test:live", 1, 10 * MINUTE, t0);
    await pruneRateLimits(at(5 * MINUTE));
    expect(await db.rateLimit.findUnique({ where: { key: "test:old" } })).toBeNull();
    expect(await db.rateLimit.findUnique({ where: { key: "test:live" } })).not.toBeNull();
  });
});
