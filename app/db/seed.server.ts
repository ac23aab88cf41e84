import { hashPassword } from "~/auth/password.server";
import type { Role } from "~/auth/session.server";
import type { CatalogCourse } from "~/catalog/catalog.server";
import type { Locale } from "~/i18n/locales";
import { db } from "./client.server";
import { type ProgressSummary, seedDemoProgress } from "./seed-progress.server";
import { seedDemoTrainings } from "./seed-trainings.server";

/**
 * Demo data for a fresh install and for the browser tests: one account per
 * role, all with the same password (listed in README.md), the two demo
 * learners at different stages of the four library courses
 * (seed-progress.server.ts), the demo reviewer in charge of the courses with
 * a reviewer's work, and two past workshops whose attendance gives the
 * reports something to count.
 */
export const DEMO_PASSWORD = "tadrib-demo-2026";
export const TRAFFICKING_COURSE_SLUG = "trafficking-identify-protect-refer";
/** The course with an assignment, so the review queue has a course to serve. */
export const MEDIA_COURSE_SLUG = "reporting-on-migration";
/** Reviews the anti-trafficking and the media courses. */
export const DEMO_REVIEWER = "reviewer@tadrib.test";

type DemoAccount = { email: string; name: string; role: Role; locale: Locale; membership?: "member" | "manager" };

/** The demo organisation: the manager manages it, the two learners belong to it. */
export const DEMO_ORGANISATION = { name: "Association Amal pour l'accompagnement des migrants", type: "civil_society", regionId: "MA-02", city: "Oujda" } as const;

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: "admin@tadrib.test", name: "Nadia Bennani", role: "admin", locale: "fr" },
  { email: "reviewer@tadrib.test", name: "Karim El Idrissi", role: "reviewer", locale: "fr" },
  { email: "manager@tadrib.test", name: "Sophie Martin", role: "learner", locale: "fr", membership: "manager" },
  { email: "learner@tadrib.test", name: "Leïla Haddad", role: "learner", locale: "fr", membership: "member" },
  { email: "amina@tadrib.test", name: "أمينة العلوي", role: "learner", locale: "ar", membership: "member" },
];

/** Has a course completed, two under way (one with a pitch waiting for review) and one not started. */
export const DEMO_LEARNER_IN_PROGRESS = "learner@tadrib.test";

export type SeedResult = { skipped: true } | ({ skipped: false; accounts: number; attendances: number } & ProgressSummary);

export async function seedDemoData({
  onlyIfEmpty,
  courses,
  log = () => {},
}: {
  onlyIfEmpty: boolean;
  courses: CatalogCourse[];
  log?: (line: string) => void;
}): Promise<SeedResult> {
  if (onlyIfEmpty && (await db.user.count()) > 0) return { skipped: true };

  const now = new Date();
  const ids = new Map<string, { id: string; locale: Locale }>();
  const organisation =
    (await db.organisation.findFirst({ where: { name: DEMO_ORGANISATION.name } })) ?? (await db.organisation.create({ data: { ...DEMO_ORGANISATION } }));
  for (const [i, account] of DEMO_ACCOUNTS.entries()) {
    const hash = await hashPassword(DEMO_PASSWORD);
    const { membership, ...fields } = account;
    const user = await db.user.upsert({
      where: { email: account.email },
      create: { ...fields, consentedAt: now, password: { create: { hash } } },
      update: { name: account.name, role: account.role, locale: account.locale, password: { upsert: { create: { hash }, update: { hash } } } },
      select: { id: true },
    });
    ids.set(account.email, { id: user.id, locale: account.locale });
    if (membership && !(await db.membership.findFirst({ where: { userId: user.id, endedAt: null } }))) {
      await db.membership.create({ data: { userId: user.id, organisationId: organisation.id, role: membership, startedAt: now } });
    }
    log(`  [${i + 1}/${DEMO_ACCOUNTS.length}] ${account.email} (${membership === "manager" ? "organisation manager" : account.role}, ${account.locale})`);
  }

  const progress = await seedDemoProgress(ids, courses, log, now);

  const reviewerId = ids.get(DEMO_REVIEWER)?.id;
  for (const slug of [TRAFFICKING_COURSE_SLUG, MEDIA_COURSE_SLUG]) {
    const reviewed = courses.find((c) => c.slug === slug);
    if (!reviewed || !reviewerId) continue;
    await db.courseReviewer.upsert({
      where: { userId_courseId: { userId: reviewerId, courseId: reviewed.id } },
      create: { userId: reviewerId, courseId: reviewed.id },
      update: {},
    });
    log(`  ${DEMO_REVIEWER}: reviewer of ${slug}`);
  }
  const attendances = await seedDemoTrainings(organisation.id, log);
  return { skipped: false, accounts: DEMO_ACCOUNTS.length, attendances, ...progress };
}
