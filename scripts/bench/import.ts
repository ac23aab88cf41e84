/**
 * `npm run bench:import`: how long a 10,000-row import file takes to validate
 * and to import. Generates a realistic file (Latin and Arabic names, most with
 * an email, many with a phone, a fifth of them already known, organisations
 * old and new, semicolons, quoted fields), imports it into a throwaway migrated
 * database with the attendance at a session recorded for everyone (the
 * heaviest choice: people, profiles, memberships, attendances and training
 * records), then imports it again (everyone matched, nothing written).
 * The machines are shared and noisy: compare runs, do not trust one.
 *
 *   npm run bench:import [-- --rows 10000 --target session|cohort|people]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: { rows: { type: "string", default: "10000" }, target: { type: "string", default: "session" } },
});
const ROWS = Math.min(Math.max(Number(args.rows) || 10_000, 1), 20_000);
const TARGET = ["session", "cohort", "people"].includes(args.target!) ? (args.target as "session" | "cohort" | "people") : "session";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tadrib-bench-import-"));
const dbFile = path.join(dir, "bench.db");
// Before any app module is imported: env.server.ts reads these once.
process.env.DATABASE_URL = `file:${dbFile}`;
process.env.UPLOADS_DIR = path.join(dir, "uploads");
process.env.LOG_LEVEL = "silent";

const { migrate, openDatabase } = await import("../../app/db/migrate.server");
const migrator = openDatabase(dbFile);
migrate(migrator);
migrator.close();

const { db, closeDb } = await import("../../app/db/client.server");
const { parseCsv } = await import("../../app/import/csv.server");
const { validateImport } = await import("../../app/import/validate.server");
const { runImport, withImportConnection } = await import("../../app/import/run.server");
const { newInviteCode } = await import("../../app/learning/enrolments.server");

// A small deterministic generator, so two runs import the same file.
let seed = 20260501;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];

const FIRST = ["Salma", "Karim", "Nadia", "Youssef", "Fatima Zahra", "Omar", "Khadija", "Mehdi", "Imane", "Hamza", "Awa", "Moussa", "Aïcha", "Jean-Baptiste"];
const LAST = ["Benali", "El Idrissi", "Alaoui", "Bennani", "Tazi", "Chraibi", "Ouazzani", "Diallo", "Ndiaye", "Traoré", "Berrada", "El Fassi"];
const FIRST_AR = ["أمينة", "يوسف", "خديجة", "محمد", "سلمى", "عبد الرحمن", "إيمان", "حمزة"];
const LAST_AR = ["العلوي", "الإدريسي", "بناني", "التازي", "الشرايبي", "الفاسي"];
const SEX = ["femme", "homme", "woman", "man", "امرأة", "رجل", ""];
const BANDS = ["18-24", "25-34", "35-44", "45-54", "55 à 64", "65+", ""];
const PROFESSIONS = ["travailleur social", "police", "justice", "santé", "enseignant", "journaliste", "étudiant", "association_staff", "fonctionnaire", "مساعدة اجتماعية", "الشرطة", ""];
const REGIONS = ["MA-01", "MA-02", "MA-03", "Rabat-Salé-Kénitra", "Casablanca-Settat", "مراكش آسفي", "Souss-Massa", ""];
const CITIES = ["Tanger", "Oujda", "Fès", "Rabat", "Casablanca", "Marrakech", "Agadir", "الرباط", ""];
const NATIONALITIES = ["MA", "MA", "MA", "SN", "CI", "ML", "CM", "Maroc", "المغرب", ""];
const EXISTING_ORGS = Array.from({ length: 30 }, (_, i) => `Association ${LAST[i % LAST.length]} ${i + 1}`);
const NEW_ORGS = Array.from({ length: 20 }, (_, i) => `Délégation régionale n° ${i + 1}, "Migrations"`);

function quote(value: string) {
  return /[";\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

async function seedDatabase() {
  const now = new Date();
  for (const name of EXISTING_ORGS) await db.organisation.create({ data: { name, type: "civil_society", regionId: "MA-02", city: "Oujda" } });
  // A fifth of the file's people already have an account: matched, by email or by phone.
  const known = Math.floor(ROWS / 5);
  await db.user.createMany({
    data: Array.from({ length: known }, (_, i) => (i % 2 ? { name: `Known ${i}`, email: `person${i}@example.org` } : { name: `Known ${i}`, phone: `+2126${String(10_000_000 + i).slice(-8)}` })),
  });
  const course = await db.course.create({ data: { slug: "bench-course" } });
  const cohort = await db.cohort.create({ data: { courseId: course.id, name: "Bench", inviteCode: newInviteCode() } });
  const session = await db.trainingSession.create({
    data: { title: "Bench workshop", theme: "Traite des personnes", modality: "in_person", startsAt: now, endsAt: new Date(now.getTime() + 3600_000) },
  });
  return { cohortId: cohort.id, sessionId: session.id };
}

function generateFile(): Uint8Array {
  const header = "nom;email;téléphone;sexe;tranche d'âge;profession;organisation;type d'organisation;région;ville;nationalité;langue";
  const lines = [header];
  for (let i = 0; i < ROWS; i++) {
    const arabic = random() < 0.3;
    const name = arabic ? `${pick(FIRST_AR)} ${pick(LAST_AR)}` : `${pick(FIRST)} ${pick(LAST)}`;
    const email = i % 10 === 9 ? "" : `person${i}@example.org`;
    const phone = i % 2 === 0 || !email ? `06 ${String(10_000_000 + i).slice(-8).replace(/(\d\d)(?=\d)/g, "$1 ")}` : "";
    const newOrg = random() < 0.2;
    const organisation = random() < 0.15 ? "" : newOrg ? pick(NEW_ORGS) : pick(EXISTING_ORGS);
    const type = organisation && newOrg ? "administration" : "";
    const cells = [name, email, phone, pick(SEX), pick(BANDS), pick(PROFESSIONS), organisation, type, pick(REGIONS), pick(CITIES), pick(NATIONALITIES), arabic ? "ar" : "fr"];
    lines.push(cells.map(quote).join(";"));
  }
  return new TextEncoder().encode(`\uFEFF${lines.join("\r\n")}\r\n`);
}

function bar(done: number, total: number) {
  const width = 30;
  const filled = total ? Math.round((done / total) * width) : 0;
  process.stderr.write(`\r  [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}`);
  if (done === total) process.stderr.write("\n");
}

const ms = (start: number) => Math.round(performance.now() - start);

try {
  const { cohortId, sessionId } = await seedDatabase();
  const target =
    TARGET === "session" ? ({ kind: "session", sessionId } as const) : TARGET === "cohort" ? ({ kind: "cohort", cohortId } as const) : ({ kind: "people" } as const);
  const bytes = generateFile();
  console.log(`file: ${ROWS} rows, ${(bytes.length / 1024 / 1024).toFixed(2)} MB; target: ${TARGET}`);

  let start = performance.now();
  const parsed = parseCsv(bytes);
  if (!parsed.ok) throw new Error(`the generated file does not parse: ${parsed.problem.code}`);
  const { report } = await validateImport(parsed.csv, target, { client: db });
  const validationMs = ms(start);
  if (report.problemCount) throw new Error(`the generated file has problems: ${JSON.stringify(report.problems.slice(0, 5))}`);
  console.log(`validation (upload): ${validationMs} ms — ${report.counts.created} to create, ${report.counts.matched} to match`);

  start = performance.now();
  const first = await withImportConnection((client) => runImport(client, parsed.csv, target, { onProgress: bar }));
  const importMs = ms(start);
  console.log(`import: ${importMs} ms`);

  start = performance.now();
  const again = await withImportConnection((client) => runImport(client, parsed.csv, target, { onProgress: bar }));
  const reimportMs = ms(start);
  console.log(`re-import (nothing new): ${reimportMs} ms`);

  const [users, records, attendances, enrolments] = await Promise.all([db.user.count(), db.trainingRecord.count(), db.attendance.count(), db.enrolment.count()]);
  const c = first.report.counts;
  console.log(
    `summary: ${ROWS} rows, validation ${validationMs} ms, import ${importMs} ms, re-import ${reimportMs} ms; ` +
      `${c.created} created, ${c.matched} matched, ${c.organisationsCreated} organisations, ${c.membershipsStarted} memberships, ` +
      `${c.attended} attendances, ${c.enrolled} enrolments; database: ${users} people, ${attendances} attendances, ${records} training records, ${enrolments} enrolments; ` +
      `re-import created ${again.report.counts.created}; ${importMs < 10_000 ? "under" : "OVER"} the 10 s target`,
  );
  if (!first.ok || !again.ok) process.exitCode = 1;
} finally {
  await closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
}
