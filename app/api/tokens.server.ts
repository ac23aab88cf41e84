import { createHash, randomBytes } from "node:crypto";
import { db } from "~/db/client.server";
import { consumeRateLimit } from "~/http/rate-limit.server";

/**
 * API tokens let an organisation's own dashboards read its figures
 * (/api/v1). A token is 32 random bytes, shown once when an admin creates it;
 * only its SHA-256 is stored (the row's id), with its first characters to
 * recognise it in lists. A token's scope is the organisation it was created
 * for, read from the row: nothing in the request can change it.
 */
const PREFIX = "tdb_";
/** Requests per token per hour: plenty for a dashboard, a ceiling for a leaked token. */
export const API_REQUESTS_PER_HOUR = 600;

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createApiToken(input: { organisationId: string; name: string; createdById: string }): Promise<{ token: string; id: string }> {
  const token = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  const id = hash(token);
  await db.apiToken.create({
    data: { id, organisationId: input.organisationId, name: input.name, prefix: token.slice(0, PREFIX.length + 6), createdById: input.createdById },
  });
  return { token, id };
}

export async function revokeApiToken(id: string, now = new Date()): Promise<boolean> {
  const { count } = await db.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
  return count === 1;
}

export async function listApiTokens() {
  const rows = await db.apiToken.findMany({
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    include: { organisation: { select: { name: true } }, createdBy: { select: { name: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    organisation: row.organisation.name,
    createdBy: row.createdBy?.name ?? null,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  }));
}

export type ApiAuth =
  | { ok: true; tokenId: string; organisationId: string; organisationName: string }
  | { ok: false; status: 401 | 429; code: "unauthorized" | "rateLimited"; retryAfterMs?: number };

/** The organisation a request's `Authorization: Bearer …` token reads, or why not. */
export async function authenticateApiRequest(request: Request, now = new Date()): Promise<ApiAuth> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match || !match[1].startsWith(PREFIX) || match[1].length > 200) return { ok: false, status: 401, code: "unauthorized" };
  const row = await db.apiToken.findUnique({ where: { id: hash(match[1]) }, include: { organisation: { select: { name: true } } } });
  if (!row || row.revokedAt) return { ok: false, status: 401, code: "unauthorized" };
  const limit = await consumeRateLimit(`api:${row.id}`, API_REQUESTS_PER_HOUR, 60 * 60_000, now);
  if (!limit.allowed) return { ok: false, status: 429, code: "rateLimited", retryAfterMs: limit.retryAfterMs };
  // Written at most once a minute: a busy dashboard should not turn every read into a write.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { ok: true, tokenId: row.id, organisationId: row.organisationId, organisationName: row.organisation.name };
}
