import { getCatalog } from "~/catalog/catalog.server";
import { contentLanguage, textIn } from "~/catalog/outline";
import { db } from "~/db/client.server";
import type { Locale } from "~/i18n/locales";
import { parseCsv } from "./csv.server";
import { importProgress, startImport, waitForImport } from "./jobs.server";
import { receiveUpload } from "./receive.server";
import type { ImportTarget } from "./types";
import { readRecord, storeUpload } from "./uploads.server";
import { validateImport } from "./validate.server";
import { sessionFacts } from "~/training/sessions.server";

/** /admin/import: upload a file (validated at once), read its report, import it, see its result. */

export type UploadValues = { target: ImportTarget["kind"]; cohortId: string; sessionId: string };
export type UploadErrors = { file?: string; cohortId?: string; sessionId?: string };

/** The cohorts and sessions a file can enrol people in, or record their attendance at. */
export async function importFormPage(locale: Locale, now = new Date()) {
  const { courses } = await getCatalog();
  const titleOf = new Map(
    courses.map((c) => {
      const { lang } = contentLanguage(c.definition.languages, locale);
      return [c.id, { title: textIn(c.definition.title, lang), lang }];
    }),
  );
  const [cohorts, sessions] = await Promise.all([
    db.cohort.findMany({ where: { isOpen: false, OR: [{ endsAt: null }, { endsAt: { gte: now } }] }, orderBy: [{ createdAt: "desc" }], take: 300 }),
    db.trainingSession.findMany({ orderBy: [{ startsAt: "desc" }], take: 300, select: { id: true, title: true, startsAt: true } }),
  ]);
  return {
    cohorts: cohorts
      .filter((c) => titleOf.has(c.courseId))
      .map((c) => ({ id: c.id, name: c.name, course: titleOf.get(c.courseId)!.title, lang: titleOf.get(c.courseId)!.lang })),
    sessions: sessions.map((s) => ({ id: s.id, title: s.title, startsAt: s.startsAt.toISOString() })),
  };
}

function readValues(form: FormData): UploadValues {
  const target = String(form.get("target") ?? "people");
  return {
    target: target === "cohort" || target === "session" ? target : "people",
    cohortId: String(form.get("cohortId") ?? "").slice(0, 100),
    sessionId: String(form.get("sessionId") ?? "").slice(0, 100),
  };
}

export type UploadOutcome = { ok: true; key: string } | { ok: false; errors: UploadErrors; values: UploadValues };

export async function uploadImport(request: Request, adminId: string): Promise<UploadOutcome> {
  const { form, file, tooLarge } = await receiveUpload(request);
  const values = readValues(form);
  const errors: UploadErrors = {};
  if (tooLarge) errors.file = "import.upload.errors.tooLarge";
  else if (!file) errors.file = "import.upload.errors.fileRequired";
  let target: ImportTarget = { kind: "people" };
  if (values.target === "cohort") {
    if (!(await db.cohort.findFirst({ where: { id: values.cohortId, isOpen: false } }))) errors.cohortId = "import.upload.errors.cohortRequired";
    target = { kind: "cohort", cohortId: values.cohortId };
  } else if (values.target === "session") {
    if (!(await db.trainingSession.findUnique({ where: { id: values.sessionId } }))) errors.sessionId = "import.upload.errors.sessionRequired";
    target = { kind: "session", sessionId: values.sessionId };
  }
  const parsed = file ? parseCsv(file.bytes) : null;
  if (parsed && !parsed.ok) errors.file = `import.problems.${parsed.problem.code}`;
  if (Object.keys(errors).length || !file || !parsed?.ok) return { ok: false, errors, values };
  const { report } = await validateImport(parsed.csv, target, { client: db, sessionFacts });
  const key = await storeUpload(file.bytes, { adminId, fileName: file.name, uploadedAt: new Date().toISOString(), target, status: "validated", report });
  return { ok: true, key };
}

/** The line at the head of the report: what the file is for. */
async function targetView(target: ImportTarget, locale: Locale) {
  if (target.kind === "cohort") {
    const cohort = await db.cohort.findUnique({ where: { id: target.cohortId }, include: { course: { select: { slug: true } } } });
    const course = cohort ? (await getCatalog()).bySlug.get(cohort.course.slug) : undefined;
    const lang = course ? contentLanguage(course.definition.languages, locale).lang : undefined;
    return { kind: "cohort" as const, name: cohort?.name ?? "", course: course && lang ? textIn(course.definition.title, lang) : "", lang };
  }
  if (target.kind === "session") {
    const session = await db.trainingSession.findUnique({ where: { id: target.sessionId }, select: { title: true, startsAt: true } });
    return { kind: "session" as const, name: session?.title ?? "", startsAt: session?.startsAt.toISOString() ?? null };
  }
  return { kind: "people" as const };
}

export async function importPage(key: string | undefined, locale: Locale) {
  const record = await readRecord(key);
  if (!record) throw new Response("Not found", { status: 404 });
  const job = importProgress(record);
  const people =
    record.status === "imported" && record.people?.length
      ? await db.user.findMany({
          where: { id: { in: record.people } },
          select: { id: true, name: true, email: true, phone: true, memberships: { where: { endedAt: null }, select: { organisation: { select: { name: true } } } } },
        })
      : [];
  const order = new Map((record.people ?? []).map((id, i) => [id, i]));
  return {
    key: record.key,
    fileName: record.fileName,
    uploadedAt: record.uploadedAt,
    importedAt: record.importedAt ?? null,
    status: record.status,
    report: record.report,
    target: await targetView(record.target, locale),
    job,
    people: people
      .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
      .map((p) => ({ id: p.id, name: p.name, email: p.email, phone: p.phone, organisation: p.memberships[0]?.organisation.name ?? null })),
  };
}

/** How long a browser without JavaScript waits for its import before it is shown the progress page. */
const NO_SCRIPT_WAIT_MS = 25_000;

/** Starts the import of a validated file; `wait` (no JavaScript) answers once it is over. */
export async function confirmImport(key: string | undefined, wait: boolean): Promise<"started" | "refused"> {
  const record = await readRecord(key);
  if (!record) throw new Response("Not found", { status: 404 });
  if (record.status === "imported") return "started";
  if (record.report.problemCount > 0) return "refused";
  await startImport(record);
  if (wait) await waitForImport(record.key, NO_SCRIPT_WAIT_MS);
  return "started";
}

