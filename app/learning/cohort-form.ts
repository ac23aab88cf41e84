import { z } from "zod";
import { userText } from "~/i18n/user-text";

/**
 * The cohort form of /admin/courses/:slug/cohorts, shared by the browser
 * (Conform's constraints) and the server. Dates are whole days: a cohort
 * starts at the beginning of its first day and ends at the end of its last.
 * Messages are catalog keys.
 */
export const COHORT_NAME_MAX = 120;
export const COHORT_CAPACITY_MAX = 100_000;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "cohorts.errors.date").refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "cohorts.errors.date");

export const cohortSchema = z
  .object({
    name: userText(z.string({ required_error: "cohorts.errors.nameRequired" }).trim().min(1, "cohorts.errors.nameRequired").max(COHORT_NAME_MAX, "cohorts.errors.nameTooLong")),
    startsOn: day.optional(),
    endsOn: day.optional(),
    // A string, as the form sends it (the page's fields are all text); capacityOf reads it.
    capacity: z
      .string()
      .trim()
      .regex(/^\d{1,6}$/, "cohorts.errors.capacity")
      .refine((v) => Number(v) >= 1 && Number(v) <= COHORT_CAPACITY_MAX, "cohorts.errors.capacity")
      .optional(),
  })
  .refine((v) => !v.startsOn || !v.endsOn || v.endsOn >= v.startsOn, { path: ["endsOn"], message: "cohorts.errors.endBeforeStart" });

export type CohortValues = z.infer<typeof cohortSchema>;

export function capacityOf(values: CohortValues): number | null {
  return values.capacity === undefined ? null : Number(values.capacity);
}

/** The first instant of a day, and the last: what startsAt and endsAt store. */
export function startOfDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}
export function endOfDay(day: string): Date {
  return new Date(`${day}T23:59:59.999Z`);
}
/** The day a stored date falls on, as a date input shows it. */
export function dayOf(date: Date | string | null): string | undefined {
  return date ? new Date(date).toISOString().slice(0, 10) : undefined;
}
