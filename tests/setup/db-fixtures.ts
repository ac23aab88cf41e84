import { randomUUID } from "node:crypto";
import { writeJsonAtomic } from "~/catalog/cache.server";
import type { CatalogCourse } from "~/catalog/catalog.server";
import { type CourseDocument, documentPath } from "~/catalog/documents.server";
import { env } from "~/config/env.server";
import type { CourseDefinition, IslandPlacement } from "~/catalog/types";
import { db } from "~/db/client.server";
import type { Locale, Role } from "~/db/generated/client";

/**
 * Rows the Vitest files need over and over, in the test file's own database
 * (tests/setup/vitest.setup.ts). Only what a test states matters; the rest
 * is filled in plausibly.
 */

/** A user whose email no other test uses. */
export async function createUser(fields: { name?: string; role?: Role; locale?: Locale; emailPrefix?: string } = {}) {
  const { name = "Learner", role = "learner", locale = "fr", emailPrefix = role } = fields;
  return db.user.create({ data: { email: `${emailPrefix}-${randomUUID().slice(0, 8)}@example.org`, name, role, locale } });
}

/**
 * A Course row (found or created by slug) and the catalogue entry the app
 * would hand out for it: a one-language course with no lessons unless the
 * definition says otherwise. Its course document (quizzes, assignments…) is
 * written to the test cache with `entries` (none by default), as the build would.
 */
export async function catalogCourse(
  slug: string,
  {
    version = "v1",
    islands,
    entries = {},
    ...definition
  }: Partial<Omit<CourseDefinition, "slug">> & { version?: string; islands?: IslandPlacement[]; entries?: CourseDocument["entries"] } = {},
): Promise<CatalogCourse> {
  const row = await db.course.upsert({ where: { slug }, create: { slug }, update: {} });
  const document: CourseDocument = { slug, version, entries };
  await writeJsonAtomic(documentPath(env.COURSE_CACHE_DIR, slug, version), document);
  return {
    id: row.id,
    slug,
    version,
    lessons: {},
    ...(islands ? { islands } : {}),
    definition: {
      slug,
      languages: ["fr"],
      title: { fr: "Cours" },
      summary: { fr: "Résumé" },
      audience: { fr: "Public" },
      hours: 1,
      modules: [],
      completion: { lessons: "all" },
      validityMonths: null,
      ...definition,
    },
  };
}

/** The person's enrolment in the course (its open cohort), made if missing: rows of progress, attempts and submissions need one. */
export async function enrolmentFor(userId: string, courseId: string) {
  const { enrol } = await import("~/learning/enrolments.server");
  return (await enrol(userId, { id: courseId })).enrolment;
}

/** A completion recorded directly (enrolling the person first), as the completion rule would have. */
export async function completionFor(userId: string, courseId: string, completedAt = new Date(), courseVersion = "v1") {
  const enrolment = await enrolmentFor(userId, courseId);
  return db.completion.create({ data: { userId, courseId, enrolmentId: enrolment.id, courseVersion, completedAt } });
}
