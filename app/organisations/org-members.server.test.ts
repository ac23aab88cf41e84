import { describe, expect, test } from "vitest";
import { db } from "~/db/client.server";
import { recordCompletionTraining } from "~/training/records.server";
import { managedOrganisation } from "./guards.server";
import { joinOrganisation } from "./memberships.server";
import { orgMember, orgMembers } from "./org-members.server";
import { catalogCourse, createUser, enrolmentFor } from "../../tests/setup/db-fixtures";

const organisation = (name: string) => db.organisation.create({ data: { name, type: "civil_society", regionId: "MA-02", city: "Oujda" } });

async function world() {
  const [mine, theirs] = await Promise.all([organisation("Amal"), organisation("Autre association")]);
  const manager = await createUser({ name: "Meriem Manager" });
  const member = await createUser({ name: "Leïla Membre" });
  const outsider = await createUser({ name: "Karim Ailleurs" });
  const former = await createUser({ name: "Nabil Parti" });
  await joinOrganisation({ userId: manager.id, organisationId: mine.id, role: "manager" });
  await joinOrganisation({ userId: member.id, organisationId: mine.id });
  await joinOrganisation({ userId: outsider.id, organisationId: theirs.id });
  await joinOrganisation({ userId: former.id, organisationId: mine.id });
  await joinOrganisation({ userId: former.id, organisationId: theirs.id });
  await db.profile.create({ data: { userId: member.id, sex: "woman", ageBand: "from_25_to_34", profession: "social_worker", regionId: "MA-02", city: "Berkane" } });
  return { mine, theirs, manager, member, outsider, former };
}

describe("an organisation manager's scope", () => {
  test("the manager's organisation comes from their membership; a plain member manages nothing", async () => {
    const w = await world();
    expect((await managedOrganisation(w.manager.id))?.id).toBe(w.mine.id);
    expect(await managedOrganisation(w.member.id)).toBeNull();
  });

  test("the list holds the current members of the organisation only, with their profile facts", async () => {
    const w = await world();
    const list = await orgMembers(w.mine.id, { q: "", page: 1 }, "fr");
    expect(list.members.map((m) => m.name)).toEqual(["Leïla Membre", "Meriem Manager"]);
    expect(list.members[0]).toMatchObject({ role: "member", sex: "woman", ageBand: "from_25_to_34", profession: "social_worker", region: "L'Oriental", city: "Berkane" });
    expect((await orgMembers(w.mine.id, { q: "karim", page: 1 }, "fr")).members).toEqual([]);
    expect((await orgMembers(w.mine.id, { q: "LEÏLA", page: 1 }, "fr")).members.map((m) => m.name)).toEqual(["Leïla Membre"]);
    expect((await orgMembers(w.mine.id, { q: "membre", page: 1 }, "fr")).members.map((m) => m.name)).toEqual(["Leïla Membre"]);
    // Wildcards are literal.
    expect((await orgMembers(w.mine.id, { q: "%", page: 1 }, "fr")).total).toBe(0);
  });

  test("a member of another organisation, or a former member, is not found", async () => {
    const w = await world();
    expect(await orgMember(w.mine.id, w.outsider.id, "fr")).toBeNull();
    expect(await orgMember(w.mine.id, w.former.id, "fr")).toBeNull();
    expect(await orgMember(w.mine.id, "does-not-exist", "fr")).toBeNull();
    expect((await orgMember(w.mine.id, w.member.id, "fr"))?.member.name).toBe("Leïla Membre");
  });

  test("a member's page shows their enrolments and the training records counted for this organisation", async () => {
    const w = await world();
    const course = await catalogCourse("org-scope-course", { title: { fr: "Traite des êtres humains" } });
    const enrolment = await enrolmentFor(w.member.id, course.id);
    await db.$transaction(async (tx) => {
      const completion = await tx.completion.create({
        data: { userId: w.member.id, courseId: course.id, enrolmentId: enrolment.id, courseVersion: "v1", completedAt: new Date("2026-03-02T10:00:00Z") },
      });
      await recordCompletionTraining(tx, completion);
    });
    // A record from when they were elsewhere is that organisation's count, not this one's.
    await db.trainingRecord.create({
      data: { userId: w.member.id, kind: "attendance", occurredAt: new Date("2024-05-01T00:00:00Z"), year: 2024, month: 5, modality: "in_person", theme: "Ailleurs", organisationId: w.theirs.id },
    });
    const page = await orgMember(w.mine.id, w.member.id, "fr");
    expect(page?.enrolments).toEqual([
      expect.objectContaining({ course: { slug: "org-scope-course", title: "org-scope-course", lang: "fr" }, percent: 100, completedAt: "2026-03-02T10:00:00.000Z" }),
    ]);
    expect(page?.records.map((r) => [r.kind, r.occurredAt])).toEqual([["completion", "2026-03-02T10:00:00.000Z"]]);
  });
});
