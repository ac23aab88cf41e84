import { describe, expect, test } from "vitest";
import { db } from "~/db/client.server";
import { joinOrganisation } from "~/organisations/memberships.server";
import { personSnapshot } from "~/training/records.server";
import { profileFactsSchema } from "./profile-form";
import { profilePage, saveProfile } from "./profile.server";
import { createUser } from "../../tests/setup/db-fixtures";

const organisation = (name: string) => db.organisation.create({ data: { name, type: "government", regionId: "MA-02", city: "Oujda" } });

describe("the profile", () => {
  test("a birth year is stored as given and sets the age band of the year it is saved", async () => {
    const person = await createUser();
    const saved = await saveProfile(person.id, { birthYear: 1990, ageBand: "under_18", sex: "woman" }, new Date("2026-04-01T00:00:00Z"));
    expect(saved).toEqual({ ok: true });
    expect(await db.profile.findUnique({ where: { userId: person.id } })).toMatchObject({ birthYear: 1990, ageBand: "from_35_to_44", sex: "woman" });
  });

  test("an age band alone is stored; an empty form clears every item", async () => {
    const person = await createUser();
    await saveProfile(person.id, { ageBand: "from_45_to_54", profession: "police_gendarmerie", regionId: "MA-06", city: "Casablanca", nationality: "SN" });
    expect(await db.profile.findUnique({ where: { userId: person.id } })).toMatchObject({
      ageBand: "from_45_to_54",
      birthYear: null,
      profession: "police_gendarmerie",
      regionId: "MA-06",
      city: "Casablanca",
      nationality: "SN",
    });
    await saveProfile(person.id, {});
    expect(await db.profile.findUnique({ where: { userId: person.id } })).toMatchObject({
      sex: null,
      ageBand: null,
      profession: null,
      regionId: null,
      city: null,
      nationality: null,
    });
  });

  test("unknown choices are field errors and change nothing", async () => {
    const person = await createUser();
    expect(await saveProfile(person.id, { regionId: "MA-99", organisationId: "nope", city: "Fès" })).toEqual({
      ok: false,
      fieldErrors: { regionId: ["people.profile.errors.regionUnknown"], organisationId: ["people.profile.errors.organisationUnknown"] },
    });
    expect(await db.profile.count({ where: { userId: person.id } })).toBe(0);
    const parsed = profileFactsSchema.safeParse({ sex: "femme", nationality: "EH", birthYear: 2030 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.flatten().fieldErrors).toEqual({
      sex: ["people.profile.errors.choice"],
      nationality: ["people.profile.errors.nationalityUnknown"],
      birthYear: ["people.profile.errors.birthYear"],
    });
  });

  test("choosing an organisation makes a member, ends the previous membership, and never makes a manager", async () => {
    const person = await createUser();
    const [amal, ministry] = await Promise.all([organisation("Amal"), organisation("Ministère")]);
    await joinOrganisation({ userId: person.id, organisationId: amal.id, role: "manager" });
    await saveProfile(person.id, { organisationId: amal.id });
    expect(await db.membership.findFirst({ where: { userId: person.id, endedAt: null } })).toMatchObject({ organisationId: amal.id, role: "manager" });
    await saveProfile(person.id, { organisationId: ministry.id });
    expect(await db.membership.findFirst({ where: { userId: person.id, endedAt: null } })).toMatchObject({ organisationId: ministry.id, role: "member" });
    expect(await db.membership.count({ where: { userId: person.id, organisationId: amal.id, endedAt: { not: null } } })).toBe(1);
    await saveProfile(person.id, {});
    expect(await db.membership.count({ where: { userId: person.id, endedAt: null } })).toBe(0);
  });

  test("an invitation link preselects its organisation; the page lists regions and countries in the page's language", async () => {
    const person = await createUser();
    const amal = await organisation("Amal");
    const page = await profilePage(person.id, "ar", amal.id);
    expect(page.invitedTo).toEqual({ id: amal.id, name: "Amal" });
    expect(page.values.organisationId).toBe(amal.id);
    expect(page.regions).toHaveLength(12);
    expect(page.regions[1]).toEqual({ id: "MA-02", name: "الشرق" });
    expect(page.countries.find((c) => c.code === "MA")?.name).toBe("المغرب");
    expect(page.countries.some((c) => c.code === "EH")).toBe(false);
    expect((await profilePage(person.id, "fr", "unknown")).invitedTo).toBeNull();
  });

  test("training records take the age band of the training's year from a birth year", async () => {
    const person = await createUser();
    await saveProfile(person.id, { birthYear: 2002 }, new Date("2026-01-05T00:00:00Z"));
    expect((await personSnapshot(person.id, db, new Date("2026-06-01T00:00:00Z"))).ageBand).toBe("from_18_to_24");
    expect((await personSnapshot(person.id, db, new Date("2028-06-01T00:00:00Z"))).ageBand).toBe("from_25_to_34");
  });
});
