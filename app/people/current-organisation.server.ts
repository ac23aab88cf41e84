import type { Prisma } from "~/db/generated/client";
import { inChunks, insertRows, newRowId } from "~/db/sql.server";

/**
 * A person's current organisation, as an attendance sheet or an import says
 * it: one current membership per person, so a different current one is
 * ended (kept, with its dates: history is never rewritten) and a new one
 * starts. Already a member there: nothing changes, whatever their role.
 */
type Tx = Prisma.TransactionClient;

export async function joinOrganisation(tx: Tx, userId: string, organisationId: string, now = new Date()): Promise<void> {
  await joinOrganisations(tx, [{ userId, organisationId }], now);
}

/** joinOrganisation for many people at once, in a few statements; returns how many memberships started. */
export async function joinOrganisations(tx: Tx, pairs: readonly { userId: string; organisationId: string }[], now = new Date()): Promise<number> {
  const wanted = new Map(pairs.map((p) => [p.userId, p.organisationId]));
  const toEnd: string[] = [];
  const toStart: string[] = [];
  for (const ids of inChunks([...wanted.keys()])) {
    const current = await tx.membership.findMany({ where: { userId: { in: ids }, endedAt: null }, select: { id: true, userId: true, organisationId: true } });
    const currentOf = new Map(current.map((m) => [m.userId, m]));
    for (const userId of ids) {
      const membership = currentOf.get(userId);
      if (membership?.organisationId === wanted.get(userId)) continue;
      if (membership) toEnd.push(membership.id);
      toStart.push(userId);
    }
  }
  for (const ids of inChunks(toEnd)) await tx.membership.updateMany({ where: { id: { in: ids } }, data: { endedAt: now } });
  await insertRows(
    tx,
    "Membership",
    ["id", "userId", "organisationId", "role", "startedAt"],
    toStart.map((userId) => [newRowId(), userId, wanted.get(userId)!, "member", now]),
  );
  return toStart.length;
}
