import { db } from "~/db/client.server";

export type RateLimitResult = { allowed: boolean; retryAfterMs: number };

/**
 * Fixed-window counter: the first hit opens a window of `windowMs`, every hit
 * in it counts, and once `limit` is passed the caller is refused until the
 * window ends. One INSERT … ON CONFLICT statement does the read and the write,
 * so concurrent requests (or processes) cannot both see the old count.
 * Dates are bound as parameters so they are stored in the same text format
 * Prisma uses, which keeps the comparison inside SQL lexicographically right.
 */
export async function consumeRateLimit(
  key: string,
  limit: number,
  windowMs: number,
  now = new Date()
): Promise<RateLimitResult> {
  const resetAt = new Date(now.getTime() + windowMs);
  const rows = await db.$queryRaw<{ count: number | bigint; resetAt: Date | string }[]>`
    INSERT INTO "RateLimit" ("key", "count", "resetAt") VALUES (${key}, 1, ${resetAt})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."resetAt" <= ${now} THEN 1 ELSE "RateLimit"."count" + 1 END,
      "resetAt" = CASE WHEN "RateLimit"."resetAt" <= ${now} THEN excluded."resetAt" ELSE "RateLimit"."resetAt" END
    RETURNING "count", "resetAt"`;
  const row = rows[0];
  const count = Number(row.count);
  if (count <= limit) return { allowed: true, retryAfterMs: 0 };
  return { allowed: false, retryAfterMs: Math.max(0, new Date(row.resetAt).getTime() - now.getTime()) };
}

/**
 * Whether `key` is currently over `limit`, without counting a hit: for limits
 * that count only failures (the hit is consumed once the failure is known).
 */
export async function peekRateLimit(key: string, limit: number, now = new Date()): Promise<RateLimitResult> {
  const row = await db.rateLimit.findUnique({ where: { key } });
  if (!row || row.resetAt <= now || row.count < limit) return { allowed: true, retryAfterMs: 0 };
  return { allowed: false, retryAfterMs: row.resetAt.getTime() - now.getTime() };
}

/** Forgets a key's window (e.g. the per-account login counter after a successful login). */
export async function resetRateLimit(key: string): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key } });
}

/** Drops windows that ended; called by the periodic sweeper so the table stays small. */
export async function pruneRateLimits(now = new Date()): Promise<number> {
  const { count } = await db.rateLimit.deleteMany({ where: { resetAt: { lte: now } } });
  return count;
}
