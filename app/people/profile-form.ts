import { z } from "zod";
import { userText } from "~/i18n/user-text";
import { isNationalityCode } from "./countries";
import { AGE_BANDS, EARLIEST_BIRTH_YEAR, PROFESSIONS, SEXES } from "./facts";

/**
 * The profile form (/account/profile), shared by the browser (Conform's
 * constraints) and the server. Every item is optional: a field left empty
 * clears it. Messages are catalog keys.
 */
export const PROFILE_CITY_MAX = 100;
/** Younger than this is a typing mistake in a birth year, not a trainee. */
export const YOUNGEST_AGE = 10;

const choice = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.enum(values, { errorMap: () => ({ message }) }).optional();

export const profileFactsSchema = z.object({
  sex: choice(SEXES, "people.profile.errors.choice"),
  ageBand: choice(AGE_BANDS, "people.profile.errors.choice"),
  birthYear: z
    .number({ invalid_type_error: "people.profile.errors.birthYear" })
    .int("people.profile.errors.birthYear")
    .min(EARLIEST_BIRTH_YEAR, "people.profile.errors.birthYear")
    .refine((year) => year <= new Date().getUTCFullYear() - YOUNGEST_AGE, "people.profile.errors.birthYear")
    .optional(),
  profession: choice(PROFESSIONS, "people.profile.errors.choice"),
  organisationId: z.string().max(64, "people.profile.errors.organisationUnknown").optional(),
  regionId: z.string().max(20, "people.profile.errors.regionUnknown").optional(),
  city: userText(z.string().trim().max(PROFILE_CITY_MAX, "people.profile.errors.cityTooLong")).optional(),
  nationality: z
    .string()
    .refine((code) => isNationalityCode(code), "people.profile.errors.nationalityUnknown")
    .optional(),
});

export type ProfileFactsInput = z.infer<typeof profileFactsSchema>;
