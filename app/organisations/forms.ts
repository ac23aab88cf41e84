import { z } from "zod";
import { userText } from "~/i18n/user-text";
import { MEMBERSHIP_ROLES, ORGANISATION_TYPES } from "./types";

/**
 * Form schemas of the organisation pages, shared by the browser (Conform's
 * constraints) and the server. Messages are catalog keys. Whether a region
 * or a person exists is checked on the server, which answers with the same
 * keys as field errors.
 */
export const ORGANISATION_NAME_MAX = 200;
export const CITY_MAX = 100;

export const citySchema = userText(z.string().trim().max(CITY_MAX, "organisations.errors.cityTooLong")).optional();

export const organisationSchema = z.object({
  name: userText(
    z
      .string({ required_error: "organisations.errors.nameRequired" })
      .trim()
      .min(1, "organisations.errors.nameRequired")
      .max(ORGANISATION_NAME_MAX, "organisations.errors.nameTooLong"),
  ),
  type: z.enum(ORGANISATION_TYPES, { errorMap: () => ({ message: "organisations.errors.typeRequired" }) }),
  regionId: z.string().max(20, "organisations.errors.regionUnknown").optional(),
  city: citySchema,
});

export type OrganisationInput = z.infer<typeof organisationSchema>;

/** An admin adds a person to an organisation by their email or phone number. */
export const addMemberSchema = z.object({
  intent: z.literal("add"),
  contact: z
    .string({ required_error: "organisations.errors.contactRequired" })
    .trim()
    .min(1, "organisations.errors.contactRequired")
    .max(254, "organisations.errors.personNotFound"),
  role: z.enum(MEMBERSHIP_ROLES, { errorMap: () => ({ message: "organisations.errors.roleInvalid" }) }),
});

export const memberRoleSchema = z.object({
  intent: z.literal("role"),
  membershipId: z.string().min(1),
  role: z.enum(MEMBERSHIP_ROLES),
});

export const endMembershipSchema = z.object({ intent: z.literal("end"), membershipId: z.string().min(1) });

export const organisationMemberActionSchema = z.discriminatedUnion("intent", [addMemberSchema, memberRoleSchema, endMembershipSchema]);

/** A manager invites someone to their organisation by email. */
export const inviteSchema = z.object({
  email: z
    .string({ required_error: "organisations.errors.emailRequired" })
    .trim()
    .toLowerCase()
    .max(254, "organisations.errors.emailInvalid")
    .email("organisations.errors.emailInvalid"),
});
