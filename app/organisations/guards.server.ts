import { requireUser } from "~/auth/guards.server";
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { readRow } from "~/db/read.server";
import type { Organisation } from "~/db/generated/client";

/**
 * An organisation manager's scope comes from their membership, never from
 * the request: no URL or form field names the organisation a manager acts
 * on, so none can be changed to reach another one.
 */
export async function managedOrganisation(userId: string): Promise<Organisation | null> {
  // One statement (a membership's organisation would be two): a person has at most one current membership.
  return db.organisation.findFirst({
    where: { memberships: { some: { userId, endedAt: null, role: "manager", user: { deletedAt: null } } } },
  });
}

/**
 * Whether the person manages an organisation (the root loader asks on every signed-in page, for the header's
 * "my organisation"): the same condition as managedOrganisation's, as one prepared statement (app/db/read.server.ts).
 */
export function managesOrganisation(userId: string): boolean {
  return Boolean(
    readRow(
      `SELECT 1 FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
       WHERE m."userId" = ? AND m."endedAt" IS NULL AND m."role" = 'manager' AND u."deletedAt" IS NULL LIMIT 1`,
      userId,
    ),
  );
}

/** The signed-in manager and the organisation they manage; 403 for anyone else (admins included: they have their own pages). */
export async function requireOrgManager(request: Request): Promise<{ user: SessionUser; organisation: Organisation }> {
  const user = await requireUser(request);
  const organisation = await managedOrganisation(user.id);
  if (!organisation) throw new Response("Forbidden", { status: 403 });
  return { user, organisation };
}
