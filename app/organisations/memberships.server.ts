import { db } from "~/db/client.server";
import type { Membership, MembershipRole } from "~/db/generated/client";

/**
 * A person belongs to one organisation at a time (one current membership: a
 * partial unique index in the migration). Nothing here rewrites a
 * membership's dates or role: moving to another organisation, or becoming
 * manager, ends the current membership and starts a new one, so the history
 * says who was where, and who could see an organisation's members, when.
 */

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}

export type JoinOutcome = {
  membership: Membership;
  /** False when the person already had this place (same organisation, same role). */
  changed: boolean;
  /** The organisation whose membership this ended, if the person moved. */
  leftOrganisationId: string | null;
};

/**
 * Makes the person a member of the organisation. `role` omitted keeps the
 * role of someone already there and makes a newcomer a member: what a person
 * choosing their own organisation gets (they can never make themselves
 * manager). Two requests at once: the database refuses the second current
 * membership, and the move is tried again on what the first one left.
 */
export async function joinOrganisation(
  input: { userId: string; organisationId: string; role?: MembershipRole },
  now = new Date(),
): Promise<JoinOutcome> {
  for (let round = 0; ; round++) {
    try {
      return await db.$transaction(async (tx) => {
        const current = await tx.membership.findFirst({ where: { userId: input.userId, endedAt: null } });
        const role = input.role ?? (current?.organisationId === input.organisationId ? current.role : "member");
        if (current && current.organisationId === input.organisationId && current.role === role) {
          return { membership: current, changed: false, leftOrganisationId: null };
        }
        if (current) await tx.membership.update({ where: { id: current.id }, data: { endedAt: now } });
        const membership = await tx.membership.create({
          data: { userId: input.userId, organisationId: input.organisationId, role, startedAt: now },
        });
        const moved = current && current.organisationId !== input.organisationId;
        return { membership, changed: true, leftOrganisationId: moved ? current.organisationId : null };
      });
    } catch (error) {
      if (!isUniqueViolation(error) || round >= 2) throw error;
    }
  }
}

/** Ends the person's current membership, whatever it is (they chose "no organisation"). */
export async function leaveOrganisation(userId: string, now = new Date()): Promise<boolean> {
  const { count } = await db.membership.updateMany({ where: { userId, endedAt: null }, data: { endedAt: now } });
  return count > 0;
}

/**
 * A current member of `organisationId` becomes manager, or member again.
 * Null when the membership is not a current one of this organisation.
 */
export async function changeMemberRole(
  organisationId: string,
  membershipId: string,
  role: MembershipRole,
  now = new Date(),
): Promise<JoinOutcome | null> {
  const membership = await db.membership.findFirst({ where: { id: membershipId, organisationId, endedAt: null } });
  if (!membership) return null;
  return joinOrganisation({ userId: membership.userId, organisationId, role }, now);
}

/** Ends a current membership of `organisationId`; false when there is none with this id. */
export async function endMembership(organisationId: string, membershipId: string, now = new Date()): Promise<boolean> {
  const { count } = await db.membership.updateMany({ where: { id: membershipId, organisationId, endedAt: null }, data: { endedAt: now } });
  return count > 0;
}

/** The person's current membership with its organisation, if any. */
export async function currentMembership(userId: string) {
  return db.membership.findFirst({
    where: { userId, endedAt: null },
    include: { organisation: { select: { id: true, name: true, type: true } } },
  });
}
