import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { env } from "~/config/env.server";
import { db } from "~/db/client.server";
import { Prisma } from "~/db/generated/client";

/**
 * Slowing down password guessing without handing anyone a way to lock others
 * out. Failures are counted on several keys, each with a number of free
 * failures and then a delay that doubles with every further one:
 *
 * - per account *and* address: the owner mistyping, or one attacker on one
 *   account. Counted before the password is checked (so parallel guesses
 *   cannot slip through) and forgotten on a success;
 * - per address: one address spraying many accounts. Only failures count, so
 *   a workshop room of thirty behind one public address logs in at once;
 * - per account: many addresses guessing one account;
 * - per known browser: a browser that logged in to this account before (a
 *   device cookie). It is held to its own failures only, so the owner's usual
 *   browser still gets in while a flood from elsewhere — or from the same
 *   shared address — slows everyone else down.
 *
 * Keys are forgotten a day after their last failure.
 */
export type ThrottlePolicy = { free: number; baseMs: number; maxMs: number };

const SECOND = 1000;
const MINUTE = 60 * SECOND;
export const THROTTLE = {
  pair: { free: 4, baseMs: 10 * SECOND, maxMs: 15 * MINUTE },
  address: { free: 20, baseMs: 5 * SECOND, maxMs: 15 * MINUTE },
  account: { free: 20, baseMs: 30 * SECOND, maxMs: 15 * MINUTE },
  device: { free: 4, baseMs: 10 * SECOND, maxMs: 15 * MINUTE },
} as const satisfies Record<string, ThrottlePolicy>;
const FORGET_AFTER_MS = 24 * 60 * MINUTE;

/** The wait after `failures` failures: none while free, then base, 2×base, 4×base… up to max. */
export function throttleDelay(policy: ThrottlePolicy, failures: number): number {
  if (failures <= policy.free) return 0;
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(30, failures - policy.free - 1));
}

const normalEmail = (email: string) => email.trim().toLowerCase();
export const throttleKeys = {
  pair: (email: string, ip: string) => `pair:${normalEmail(email)}|${ip}`,
  address: (ip: string) => `address:${ip}`,
  account: (email: string) => `account:${normalEmail(email)}`,
  device: (deviceId: string, email: string) => `device:${deviceId}|${normalEmail(email)}`,
};

/** Milliseconds until `key` may try again (0: now). */
async function waitFor(key: string, now: Date): Promise<number> {
  const row = await db.loginThrottle.findUnique({ where: { key } });
  if (!row || row.expiresAt <= now) return 0;
  return Math.max(0, row.blockedUntil.getTime() - now.getTime());
}

/**
 * The block a key gets for its failure count, as SQL over that count, so the
 * count and the block are written by one statement: a burst of parallel
 * guesses cannot all read "not blocked" before any of them is counted. The
 * candidate times are bound as parameters (no date arithmetic in SQL, which
 * differs between SQLite and PostgreSQL).
 */
function blockedUntilSql(failures: Prisma.Sql, policy: ThrottlePolicy, now: Date): Prisma.Sql {
  const steps: Prisma.Sql[] = [Prisma.sql`WHEN ${failures} <= ${policy.free} THEN ${now}`];
  for (let f = policy.free + 1; throttleDelay(policy, f) < policy.maxMs; f++) {
    steps.push(Prisma.sql`WHEN ${failures} = ${f} THEN ${new Date(now.getTime() + throttleDelay(policy, f))}`);
  }
  return Prisma.sql`CASE ${Prisma.join(steps, " ")} ELSE ${new Date(now.getTime() + policy.maxMs)} END`;
}

/**
 * Counts one failure on `key`. With `unlessBlocked`, only while the key is
 * not waiting: returns false (and counts nothing) when it is. A window that
 * expired starts again from zero.
 */
async function charge(key: string, policy: ThrottlePolicy, now: Date, unlessBlocked: boolean): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + FORGET_AFTER_MS);
  const expired = Prisma.sql`"LoginThrottle"."expiresAt" <= ${now}`;
  const next = Prisma.sql`(CASE WHEN ${expired} THEN 1 ELSE "LoginThrottle"."failures" + 1 END)`;
  const condition = unlessBlocked ? Prisma.sql`WHERE "LoginThrottle"."blockedUntil" <= ${now} OR ${expired}` : Prisma.empty;
  const rows = await db.$queryRaw<{ failures: number | bigint }[]>`
    INSERT INTO "LoginThrottle" ("key", "failures", "blockedUntil", "expiresAt")
    VALUES (${key}, 1, ${blockedUntilSql(Prisma.sql`1`, policy, now)}, ${expiresAt})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = ${next},
      "blockedUntil" = ${blockedUntilSql(next, policy, now)},
      "expiresAt" = excluded."expiresAt"
    ${condition}
    RETURNING "failures"`;
  return rows.length === 1;
}

/** Takes back one counted attempt (a success), leaving any block as it is. */
async function uncharge(key: string): Promise<void> {
  await db.$executeRaw`UPDATE "LoginThrottle" SET "failures" = "failures" - 1 WHERE "key" = ${key} AND "failures" > 0`;
}

async function forget(key: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key } });
}

export type Attempt = { email: string; ip: string; deviceId: string | null; userId: string | null; now?: Date };
export type Gate = { allowed: true; trusted: boolean } | { allowed: false; retryAfterMs: number };

/** Whether the browser's device cookie was issued to this account by a successful login. */
async function isKnownDevice(deviceId: string | null, userId: string | null): Promise<boolean> {
  if (!deviceId || !userId) return false;
  const row = await db.loginDevice.findUnique({ where: { id: deviceRowId(deviceId, userId) }, select: { id: true } });
  return row !== null;
}

/**
 * Before a password is checked: refuses while one of the keys is waiting,
 * otherwise counts this attempt on the keys counted up front.
 */
export async function openLoginAttempt(attempt: Attempt): Promise<Gate> {
  const now = attempt.now ?? new Date();
  const trusted = await isKnownDevice(attempt.deviceId, attempt.userId);
  const keys: [string, ThrottlePolicy][] = trusted
    ? [[throttleKeys.device(attempt.deviceId!, attempt.email), THROTTLE.device]]
    : [
        [throttleKeys.pair(attempt.email, attempt.ip), THROTTLE.pair],
        [throttleKeys.address(attempt.ip), THROTTLE.address],
        [throttleKeys.account(attempt.email), THROTTLE.account],
      ];
  const longestWait = async () => Math.max(...(await Promise.all(keys.map(([key]) => waitFor(key, now)))));
  const wait = await longestWait();
  if (wait > 0) return { allowed: false, retryAfterMs: wait };
  // The address counts failures only (closeLoginAttempt); the others count every attempt, now.
  for (const [key, policy] of keys) {
    if (key.startsWith("address:")) continue;
    // Refused when a parallel attempt blocked the key since it was read.
    if (!(await charge(key, policy, now, true))) return { allowed: false, retryAfterMs: Math.max(1, await longestWait()) };
  }
  return { allowed: true, trusted };
}

/** After the password was checked: a success forgives this attempt, a failure is charged to the address too. */
export async function closeLoginAttempt(attempt: Attempt, gate: { trusted: boolean }, succeeded: boolean): Promise<void> {
  const now = attempt.now ?? new Date();
  if (gate.trusted) {
    if (succeeded) await forget(throttleKeys.device(attempt.deviceId!, attempt.email));
    return;
  }
  if (succeeded) {
    await forget(throttleKeys.pair(attempt.email, attempt.ip));
    await uncharge(throttleKeys.account(attempt.email));
  } else {
    await charge(throttleKeys.address(attempt.ip), THROTTLE.address, now, false);
  }
}

/** Lifts every wait on an account (the owner proved control of the mailbox with a reset link). */
export async function forgetAccountThrottle(email: string): Promise<void> {
  const e = normalEmail(email);
  await db.loginThrottle.deleteMany({
    where: { OR: [{ key: throttleKeys.account(e) }, { key: { startsWith: `pair:${e}|` } }] },
  });
}

export async function pruneLoginThrottles(now = new Date()): Promise<number> {
  const { count } = await db.loginThrottle.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}

// Known browsers -------------------------------------------------------------

export const DEVICE_COOKIE = "tadrib_device";
const DEVICE_TTL_MS = 365 * 24 * 60 * MINUTE;

/** One row per (browser, account): a shared computer may be known to several accounts. */
function deviceRowId(deviceId: string, userId: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(`${deviceId}:${userId}`)));
}

export function readDeviceId(request: Request): string | null {
  const header = request.headers.get("cookie") ?? "";
  for (const part of header.split(";")) {
    const [k, v] = part.trim().split("=");
    if (k === DEVICE_COOKIE && v && /^[a-z2-7]{32}$/.test(v)) return v;
  }
  return null;
}

/**
 * After a successful login: remembers this browser for the account and
 * returns the cookie to set (the same token when the browser had one).
 */
export async function rememberDevice(userId: string, deviceId: string | null, now = new Date()): Promise<string> {
  let token = deviceId;
  if (!token) {
    const bytes = new Uint8Array(20);
    crypto.getRandomValues(bytes);
    token = encodeBase32LowerCaseNoPadding(bytes);
  }
  const id = deviceRowId(token, userId);
  await db.loginDevice.upsert({ where: { id }, create: { id, userId, createdAt: now, lastUsedAt: now }, update: { lastUsedAt: now } });
  const secure = env.NODE_ENV === "production" ? "; Secure" : "";
  const expires = new Date(now.getTime() + DEVICE_TTL_MS).toUTCString();
  return `${DEVICE_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Expires=${expires}${secure}`;
}
