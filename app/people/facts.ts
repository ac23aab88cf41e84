import type { AgeBand, Profession, Sex } from "~/db/generated/enums";

/**
 * The values of the profile facts reports are broken down by, in the order
 * pages offer them. Plain lists (no database client), so forms in the
 * browser and the server share them; `satisfies` keeps them in step with
 * the enums of schema.prisma.
 */
export const SEXES = ["woman", "man", "other", "undisclosed"] as const satisfies readonly Sex[];

export const AGE_BANDS = [
  "under_18",
  "from_18_to_24",
  "from_25_to_34",
  "from_35_to_44",
  "from_45_to_54",
  "from_55_to_64",
  "from_65",
] as const satisfies readonly AgeBand[];

export const PROFESSIONS = [
  "social_worker",
  "police_gendarmerie",
  "justice",
  "health",
  "labour_employment",
  "teacher",
  "journalist_media",
  "student",
  "association_staff",
  "public_servant",
  "other",
] as const satisfies readonly Profession[];

/** Oldest birth year accepted: anything before is a typing mistake, not a trainee. */
export const EARLIEST_BIRTH_YEAR = 1920;

/** The age band of someone born in `birthYear`, in the year of `at` (their age this year, birthday or not). */
export function ageBandFor(birthYear: number, at: Date = new Date()): AgeBand {
  const age = at.getUTCFullYear() - birthYear;
  if (age < 18) return "under_18";
  if (age <= 24) return "from_18_to_24";
  if (age <= 34) return "from_25_to_34";
  if (age <= 44) return "from_35_to_44";
  if (age <= 54) return "from_45_to_54";
  if (age <= 64) return "from_55_to_64";
  return "from_65";
}
