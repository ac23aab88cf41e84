import { randomUUID } from "node:crypto";
import { db } from "~/db/client.server";
import type { OrganisationType } from "~/db/generated/client";
import { newInviteCode } from "~/learning/enrolments.server";
import { parseCsv, type ParsedCsv } from "./csv.server";

/** Rows the import tests need, in the test file's own database. */

export function csvOf(text: string): ParsedCsv {
  const parsed = parseCsv(new TextEncoder().encode(text));
  if (!parsed.ok) throw new Error(`csvOf: ${parsed.problem.code}`);
  return parsed.csv;
}

export const unique = () => randomUUID().slice(0, 8);

export async function organisation(name: string, type: OrganisationType = "civil_society") {
  return db.organisation.create({ data: { name, type, regionId: "MA-02", city: "Oujda" } });
}

export async function cohortOf(courseId: string, fields: { capacity?: number; endsAt?: Date } = {}) {
  return db.cohort.create({ data: { courseId, name: `Groupe ${unique()}`, inviteCode: newInviteCode(), ...fields } });
}

export async function trainingSession(fields: { courseId?: string | null; theme?: string; modality?: "in_person" | "webinar"; startsAt?: Date } = {}) {
  const startsAt = fields.startsAt ?? new Date("2026-04-14T09:00:00Z");
  return db.trainingSession.create({
    data: {
      title: "Atelier d'Oujda",
      courseId: fields.courseId ?? null,
      theme: fields.courseId ? null : (fields.theme ?? "Identifier les victimes de traite"),
      modality: fields.modality ?? "in_person",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3 * 3600_000),
      regionId: "MA-02",
      city: "Oujda",
    },
  });
}

/** Every table an import writes to, counted: what "nothing changed" is checked against. */
export async function tableCounts() {
  const [users, profiles, organisations, memberships, currentMemberships, enrolments, attendances, records] = await Promise.all([
    db.user.count(),
    db.profile.count(),
    db.organisation.count(),
    db.membership.count(),
    db.membership.count({ where: { endedAt: null } }),
    db.enrolment.count(),
    db.attendance.count(),
    db.trainingRecord.count(),
  ]);
  return { users, profiles, organisations, memberships, currentMemberships, enrolments, attendances, records };
}
