import { db } from "~/db/client.server";
import type { Locale } from "~/i18n/locales";
import { currentMembership, joinOrganisation, leaveOrganisation } from "~/organisations/memberships.server";
import { organisationChoices } from "~/organisations/organisations.server";
import { listRegions, regionExists } from "~/organisations/regions.server";
import { nationalityOptions } from "./countries";
import { ageBandFor } from "./facts";
import type { ProfileFactsInput } from "./profile-form";

/**
 * The person's profile (/account/profile): the few facts reports are broken
 * down by, each optional, and their organisation (a membership). Stored as
 * given; a birth year also sets the age band, derived when saved.
 */

export async function profilePage(userId: string, locale: Locale, joinId: string | null) {
  const [profile, membership, organisations, regions] = await Promise.all([
    db.profile.findUnique({ where: { userId } }),
    currentMembership(userId),
    organisationChoices(),
    listRegions(locale),
  ]);
  // An invitation link names the organisation to choose; an unknown id is ignored.
  const invitedTo = joinId && joinId !== membership?.organisationId ? (organisations.find((o) => o.id === joinId) ?? null) : null;
  return {
    values: {
      sex: profile?.sex ?? "",
      ageBand: profile?.ageBand ?? "",
      birthYear: profile?.birthYear ? String(profile.birthYear) : "",
      profession: profile?.profession ?? "",
      organisationId: invitedTo?.id ?? membership?.organisationId ?? "",
      regionId: profile?.regionId ?? "",
      city: profile?.city ?? "",
      nationality: profile?.nationality ?? "",
    },
    /** Changes with every save, so the page can start its form again from what was stored (a derived age band). */
    savedAt: profile?.updatedAt.toISOString() ?? null,
    membership: membership ? { organisation: membership.organisation.name, role: membership.role } : null,
    invitedTo,
    organisations,
    regions,
    countries: nationalityOptions(locale),
  };
}

export type SaveProfileResult = { ok: true } | { ok: false; fieldErrors: Record<string, string[]> };

export async function saveProfile(userId: string, input: ProfileFactsInput, now = new Date()): Promise<SaveProfileResult> {
  const fieldErrors: Record<string, string[]> = {};
  if (input.regionId && !(await regionExists(input.regionId))) fieldErrors.regionId = ["people.profile.errors.regionUnknown"];
  if (input.organisationId && !(await db.organisation.count({ where: { id: input.organisationId } }))) {
    fieldErrors.organisationId = ["people.profile.errors.organisationUnknown"];
  }
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };

  const facts = {
    sex: input.sex ?? null,
    birthYear: input.birthYear ?? null,
    ageBand: input.birthYear ? ageBandFor(input.birthYear, now) : (input.ageBand ?? null),
    profession: input.profession ?? null,
    regionId: input.regionId ?? null,
    city: input.city || null,
    nationality: input.nationality ?? null,
  };
  await db.profile.upsert({ where: { userId }, create: { userId, ...facts }, update: facts });
  // Choosing an organisation never changes a role there: someone managing it stays its manager, a newcomer is a member.
  if (input.organisationId) await joinOrganisation({ userId, organisationId: input.organisationId }, now);
  else await leaveOrganisation(userId, now);
  return { ok: true };
}
