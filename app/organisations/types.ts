import type { MembershipRole, OrganisationType } from "~/db/generated/enums";

/** Organisation types and membership roles in the order pages offer them (shared by browser forms and the server). */
export const ORGANISATION_TYPES = [
  "government",
  "civil_society",
  "academic",
  "media",
  "international",
  "private",
  "other",
] as const satisfies readonly OrganisationType[];

export const MEMBERSHIP_ROLES = ["member", "manager"] as const satisfies readonly MembershipRole[];
