import { db } from "~/db/client.server";
import { Prisma } from "~/db/generated/client";
import { containsInsensitive } from "~/db/sql.server";
import type { Locale } from "~/i18n/locales";
import { progressByCourse } from "~/learning/progress.server";
import { getCatalog } from "~/catalog/catalog.server";
import { courseNames } from "~/people/course-names.server";
import { regionName } from "./regions.server";

/**
 * What an organisation's manager sees (/org): the organisation's current
 * members, and one member's training. Every function takes the organisation
 * from requireOrgManager (the manager's own membership), and every query is
 * bounded by it: someone who is not a current member of that organisation
 * is not found, exactly like someone who does not exist.
 */

export const MEMBERS_PER_PAGE = 25;

// The birth year is not among them: a manager sees the age band, which is all reports use.
const profileSelect = {
  sex: true,
  ageBand: true,
  profession: true,
  city: true,
  nationality: true,
  region: { select: { names: true } },
} as const;

type ProfileRow = Prisma.ProfileGetPayload<{ select: typeof profileSelect }>;

export type ProfileFacts = {
  sex: string | null;
  ageBand: string | null;
  profession: string | null;
  region: string | null;
  city: string | null;
  nationality: string | null;
};

export function profileFacts(profile: ProfileRow | null, locale: Locale): ProfileFacts {
  return {
    sex: profile?.sex ?? null,
    ageBand: profile?.ageBand ?? null,
    profession: profile?.profession ?? null,
    region: profile?.region ? regionName(profile.region.names, locale) : null,
    city: profile?.city ?? null,
    nationality: profile?.nationality ?? null,
  };
}

export async function orgMembers(organisationId: string, options: { q: string; page: number }, locale: Locale) {
  const where: Prisma.MembershipWhereInput = { organisationId, endedAt: null };
  if (options.q) {
    const matches = await db.$queryRaw<{ id: string }[]>`
      SELECT m."id" FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
      WHERE m."organisationId" = ${organisationId} AND m."endedAt" IS NULL
        AND (${containsInsensitive(Prisma.sql`u."name"`, options.q)} OR ${containsInsensitive(Prisma.sql`u."email"`, options.q)})`;
    where.id = { in: matches.map((m) => m.id) };
  }
  const total = await db.membership.count({ where });
  const pages = Math.max(1, Math.ceil(total / MEMBERS_PER_PAGE));
  const page = Math.min(Math.max(1, options.page), pages);
  const rows = await db.membership.findMany({
    where,
    orderBy: [{ user: { name: "asc" } }, { id: "asc" }],
    skip: (page - 1) * MEMBERS_PER_PAGE,
    take: MEMBERS_PER_PAGE,
    select: {
      role: true,
      startedAt: true,
      user: { select: { id: true, name: true, email: true, profile: { select: profileSelect } } },
    },
  });
  return {
    total,
    page,
    pages,
    members: rows.map((row) => {
      // The list shows what its columns show; the nationality is on the member's own page.
      const { nationality: _nationality, ...facts } = profileFacts(row.user.profile, locale);
      return { id: row.user.id, name: row.user.name, email: row.user.email, role: row.role, since: row.startedAt.toISOString(), ...facts };
    }),
  };
}

/**
 * One current member's page: their profile, enrolments with progress and
 * completion dates, certificates, attendances, and the training records
 * counted for this organisation. Null for anyone who is not a current member.
 */
export async function orgMember(organisationId: string, userId: string, locale: Locale) {
  const membership = await db.membership.findFirst({
    where: { organisationId, userId, endedAt: null, user: { deletedAt: null } },
    select: {
      role: true,
      startedAt: true,
      user: { select: { id: true, name: true, email: true, phone: true, profile: { select: profileSelect } } },
    },
  });
  if (!membership) return null;
  const [names, { courses }, enrolments, certificates, attendances, records] = await Promise.all([
    courseNames(locale),
    getCatalog(),
    db.enrolment.findMany({
      where: { userId },
      orderBy: [{ enrolledAt: "desc" }, { id: "desc" }],
      select: { id: true, courseId: true, course: { select: { slug: true } }, enrolledAt: true, cohort: { select: { name: true, isOpen: true } }, completion: { select: { completedAt: true } } },
    }),
    db.certificate.findMany({
      where: { userId },
      orderBy: { issuedAt: "desc" },
      select: { id: true, courseTitle: true, locale: true, issuedAt: true, expiresAt: true, revokedAt: true },
    }),
    db.attendance.findMany({
      where: { userId },
      orderBy: { session: { startsAt: "desc" } },
      select: { id: true, session: { select: { title: true, modality: true, startsAt: true, endsAt: true, city: true } } },
    }),
    db.trainingRecord.findMany({
      where: { userId, organisationId },
      orderBy: { occurredAt: "desc" },
      select: { id: true, kind: true, occurredAt: true, courseId: true, course: { select: { slug: true } }, theme: true, modality: true, validUntil: true },
    }),
  ]);
  const progress = await progressByCourse(userId, courses);
  return {
    member: {
      id: membership.user.id,
      name: membership.user.name,
      email: membership.user.email,
      phone: membership.user.phone,
      role: membership.role,
      since: membership.startedAt.toISOString(),
      ...profileFacts(membership.user.profile, locale),
    },
    enrolments: enrolments.map((e) => {
      const current = progress.get(e.courseId);
      const isCurrentRun = current?.enrolledAt?.getTime() === e.enrolledAt.getTime();
      return {
        id: e.id,
        course: names.course(e.courseId, e.course.slug),
        cohort: e.cohort.isOpen ? null : e.cohort.name,
        enrolledAt: e.enrolledAt.toISOString(),
        percent: e.completion ? 100 : isCurrentRun && current ? current.evaluation.percent : null,
        completedAt: e.completion?.completedAt.toISOString() ?? null,
      };
    }),
    certificates: certificates.map((c) => ({
      id: c.id,
      courseTitle: c.courseTitle,
      locale: c.locale,
      issuedAt: c.issuedAt.toISOString(),
      expiresAt: c.expiresAt?.toISOString() ?? null,
      revoked: c.revokedAt !== null,
    })),
    attendances: attendances.map((a) => ({
      id: a.id,
      title: a.session.title,
      modality: a.session.modality,
      startsAt: a.session.startsAt.toISOString(),
      endsAt: a.session.endsAt.toISOString(),
      city: a.session.city,
    })),
    records: records.map((r) => ({
      id: r.id,
      kind: r.kind,
      occurredAt: r.occurredAt.toISOString(),
      title: r.courseId ? names.course(r.courseId, r.course?.slug).title : (r.theme ?? ""),
      modality: r.modality,
      validUntil: r.validUntil?.toISOString() ?? null,
    })),
  };
}
