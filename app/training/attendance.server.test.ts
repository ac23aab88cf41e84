import { describe, expect, test } from "vitest";
import { db } from "~/db/client.server";
import { catalogCourse, completionFor, createUser } from "../../tests/setup/db-fixtures";
import { organisation, trainingSession, unique } from "~/import/test-fixtures";
import { recordCompletionTraining } from "./records.server";
import { addOnTheSpot, tick, untick } from "./attendance.server";
import { saveSession } from "./sessions.server";

/** The attendance sheet: each tick is an attendance and its training record, written and removed together. */

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

describe("ticking and unticking", () => {
  test("ticking records the attendance and its training record, dated by the session, with the person's facts", async () => {
    const session = await trainingSession({ modality: "in_person", startsAt: new Date("2026-02-03T08:30:00Z") });
    const person = await createUser({ name: "Rachida" });
    const amal = await organisation(`Amal ${unique()}`, "civil_society");
    await db.membership.create({ data: { userId: person.id, organisationId: amal.id } });
    await db.profile.create({ data: { userId: person.id, sex: "woman", profession: "social_worker", city: "Nador" } });

    expect(await tick(session.id, person.id)).toBe(true);
    // A second tap changes nothing.
    expect(await tick(session.id, person.id)).toBe(false);
    const attendance = await db.attendance.findUniqueOrThrow({ where: { sessionId_userId: { sessionId: session.id, userId: person.id } }, include: { trainingRecord: true } });
    expect(attendance.trainingRecord).toMatchObject({
      userId: person.id,
      kind: "attendance",
      modality: "in_person",
      occurredAt: new Date("2026-02-03T08:30:00Z"),
      year: 2026,
      month: 2,
      theme: session.theme,
      courseId: null,
      organisationId: amal.id,
      organisationType: "civil_society",
      sex: "woman",
      profession: "social_worker",
      city: "Nador",
      regionId: "MA-02",
    });
    expect(await db.trainingRecord.count({ where: { userId: person.id } })).toBe(1);

    await untick(session.id, person.id);
    expect(await db.attendance.count({ where: { sessionId: session.id } })).toBe(0);
    expect(await db.trainingRecord.count({ where: { userId: person.id } })).toBe(0);
  });

  test("someone trained online and in person is one person with both trainings on record", async () => {
    const course = await catalogCourse(`both-${unique()}`);
    const person = await createUser({ name: "Ilyas" });
    const completion = await completionFor(person.id, course.id, new Date("2026-01-10T10:00:00Z"));
    await db.$transaction((tx) => recordCompletionTraining(tx, { ...completion, modality: "online" }));
    const session = await trainingSession({ courseId: course.id, modality: "webinar" });
    await tick(session.id, person.id);
    const records = await db.trainingRecord.findMany({ where: { userId: person.id }, orderBy: { occurredAt: "asc" } });
    expect(records.map((r) => [r.kind, r.modality, r.courseId])).toEqual([
      ["completion", "online", course.id],
      ["attendance", "webinar", course.id],
    ]);
    expect(new Set(records.map((r) => r.userId)).size).toBe(1);
  });

  test("an unknown session or person is a 404, and nothing is written", async () => {
    const session = await trainingSession();
    const person = await createUser();
    await expect(tick("no-such-session", person.id)).rejects.toMatchObject({ status: 404 });
    await expect(tick(session.id, "no-such-person")).rejects.toMatchObject({ status: 404 });
    expect(await db.attendance.count({ where: { sessionId: session.id } })).toBe(0);
  });
});

describe("adding someone on the spot", () => {
  test("finds an existing person by email, then by phone, instead of counting them twice", async () => {
    const session = await trainingSession();
    const known = await createUser({ name: "Soukaina" });
    const byPhone = await db.user.create({ data: { name: "Abdelkader", phone: "+212612777001" } });
    expect(await addOnTheSpot(session.id, form({ name: "S. B.", email: known.email!.toUpperCase() }))).toMatchObject({ ok: true, created: false, userId: known.id, name: "Soukaina" });
    expect(await addOnTheSpot(session.id, form({ name: "Abdelkader X", phone: "06 12 77 70 01" }))).toMatchObject({ ok: true, created: false, userId: byPhone.id });
    const fresh = await addOnTheSpot(session.id, form({ name: "Ghita Nouvelle", phone: "0612777002" }));
    expect(fresh).toMatchObject({ ok: true, created: true });
    expect(await db.attendance.count({ where: { sessionId: session.id } })).toBe(3);
    expect(await db.trainingRecord.count({ where: { attendance: { sessionId: session.id } } })).toBe(3);
  });

  test("sets the organisation given, ending a different current one, before the record is written", async () => {
    const session = await trainingSession();
    const old = await organisation(`Old ${unique()}`, "media");
    const next = await organisation(`Next ${unique()}`, "academic");
    const person = await createUser();
    await db.membership.create({ data: { userId: person.id, organisationId: old.id } });
    await addOnTheSpot(session.id, form({ name: "x", email: person.email!, organisationId: next.id }));
    const memberships = await db.membership.findMany({ where: { userId: person.id } });
    expect(memberships.map((m) => [m.organisationId, m.endedAt === null]).sort()).toEqual([
      [next.id, true],
      [old.id, false],
    ].sort());
    expect(await db.trainingRecord.findFirst({ where: { userId: person.id } })).toMatchObject({ organisationId: next.id, organisationType: "academic" });
  });

  test("refuses an unreadable phone or email, writing nothing", async () => {
    const session = await trainingSession();
    const users = await db.user.count();
    const outcome = await addOnTheSpot(session.id, form({ name: "Y", phone: "12", email: "nope" }));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.result.error).toEqual({ email: ["sessions.errors.email"], phone: ["sessions.errors.phone"] });
    expect(await db.user.count()).toBe(users);
  });
});

describe("editing a session", () => {
  test("its attendance records follow a corrected date and modality, keeping the people's facts", async () => {
    const session = await trainingSession({ modality: "in_person", startsAt: new Date("2026-03-30T09:00:00Z") });
    const person = await createUser();
    await db.profile.create({ data: { userId: person.id, sex: "man" } });
    await tick(session.id, person.id);
    await db.profile.update({ where: { userId: person.id }, data: { sex: "undisclosed" } });
    const outcome = await saveSession(
      session.id,
      form({ title: "Atelier corrigé", theme: "Traite", modality: "webinar", startsAt: "2026-04-02T10:00", endsAt: "2026-04-02T12:00" }),
    );
    expect(outcome).toEqual({ ok: true, sessionId: session.id });
    expect(await db.trainingRecord.findFirst({ where: { userId: person.id } })).toMatchObject({
      modality: "webinar",
      occurredAt: new Date("2026-04-02T10:00:00Z"),
      year: 2026,
      month: 4,
      theme: "Traite",
      sex: "man",
    });
  });

  test("refuses an end before the start and a session with neither course nor theme", async () => {
    const outcome = await saveSession(null, form({ title: "X", modality: "in_person", startsAt: "2026-04-02T10:00", endsAt: "2026-04-02T09:00" }));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.result.error).toEqual({ theme: ["sessions.errors.subjectRequired"], endsAt: ["sessions.errors.endBeforeStart"] });
  });
});
