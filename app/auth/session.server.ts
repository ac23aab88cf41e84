import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { env } from "~/config/env.server";
import { db } from "~/db/client.server";
import { readRow } from "~/db/read.server";

/**
 * Auth sessions as lucia-auth.com teaches them: a random token goes in the
 * cookie, only its SHA-256 is stored, so a leaked database cannot be replayed.
 * Sessions last 30 days and slide: one used in its last 15 days is extended.
 */
export const SESSION_COOKIE = "tadrib_session";
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const RENEW_WITHIN_MS = SESSION_TTL_MS / 2;

export type SessionUser = {
  id: string;
  /** Null only for people known from an import or an attendance sheet, who cannot log in anyway. */
  email: string | null;
  name: string;
  role: Role;
  locale: string;
};
/** Global roles; being an organisation's manager is a membership (app/organisations). */
export const ROLES = ["learner", "reviewer", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createAuthSession(userId: string, now = new Date()) {
  const token = generateSessionToken();
  const session = await db.authSession.create({
    data: { id: sessionIdFromToken(token), userId, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) },
  });
  return { token, session };
}

/**
 * Returns the user behind a token, or null when the session is unknown or
 * expired (an expired one is deleted). Extends the expiry when it is due.
 */
type SessionRow = Omit<SessionUser, "role"> & { role: string; expiresAt: string | number };

export async function validateSessionToken(token: string, now = new Date()) {
  const id = sessionIdFromToken(token);
  // Every signed-in page asks this: one prepared statement, not a Prisma query (app/db/read.server.ts).
  const found = readRow<SessionRow>(
    `SELECT s."expiresAt", u."id", u."email", u."name", u."role", u."locale"
     FROM "AuthSession" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = ?`,
    id,
  );
  const row = found && {
    expiresAt: new Date(found.expiresAt),
    user: { id: found.id, email: found.email, name: found.name, role: found.role, locale: found.locale },
  };
  if (!row) return null;
  if (now.getTime() >= row.expiresAt.getTime()) {
    await db.authSession.deleteMany({ where: { id } });
    return null;
  }
  let expiresAt = row.expiresAt;
  let renewed = false;
  if (now.getTime() >= expiresAt.getTime() - RENEW_WITHIN_MS) {
    expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    // updateMany: a logout racing with this request must not turn into a "record not found" error.
    await db.authSession.updateMany({ where: { id }, data: { expiresAt } });
    renewed = true;
  }
  return { session: { id, expiresAt }, user: row.user as SessionUser, renewed };
}

export async function invalidateSession(sessionId: string) {
  await db.authSession.deleteMany({ where: { id: sessionId } });
}

export async function invalidateAllSessions(userId: string, exceptSessionId?: string) {
  await db.authSession.deleteMany({
    where: { userId, ...(exceptSessionId ? { NOT: { id: exceptSessionId } } : {}) },
  });
}

export function sessionCookie(token: string, expiresAt: Date): string {
  const secure = env.NODE_ENV === "production" ? "; Secure" : "";
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Expires=${expiresAt.toUTCString()}${secure}`;
}

export function blankSessionCookie(): string {
  const secure = env.NODE_ENV === "production" ? "; Secure" : "";
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure}`;
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [k, v] = part.trim().split("=");
    if (k === SESSION_COOKIE && v) return v;
  }
  return null;
}
