import { getCatalog, type Catalog } from "~/catalog/catalog.server";
import { env } from "~/config/env.server";
import { appUrl } from "~/http/app-url.server";
import { db } from "~/db/client.server";
import { addMonths } from "~/training/records.server";
import { Prisma, type Certificate } from "~/db/generated/client";
import { containsInsensitive } from "~/db/sql.server";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/i18n/locales";
import { formatCertificateCode, generateCertificateCode, normalizeCertificateCode } from "./code.server";
import { REISSUED_REASON } from "./forms";
import { renderCertificatePdf } from "./pdf.server";

/**
 * Certificates: issued once per completion, verified by code, revoked and
 * re-issued by admins. The name, course title and hours are copied onto the
 * row at issue, in the learner's language, so the PDF and /verify keep saying
 * what was certified whatever happens to the account or the course later.
 */

export type CertificateStatus = "valid" | "revoked" | "expired";

/** Revoked wins over expired: a revoked certificate was never valid to rely on. */
export function statusOf(row: { revokedAt: Date | null; expiresAt: Date | null }, now = new Date()): CertificateStatus {
  if (row.revokedAt) return "revoked";
  return row.expiresAt && row.expiresAt <= now ? "expired" : "valid";
}

export class CertificateActionError extends Error {
  constructor(readonly code: "not-found" | "already-reissued" | "reason-required") {
    super(`Certificate action refused: ${code}`);
    this.name = "CertificateActionError";
  }
}

type Courses = Pick<Catalog, "courses">;
export type CertificateOptions = {
  /** The course catalogue to read titles and hours from (tests pass their own). */
  catalog?: Courses;
  now?: Date;
};

type Tx = Prisma.TransactionClient;

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}

function localeOf(value: string): Locale {
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

type CourseFacts = { title: string; hours: number; validityMonths: number | null };

/**
 * The course's title in the learner's language and its hours, from the
 * catalogue. A course no longer in the catalogue can still be re-issued, with
 * what the replaced certificate said.
 */
async function courseFacts(courseId: string, locale: Locale, catalog?: Courses, previous?: CourseFacts): Promise<CourseFacts> {
  const course = (catalog ?? (await getCatalog())).courses.find((c) => c.id === courseId);
  if (!course && previous) return previous;
  if (!course) throw new Error(`Course ${courseId} is not in the course catalogue: run npm run courses:build`);
  const { title, hours, validityMonths } = course.definition;
  return { title: title[locale] ?? title[DEFAULT_LOCALE] ?? Object.values(title)[0] ?? course.slug, hours, validityMonths };
}

type NewCertificate = Omit<Prisma.CertificateUncheckedCreateInput, "code">;

/**
 * What a new certificate for a completion says: today's name, and the course
 * title in the learner's language. Read before any transaction opens: loading
 * the catalogue writes Course rows, which would wait on an open transaction.
 */
async function newCertificate(completionId: string, options: CertificateOptions & { replaces?: Certificate }): Promise<NewCertificate> {
  const completion = await db.completion.findUniqueOrThrow({
    where: { id: completionId },
    select: { userId: true, courseId: true, completedAt: true, user: { select: { name: true, locale: true } } },
  });
  const locale = localeOf(completion.user.locale);
  const previous = options.replaces && { title: options.replaces.courseTitle, hours: options.replaces.hours, validityMonths: null };
  const { title, hours, validityMonths } = await courseFacts(completion.courseId, locale, options.catalog, previous);
  // A refresher course's certificate is valid for its period from the completion; a re-issue keeps the expiry it replaces.
  const expiresAt = validityMonths ? addMonths(completion.completedAt, validityMonths) : (options.replaces?.expiresAt ?? null);
  return {
    userId: completion.userId,
    courseId: completion.courseId,
    completionId,
    activeCompletionId: completionId,
    locale,
    learnerName: completion.user.name,
    courseTitle: title,
    hours,
    expiresAt,
    issuedAt: options.now ?? new Date(),
    replacesId: options.replaces?.id,
  };
}

async function insertCertificate(client: Tx, data: NewCertificate): Promise<Certificate> {
  // 100 random bits make a clash of codes practically impossible; a retry costs nothing.
  for (let attempt = 0; ; attempt++) {
    try {
      return await client.certificate.create({ data: { ...data, code: generateCertificateCode() } });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 2) throw error;
      const active = await client.certificate.findUnique({ where: { activeCompletionId: data.completionId } });
      if (active) throw error;
    }
  }
}

/**
 * The valid certificate of a completion, issued now if the completion never had
 * one. Safe to call any number of times, concurrently too: the unique index on
 * activeCompletionId lets one insert win and the others return its row. Null
 * when an admin revoked the completion's certificate: only reissueCertificate
 * gives it a new one.
 */
export async function issueCertificateForCompletion(completionId: string, options: CertificateOptions = {}): Promise<Certificate | null> {
  const active = await db.certificate.findUnique({ where: { activeCompletionId: completionId } });
  if (active) return active;
  if ((await db.certificate.count({ where: { completionId } })) > 0) return null;
  const data = await newCertificate(completionId, options);
  try {
    return await insertCertificate(db, data);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return db.certificate.findUnique({ where: { activeCompletionId: completionId } });
  }
}

/** Issues the certificates of a person's completions that never had one (recorded before certificates existed). */
export async function issueMissingCertificates(userId: string, options: CertificateOptions = {}): Promise<number> {
  const completions = await db.completion.findMany({ where: { userId, certificates: { none: {} } }, select: { id: true } });
  let issued = 0;
  for (const { id } of completions) if (await issueCertificateForCompletion(id, options)) issued++;
  return issued;
}

/** Revokes a valid certificate. Revoking one already revoked keeps its first reason and date. */
export async function revokeCertificate(id: string, reason: string, adminId: string, now = new Date()): Promise<Certificate> {
  const trimmed = reason.trim();
  if (!trimmed) throw new CertificateActionError("reason-required");
  await db.certificate.updateMany({
    where: { id, revokedAt: null },
    data: { revokedAt: now, revokedReason: trimmed, revokedById: adminId, activeCompletionId: null },
  });
  const certificate = await db.certificate.findUnique({ where: { id } });
  if (!certificate) throw new CertificateActionError("not-found");
  return certificate;
}

/**
 * Replaces a certificate with a new one under a new code (after a name
 * correction, say): the old one is revoked, if it was not already, and the new
 * one points back to it. A certificate is re-issued at most once; re-issue the
 * newest one instead.
 */
export async function reissueCertificate(
  id: string,
  adminId: string,
  options: CertificateOptions & { reason?: string } = {},
): Promise<Certificate> {
  const now = options.now ?? new Date();
  const old = await db.certificate.findUnique({ where: { id } });
  if (!old) throw new CertificateActionError("not-found");
  const data = await newCertificate(old.completionId, { ...options, now, replaces: old });
  return db.$transaction(async (tx) => {
    // Checked inside the transaction so that two admins clicking at once re-issue once.
    const current = await tx.certificate.findUnique({ where: { id }, select: { revokedAt: true, replacedBy: { select: { id: true } } } });
    if (!current) throw new CertificateActionError("not-found");
    if (current.replacedBy) throw new CertificateActionError("already-reissued");
    if (!current.revokedAt) {
      await tx.certificate.update({
        where: { id },
        data: {
          revokedAt: now,
          revokedReason: options.reason?.trim() || REISSUED_REASON,
          revokedById: adminId,
          activeCompletionId: null,
        },
      });
    }
    return insertCertificate(tx, data);
  });
}

export type Verification =
  | { status: "unknown" }
  | { status: CertificateStatus; name: string; course: string; date: Date; expiresAt: Date | null };

/**
 * What /verify/<code> may tell anyone: valid or revoked, with the name, the
 * course and the completion date, and nothing else about the person.
 */
export async function verifyCertificate(code: string, now = new Date()): Promise<Verification> {
  const normalized = normalizeCertificateCode(code);
  if (!normalized) return { status: "unknown" };
  const found = await db.certificate.findUnique({
    where: { code: normalized },
    select: { learnerName: true, courseTitle: true, revokedAt: true, expiresAt: true, completion: { select: { completedAt: true } } },
  });
  if (!found) return { status: "unknown" };
  return {
    status: statusOf(found, now),
    name: found.learnerName,
    course: found.courseTitle,
    date: found.completion.completedAt,
    expiresAt: found.expiresAt,
  };
}

export type CertificateSummary = {
  id: string;
  code: string;
  courseTitle: string;
  hours: number;
  locale: Locale;
  completedAt: Date;
  issuedAt: Date;
  expiresAt: Date | null;
  status: CertificateStatus;
};

const summarySelect = {
  id: true,
  code: true,
  courseTitle: true,
  hours: true,
  locale: true,
  issuedAt: true,
  expiresAt: true,
  revokedAt: true,
  completion: { select: { completedAt: true } },
} as const;

type SummaryRow = Prisma.CertificateGetPayload<{ select: typeof summarySelect }>;

function summary(row: SummaryRow): CertificateSummary {
  return {
    id: row.id,
    code: formatCertificateCode(row.code),
    courseTitle: row.courseTitle,
    hours: row.hours,
    locale: localeOf(row.locale),
    completedAt: row.completion.completedAt,
    issuedAt: row.issuedAt,
    expiresAt: row.expiresAt,
    status: statusOf(row),
  };
}

/** A learner's certificates, newest first; revoked ones stay listed, marked as such. */
export async function listCertificatesForUser(userId: string): Promise<CertificateSummary[]> {
  const rows = await db.certificate.findMany({ where: { userId }, select: summarySelect, orderBy: { issuedAt: "desc" } });
  return rows.map(summary);
}

export type AdminCertificate = CertificateSummary & {
  learnerName: string;
  email: string | null;
  revokedAt: Date | null;
  revokedReason: string | null;
  revokedBy: string | null;
  reissued: boolean;
};

/** For /admin/certificates: newest first, optionally filtered by code, name or e-mail. */
export async function listCertificatesForAdmin(query = "", take = 100): Promise<AdminCertificate[]> {
  const q = query.trim();
  const code = normalizeCertificateCode(q);
  let where: Prisma.CertificateWhereInput = {};
  if (q) {
    // Prisma's `contains` leaves LIKE wildcards live ("%" would match everyone): search in SQL that escapes them.
    const matches = await db.$queryRaw<{ id: string }[]>`
      SELECT c."id" FROM "Certificate" c JOIN "User" u ON u."id" = c."userId"
      WHERE ${containsInsensitive(Prisma.sql`c."learnerName"`, q)} OR ${containsInsensitive(Prisma.sql`u."email"`, q)}`;
    where = { OR: [...(code ? [{ code }] : []), { id: { in: matches.map((m) => m.id) } }] };
  }
  const rows = await db.certificate.findMany({
    where,
    orderBy: { issuedAt: "desc" },
    take,
    select: {
      ...summarySelect,
      learnerName: true,
      revokedReason: true,
      user: { select: { email: true } },
      revokedBy: { select: { name: true } },
      replacedBy: { select: { id: true } },
    },
  });
  return rows.map((row) => ({
    ...summary(row),
    learnerName: row.learnerName,
    email: row.user.email,
    revokedAt: row.revokedAt,
    revokedReason: row.revokedReason,
    revokedBy: row.revokedBy?.name ?? null,
    reissued: row.replacedBy !== null,
  }));
}

export function verifyPath(code: string): string {
  return `/verify/${formatCertificateCode(code)}`;
}

/**
 * The PDF of a certificate, for its owner while it is valid, or for an admin.
 * Null otherwise, so the route answers 404 without saying whether it exists.
 */
export async function certificatePdfFor(
  id: string,
  viewer: { id: string; role: string },
): Promise<{ pdf: Buffer; filename: string } | null> {
  const certificate = await db.certificate.findUnique({ where: { id }, include: { completion: { select: { completedAt: true } } } });
  if (!certificate) return null;
  const isAdmin = viewer.role === "admin";
  if (!isAdmin && (certificate.userId !== viewer.id || certificate.revokedAt)) return null;
  const pdf = await renderCertificatePdf({
    locale: localeOf(certificate.locale),
    learnerName: certificate.learnerName,
    courseTitle: certificate.courseTitle,
    hours: certificate.hours,
    completedAt: certificate.completion.completedAt,
    expiresAt: certificate.expiresAt,
    issuer: { name: env.CERTIFICATE_ISSUER_NAME, logo: env.CERTIFICATE_ISSUER_LOGO },
    code: certificate.code,
    verifyUrl: appUrl(verifyPath(certificate.code)),
  });
  return { pdf, filename: `certificate-${formatCertificateCode(certificate.code)}.pdf` };
}
