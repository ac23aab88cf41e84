import { describe, expect, test } from "vitest";
import { db } from "~/db/client.server";
import { changeMemberRole, endMembership, joinOrganisation, leaveOrganisation } from "./memberships.server";
import { createUser } from "../../tests/setup/db-fixtures";

async function organisation(name: string) {
  return db.organisation.create({ data: { name, type: "civil_society", regionId: "MA-04", city: "Rabat" } });
}

const day = (d: string) => new Date(`${d}T09:00:00Z`);

async function history(userId: string) {
  const rows = await db.membership.findMany({
    where: { userId },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    select: { organisation: { select: { name: true } }, role: true, startedAt: true, endedAt: true },
  });
  return rows.map((r) => `${r.organisation.name}:${r.role}:${r.startedAt.toISOString().slice(0, 10)}→${r.endedAt?.toISOString().slice(0, 10) ?? "now"}`);
}

describe("memberships", () => {
  test("moving to another organisation ends the current membership and keeps it in the history", async () => {
    const person = await createUser({ name: "Hajar" });
    const amal = await organisation("Amal");
    const police = await organisation("DGSN Oujda");
    const first = await joinOrganisation({ userId: person.id, organisationId: amal.id }, day("2025-01-10"));
    expect(first).toMatchObject({ changed: true, leftOrganisationId: null });
    const moved = await joinOrganisation({ userId: person.id, organisationId: police.id }, day("2026-03-01"));
    expect(moved).toMatchObject({ changed: true, leftOrganisationId: amal.id });
    expect(await history(person.id)).toEqual(["Amal:member:2025-01-10→2026-03-01", "DGSN Oujda:member:2026-03-01→now"]);
    expect(await db.membership.count({ where: { userId: person.id, endedAt: null } })).toBe(1);
  });

  test("choosing the organisation one is already in changes nothing, and keeps a manager's role", async () => {
    const person = await createUser({ name: "Youssef" });
    const amal = await organisation("Amal");
    await joinOrganisation({ userId: person.id, organisationId: amal.id, role: "manager" }, day("2025-05-01"));
    const again = await joinOrganisation({ userId: person.id, organisationId: amal.id }, day("2026-01-01"));
    expect(again).toMatchObject({ changed: false, membership: { role: "manager" } });
    expect(await history(person.id)).toEqual(["Amal:manager:2025-05-01→now"]);
  });

  test("a role change is a new membership, so the history says who managed the organisation when", async () => {
    const person = await createUser({ name: "Salma" });
    const amal = await organisation("Amal");
    const { membership } = await joinOrganisation({ userId: person.id, organisationId: amal.id }, day("2025-02-01"));
    const promoted = await changeMemberRole(amal.id, membership.id, "manager", day("2025-09-01"));
    expect(promoted?.membership.role).toBe("manager");
    await changeMemberRole(amal.id, promoted!.membership.id, "member", day("2026-02-01"));
    expect(await history(person.id)).toEqual([
      "Amal:member:2025-02-01→2025-09-01",
      "Amal:manager:2025-09-01→2026-02-01",
      "Amal:member:2026-02-01→now",
    ]);
  });

  test("a role change or an ending names a current membership of that very organisation, or does nothing", async () => {
    const person = await createUser();
    const amal = await organisation("Amal");
    const other = await organisation("Autre");
    const { membership } = await joinOrganisation({ userId: person.id, organisationId: amal.id }, day("2025-02-01"));
    expect(await changeMemberRole(other.id, membership.id, "manager")).toBeNull();
    expect(await endMembership(other.id, membership.id)).toBe(false);
    expect(await endMembership(amal.id, membership.id, day("2025-12-31"))).toBe(true);
    expect(await endMembership(amal.id, membership.id)).toBe(false);
    expect(await changeMemberRole(amal.id, membership.id, "manager")).toBeNull();
    expect(await history(person.id)).toEqual(["Amal:member:2025-02-01→2025-12-31"]);
  });

  test("leaving ends the current membership; two moves at once still leave one current membership", async () => {
    const person = await createUser();
    const [a, b, c] = await Promise.all([organisation("A"), organisation("B"), organisation("C")]);
    await joinOrganisation({ userId: person.id, organisationId: a.id });
    await Promise.all([joinOrganisation({ userId: person.id, organisationId: b.id }), joinOrganisation({ userId: person.id, organisationId: c.id })]);
    expect(await db.membership.count({ where: { userId: person.id, endedAt: null } })).toBe(1);
    expect(await db.membership.count({ where: { userId: person.id } })).toBe(3);
    expect(await leaveOrganisation(person.id)).toBe(true);
    expect(await db.membership.count({ where: { userId: person.id, endedAt: null } })).toBe(0);
    expect(await leaveOrganisation(person.id)).toBe(false);
  });
});
