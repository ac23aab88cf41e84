import { describe, expect, test } from "vitest";
import { db } from "~/db/client.server";
import { enrol } from "~/learning/enrolments.server";
import { markLessonComplete } from "~/learning/progress.server";
import { findOrCreatePerson } from "~/people/people.server";
import { catalogCourse, createUser } from "../../tests/setup/db-fixtures";
import { runImport, withImportConnection } from "./run.server";
import { cohortOf, csvOf, organisation, tableCounts, trainingSession, unique } from "./test-fixtures";
import type { ImportTarget } from "./types";

/** The import itself: one transaction, all rows or none, and the same file twice makes nothing twice. */

const now = new Date("2026-05-01T10:00:00Z");
const run = (text: string, target: ImportTarget = { kind: "people" }, onProgress?: (done: number, total: number) => void) =>
  withImportConnection((client) => runImport(client, csvOf(text), target, { now, onProgress }));

describe("importing people", () => {
  test("creates people without a password, with their profile and organisation", async () => {
    const amal = await organisation(`Association Amal ${unique()}`);
    const outcome = await run(
      [
        "name;email;phone;sex;age_band;profession;organisation;organisation_type;region;city;nationality;language",
        `Salma Benali;salma-${unique()}@example.org;06 12 34 56 78;femme;25-34;travailleuse sociale;${amal.name};;MA-02;Oujda;MA;fr`,
        `يوسف الإدريسي;;+212 661 23 45 67;رجل;;الشرطة;المديرية ${unique()};حكومي;الرباط سلا القنيطرة;الرباط;المغرب;ar`,
      ].join("\n"),
    );
    expect(outcome).toMatchObject({ ok: true, report: { counts: { created: 2, matched: 0, organisationsCreated: 1, membershipsStarted: 2 } } });
    const salma = await db.user.findUniqueOrThrow({ where: { phone: "+212612345678" }, include: { profile: true, password: true, memberships: { include: { organisation: true } } } });
    expect(salma).toMatchObject({ name: "Salma Benali", locale: "fr", role: "learner", password: null });
    expect(salma.profile).toMatchObject({ sex: "woman", ageBand: "from_25_to_34", profession: "social_worker", regionId: "MA-02", city: "Oujda", nationality: "MA" });
    expect(salma.memberships.map((m) => [m.organisation.id, m.role, m.endedAt])).toEqual([[amal.id, "member", null]]);
    const youssef = await db.user.findUniqueOrThrow({ where: { phone: "+212661234567" }, include: { profile: true, memberships: { include: { organisation: true } } } });
    expect(youssef).toMatchObject({ name: "يوسف الإدريسي", locale: "ar", email: null });
    expect(youssef.profile).toMatchObject({ sex: "man", profession: "police_gendarmerie", regionId: "MA-04", city: "الرباط" });
    expect(youssef.memberships[0].organisation).toMatchObject({ type: "government" });
    expect(youssef.memberships[0].organisation.name).toMatch(/^المديرية /);
  });

  test("a file with one bad row writes nothing at all", async () => {
    const before = await tableCounts();
    const outcome = await run(`name,email\nA,a-${unique()}@example.org\nB,not-an-email\nC,c-${unique()}@example.org\n`);
    expect(outcome.ok).toBe(false);
    expect(outcome.report.problems).toEqual([{ row: 3, column: "email", code: "email", params: { value: "not-an-email" } }]);
    expect(await tableCounts()).toEqual(before);
  });

  test("an error thrown mid-way leaves the database as it was", async () => {
    const course = await catalogCourse(`midway-${unique()}`);
    const group = await cohortOf(course.id);
    const amal = await organisation(`Amal ${unique()}`);
    const rows = Array.from({ length: 1200 }, (_, i) => `Person ${i},p${i}-${unique()}@example.org,${amal.name}`);
    const before = await tableCounts();
    const seen: number[] = [];
    await expect(
      run(`name,email,organisation\n${rows.join("\n")}`, { kind: "cohort", cohortId: group.id }, (done) => {
        seen.push(done);
        // After the first 500 people, their memberships and enrolments are written.
        if (done >= 1000) throw new Error("disk full");
      }),
    ).rejects.toThrow("disk full");
    expect(seen).toEqual([0, 500, 1000]);
    expect(await tableCounts()).toEqual(before);
  });

  test("the same file imported again creates no second person, membership, enrolment or attendance", async () => {
    const course = await catalogCourse(`again-${unique()}`);
    const group = await cohortOf(course.id, { capacity: 3 });
    const session = await trainingSession();
    const file = [
      "name,email,phone,organisation,organisation_type,sex",
      `Amina,amina-${unique()}@example.org,,Nouvelle ${unique()},association,femme`,
      `Karim,,0612${Math.floor(100000 + Math.random() * 899999)},,,homme`,
      `Sara,sara-${unique()}@example.org,0711223344,,,`,
    ].join("\n");
    expect((await run(file, { kind: "cohort", cohortId: group.id })).report.counts).toMatchObject({ created: 3, enrolled: 3 });
    expect((await run(file, { kind: "session", sessionId: session.id })).report.counts).toMatchObject({ created: 0, matched: 3, attended: 3 });
    const once = await tableCounts();
    const again = await run(file, { kind: "cohort", cohortId: group.id });
    // Full at 3, yet the same three people are already in: nothing is refused, nothing added.
    expect(again).toMatchObject({ ok: true, report: { problems: [], counts: { created: 0, matched: 3, enrolled: 0, alreadyEnrolled: 3, organisationsCreated: 0, membershipsStarted: 0 } } });
    expect((await run(file, { kind: "session", sessionId: session.id })).report.counts).toMatchObject({ attended: 0, alreadyPresent: 3 });
    expect(await tableCounts()).toEqual(once);
  });

  test("fills only the profile facts a person left empty, and moves them to the organisation the file names", async () => {
    const person = await createUser({ name: "Houda Saidi" });
    await db.profile.create({ data: { userId: person.id, sex: "woman", profession: "journalist_media" } });
    const old = await organisation(`Ancienne ${unique()}`);
    const next = await organisation(`Nouvelle ${unique()}`);
    await db.membership.create({ data: { userId: person.id, organisationId: old.id, role: "manager" } });
    const outcome = await run(`name,email,sex,profession,city,organisation\nH. Saidi,${person.email},homme,étudiante,Tanger,${next.name}\n`);
    expect(outcome.report.counts).toMatchObject({ matched: 1, created: 0, membershipsStarted: 1 });
    const after = await db.user.findUniqueOrThrow({ where: { id: person.id }, include: { profile: true, memberships: { orderBy: { endedAt: { sort: "asc", nulls: "last" } } } } });
    // The name and the facts the person gave stay; the empty city is filled.
    expect(after.name).toBe("Houda Saidi");
    expect(after.profile).toMatchObject({ sex: "woman", profession: "journalist_media", city: "Tanger" });
    expect(after.memberships.map((m) => [m.organisationId, m.endedAt === null])).toEqual([
      [old.id, false],
      [next.id, true],
    ]);
  });

  test("matches as findOrCreatePerson does: by email, then by phone, adding an email or phone a person lacked", async () => {
    const byPhone = await db.user.create({ data: { name: "Omar", phone: "+212612999001" } });
    const email = `omar-${unique()}@example.org`;
    await run(`name,email,phone\nOmar B.,${email},0612999001\n`);
    expect(await db.user.findUniqueOrThrow({ where: { id: byPhone.id } })).toMatchObject({ name: "Omar", email, phone: "+212612999001" });
    // findOrCreatePerson now finds the same person by the email the import added.
    expect((await findOrCreatePerson({ name: "x", email })).person.id).toBe(byPhone.id);
  });

  test("enrols through the cohort's rules: an unfinished run moves into it, a completed one starts again", async () => {
    const course = await catalogCourse(`runs-${unique()}`, { modules: [{ id: "m", title: { fr: "M" }, lessons: [{ id: "a", title: { fr: "A" } }] }] });
    const started = await createUser();
    const finished = await createUser();
    const startedRun = (await enrol(started.id, course)).enrolment;
    await enrol(finished.id, course);
    await markLessonComplete(finished.id, course, "a");
    const group = await cohortOf(course.id);
    const outcome = await run(`name,email\nS,${started.email}\nF,${finished.email}\n`, { kind: "cohort", cohortId: group.id });
    expect(outcome.report.counts).toMatchObject({ enrolled: 2, alreadyEnrolled: 0 });
    expect(await db.enrolment.findUniqueOrThrow({ where: { id: startedRun.id } })).toMatchObject({ cohortId: group.id });
    expect(await db.enrolment.count({ where: { userId: finished.id, courseId: course.id } })).toBe(2);
  });

  test("records attendance at a session with its training record, dated by the session and holding the person's facts", async () => {
    const session = await trainingSession({ modality: "webinar", theme: "Recrutement équitable", startsAt: new Date("2026-03-10T14:00:00Z") });
    const amal = await organisation(`Amal ${unique()}`, "civil_society");
    await run(`name,phone,sex,organisation\nNadia,0612888777,femme,${amal.name}\n`, { kind: "session", sessionId: session.id });
    const person = await db.user.findUniqueOrThrow({ where: { phone: "+212612888777" } });
    const records = await db.trainingRecord.findMany({ where: { userId: person.id } });
    expect(records).toEqual([
      expect.objectContaining({
        kind: "attendance",
        modality: "webinar",
        occurredAt: new Date("2026-03-10T14:00:00Z"),
        year: 2026,
        month: 3,
        courseId: null,
        theme: "Recrutement équitable",
        sex: "woman",
        organisationId: amal.id,
        organisationType: "civil_society",
        regionId: "MA-02",
        city: "Oujda",
      }),
    ]);
    expect(await db.attendance.findUniqueOrThrow({ where: { id: records[0].attendanceId! } })).toMatchObject({ sessionId: session.id, userId: person.id });
  });
});
