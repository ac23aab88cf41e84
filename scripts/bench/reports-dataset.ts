/**
 * A realistic dataset for the report benchmark: people with profiles and
 * organisations, enrolments with lesson progress, completions, sessions with
 * attendance, and the training records those write. Written straight into a
 * migrated SQLite file with prepared statements in large transactions (what
 * the app's own code writes one row at a time would take hours at this size);
 * the rows have the shape the app writes (ISO dates with an offset, enum
 * values, snapshots of the profile in each training record).
 *
 * Deterministic: the same sizes give the same data, so runs compare.
 */
import Database from "better-sqlite3";
import { progress } from "../progress";

export type DatasetSizes = { people: number; organisations: number; enrolments: number; lessonProgress: number; sessions: number };
export const FULL_SIZES: DatasetSizes = { people: 100_000, organisations: 1_000, enrolments: 300_000, lessonProgress: 2_000_000, sessions: 5_000 };

const COURSES = ["trafficking-identify-protect-refer", "reporting-on-migration", "fair-recruitment", "migration-data"];
const THEMES = ["Identification des victimes", "Orientation et protection", "Recrutement éthique", "Données migratoires", "Couverture médiatique des migrations"];
const LESSONS_PER_COURSE = 12;
/** Morocco's regions and some of their cities. */
const CITIES: Record<string, string[]> = {
  "MA-01": ["Tanger", "Tétouan", "Al Hoceïma", "Larache"],
  "MA-02": ["Oujda", "Nador", "Berkane", "Figuig"],
  "MA-03": ["Fès", "Meknès", "Taza"],
  "MA-04": ["Rabat", "Salé", "Kénitra", "Témara"],
  "MA-05": ["Béni Mellal", "Khouribga"],
  "MA-06": ["Casablanca", "Mohammédia", "El Jadida", "Settat"],
  "MA-07": ["Marrakech", "Safi", "Essaouira"],
  "MA-08": ["Errachidia", "Ouarzazate"],
  "MA-09": ["Agadir", "Taroudant", "Tiznit"],
  "MA-10": ["Guelmim", "Tan-Tan"],
  "MA-11": ["Laâyoune", "Boujdour"],
  "MA-12": ["Dakhla"],
};
const REGION_WEIGHTS: [string, number][] = [
  ["MA-06", 22], ["MA-04", 14], ["MA-07", 12], ["MA-03", 12], ["MA-01", 11], ["MA-02", 10], ["MA-09", 8], ["MA-05", 5], ["MA-08", 3], ["MA-10", 1], ["MA-11", 1], ["MA-12", 1],
];
const ORG_TYPES: [string, number][] = [["government", 35], ["civil_society", 35], ["academic", 10], ["media", 8], ["international", 4], ["private", 5], ["other", 3]];
const SEXES: [string | null, number][] = [["woman", 48], ["man", 46], ["other", 1], ["undisclosed", 3], [null, 2]];
const AGES: [string | null, number][] = [["under_18", 1], ["from_18_to_24", 18], ["from_25_to_34", 32], ["from_35_to_44", 25], ["from_45_to_54", 14], ["from_55_to_64", 6], ["from_65", 1], [null, 3]];
const PROFESSIONS: [string | null, number][] = [
  ["social_worker", 14], ["police_gendarmerie", 12], ["justice", 6], ["health", 7], ["labour_employment", 8], ["teacher", 7], ["journalist_media", 8],
  ["student", 12], ["association_staff", 14], ["public_servant", 8], ["other", 2], [null, 2],
];

/** A small seeded generator (mulberry32). */
function generator(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const pick = <T,>(weights: [T, number][]): T => {
    const total = weights.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [value, w] of weights) if ((r -= w) < 0) return value;
    return weights[weights.length - 1][0];
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { next, pick, int };
}

const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");
const START = Date.UTC(2021, 0, 1);
const END = Date.UTC(2026, 10, 30);

export function generateDataset(file: string, sizes: DatasetSizes = FULL_SIZES): Record<string, number> {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.pragma("foreign_keys = OFF");
  const rnd = generator(20261202);
  const now = iso(new Date(END));
  const counts: Record<string, number> = {};
  const batch = (label: string, total: number, write: (i: number) => number | void) => {
    const bar = progress(label, total);
    let rows = 0;
    const chunk = 20_000;
    for (let start = 0; start < total; start += chunk) {
      db.transaction(() => {
        for (let i = start; i < Math.min(total, start + chunk); i++) rows += write(i) ?? 1;
      })();
      bar.tick(Math.min(total, start + chunk));
    }
    bar.done(`${rows.toLocaleString("en")} rows`);
    counts[label] = rows;
  };

  // Courses, with the open cohort each has and a few dated cohorts.
  const courseIds = COURSES.map((slug) => {
    db.prepare(`INSERT OR IGNORE INTO "Course" ("id", "slug", "createdAt") VALUES (?, ?, ?)`).run(`bench-course-${slug}`, slug, now);
    return (db.prepare(`SELECT "id" FROM "Course" WHERE "slug" = ?`).get(slug) as { id: string }).id;
  });
  const cohortIds: string[][] = courseIds.map((courseId, c) =>
    Array.from({ length: 25 }, (_, k) => {
      // A course has one open cohort: an existing database (the demo's) already has it.
      const open = k === 0 ? (db.prepare(`SELECT "id" FROM "Cohort" WHERE "courseId" = ? AND "isOpen" = 1`).get(courseId) as { id: string } | undefined) : undefined;
      if (open) return open.id;
      const id = `bench-cohort-${c}-${k}`;
      db.prepare(`INSERT INTO "Cohort" ("id", "courseId", "name", "inviteCode", "isOpen", "createdAt") VALUES (?, ?, ?, ?, ?, ?)`).run(
        id, courseId, k === 0 ? "Open" : `Cohort ${k}`, `BENCH${c}${String(k).padStart(4, "0")}`, k === 0 ? 1 : 0, now,
      );
      return id;
    }),
  );

  type Org = { id: string; type: string; region: string; city: string };
  const orgs: Org[] = [];
  const insertOrg = db.prepare(`INSERT INTO "Organisation" ("id", "name", "type", "regionId", "city", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?)`);
  batch("organisations", sizes.organisations, (i) => {
    const region = rnd.pick(REGION_WEIGHTS);
    const cities = CITIES[region];
    const org = { id: `bench-org-${i}`, type: rnd.pick(ORG_TYPES), region, city: cities[rnd.int(0, cities.length - 1)] };
    orgs.push(org);
    insertOrg.run(org.id, `Organisation ${i}`, org.type, org.region, org.city, now, now);
  });

  type Person = { id: string; org: Org | null; sex: string | null; age: string | null; profession: string | null; region: string | null; city: string | null };
  const people: Person[] = [];
  const insertUser = db.prepare(`INSERT INTO "User" ("id", "email", "name", "locale", "role", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, 'learner', ?, ?)`);
  const insertProfile = db.prepare(`INSERT INTO "Profile" ("userId", "sex", "ageBand", "profession", "regionId", "city", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insertMembership = db.prepare(`INSERT INTO "Membership" ("id", "userId", "organisationId", "role", "startedAt") VALUES (?, ?, ?, ?, ?)`);
  batch("people", sizes.people, (i) => {
    const id = `bench-user-${i}`;
    // Organisation sizes are uneven: a few large institutions, many small associations.
    const org = orgs.length > 0 && rnd.next() < 0.9 ? orgs[Math.floor(orgs.length * rnd.next() ** 2)] : null;
    const ownPlace = rnd.next() < 0.3;
    const region = ownPlace ? rnd.pick(REGION_WEIGHTS) : (org?.region ?? null);
    const person: Person = {
      id,
      org,
      sex: rnd.pick(SEXES),
      age: rnd.pick(AGES),
      profession: rnd.pick(PROFESSIONS),
      region,
      city: ownPlace && region ? CITIES[region][0] : (org?.city ?? null),
    };
    people.push(person);
    insertUser.run(id, `bench-${i}@example.test`, `Person ${i}`, rnd.next() < 0.3 ? "ar" : "fr", now, now);
    insertProfile.run(id, person.sex, person.age, person.profession, ownPlace ? region : null, ownPlace ? person.city : null, now);
    if (org) insertMembership.run(`bench-membership-${i}`, id, org.id, i % 200 === 0 ? "manager" : "member", now);
    return org ? 3 : 2;
  });

  const insertRecord = db.prepare(
    `INSERT INTO "TrainingRecord" ("id", "userId", "kind", "occurredAt", "year", "month", "courseId", "theme", "modality", "completionId", "attendanceId",
      "validUntil", "organisationId", "organisationType", "sex", "ageBand", "profession", "regionId", "city", "createdAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const record = (id: string, person: Person, kind: string, at: Date, courseId: string | null, theme: string | null, modality: string, link: { completionId?: string; attendanceId?: string }) =>
    insertRecord.run(
      id, person.id, kind, iso(at), at.getUTCFullYear(), at.getUTCMonth() + 1, courseId, theme, modality, link.completionId ?? null, link.attendanceId ?? null,
      // The trafficking course asks for a refresher every two years.
      courseId === courseIds[0] ? iso(new Date(at.getTime() + 730 * 86_400_000)) : null,
      person.org?.id ?? null, person.org?.type ?? null, person.sex, person.age, person.profession, person.region, person.city, now,
    );

  const insertEnrolment = db.prepare(`INSERT INTO "Enrolment" ("id", "userId", "courseId", "cohortId", "enrolledAt") VALUES (?, ?, ?, ?, ?)`);
  const insertProgress = db.prepare(
    `INSERT INTO "LessonProgress" ("id", "userId", "courseId", "enrolmentId", "lessonId", "startedAt", "lastViewedAt", "completedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertCompletion = db.prepare(
    `INSERT INTO "Completion" ("id", "userId", "courseId", "enrolmentId", "courseVersion", "modality", "completedAt") VALUES (?, ?, ?, ?, 'bench', 'online', ?)`,
  );
  const progressPerEnrolment = sizes.enrolments > 0 ? sizes.lessonProgress / sizes.enrolments : 0;
  let progressRows = 0;
  batch("enrolments", sizes.enrolments, (i) => {
    // Person i mod people, course by turn: each person takes up to all four courses, in one cohort each.
    const person = people[i % people.length];
    const c = Math.floor(i / people.length) % courseIds.length;
    const courseId = courseIds[c];
    const cohortId = cohortIds[c][rnd.int(0, cohortIds[c].length - 1)];
    const enrolledAt = new Date(START + rnd.next() * (END - START - 60 * 86_400_000));
    const id = `bench-enrolment-${i}`;
    insertEnrolment.run(id, person.id, courseId, cohortId, iso(enrolledAt));
    // Lesson progress up to the total asked for: the share of rows still to write decides this enrolment's count.
    const remaining = sizes.lessonProgress - progressRows;
    const lessons = Math.min(LESSONS_PER_COURSE, remaining, Math.round(progressPerEnrolment * (0.5 + rnd.next())) || 0);
    let rows = 1;
    for (let l = 0; l < lessons; l++) {
      const at = iso(new Date(enrolledAt.getTime() + l * 86_400_000));
      insertProgress.run(`${id}-l${l}`, person.id, courseId, id, `lesson-${l + 1}`, at, at, at);
    }
    progressRows += lessons;
    rows += lessons;
    if (lessons >= 8 && rnd.next() < 0.6) {
      const completedAt = new Date(enrolledAt.getTime() + (lessons + rnd.int(1, 20)) * 86_400_000);
      insertCompletion.run(`${id}-c`, person.id, courseId, id, iso(completedAt));
      record(`${id}-r`, person, "completion", completedAt, courseId, null, "online", { completionId: `${id}-c` });
      rows += 2;
    }
    return rows;
  });
  counts["lesson progress"] = progressRows;

  const insertSession = db.prepare(
    `INSERT INTO "TrainingSession" ("id", "title", "courseId", "theme", "modality", "startsAt", "endsAt", "regionId", "city", "organiserId", "trainers", "createdAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?)`,
  );
  const insertAttendance = db.prepare(`INSERT OR IGNORE INTO "Attendance" ("id", "sessionId", "userId", "recordedAt") VALUES (?, ?, ?, ?)`);
  batch("sessions", sizes.sessions, (i) => {
    const id = `bench-session-${i}`;
    const withCourse = rnd.next() < 0.6;
    const courseId = withCourse ? courseIds[rnd.int(0, courseIds.length - 1)] : null;
    const theme = withCourse ? null : THEMES[rnd.int(0, THEMES.length - 1)];
    const modality = rnd.next() < 0.8 ? "in_person" : "webinar";
    const startsAt = new Date(START + rnd.next() * (END - START));
    const region = rnd.pick(REGION_WEIGHTS);
    const organiser = orgs.length > 0 ? orgs[rnd.int(0, orgs.length - 1)] : null;
    insertSession.run(id, `Session ${i}`, courseId, theme, modality, iso(startsAt), iso(new Date(startsAt.getTime() + 2 * 86_400_000)), region, CITIES[region][0], organiser?.id ?? null, now);
    const attendees = rnd.int(5, 40);
    const first = rnd.int(0, Math.max(0, people.length - 1));
    let rows = 1;
    for (let k = 0; k < attendees && people.length > 0; k++) {
      const person = people[(first + k * 7) % people.length];
      const attendanceId = `${id}-a${k}`;
      if (insertAttendance.run(attendanceId, id, person.id, iso(startsAt)).changes === 0) continue;
      record(`${attendanceId}-r`, person, "attendance", startsAt, courseId, theme, modality, { attendanceId });
      rows += 2;
    }
    return rows;
  });

  counts["training records"] = (db.prepare(`SELECT COUNT(*) AS n FROM "TrainingRecord"`).get() as { n: number }).n;
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return counts;
}
