import { z } from "zod";
import { userText } from "~/i18n/user-text";

/**
 * The training session form of /admin/sessions, shared by the browser
 * (Conform's constraints) and the server. Times are the wall-clock times of
 * the programme, as typed (see docs/decisions/014-session-times-as-written.md).
 * Messages are catalog keys.
 */
export const MODALITIES = ["in_person", "webinar"] as const;
export type SessionModality = (typeof MODALITIES)[number];

const dateTime = z
  .string({ required_error: "sessions.errors.dateTime" })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "sessions.errors.dateTime")
  .refine((v) => !Number.isNaN(Date.parse(`${v}:00Z`)), "sessions.errors.dateTime");

const optionalText = (max: number, tooLong: string) => userText(z.string().trim().max(max, tooLong)).optional();

export const sessionSchema = z
  .object({
    title: userText(z.string({ required_error: "sessions.errors.titleRequired" }).trim().min(1, "sessions.errors.titleRequired").max(200, "sessions.errors.tooLong")),
    courseId: z.string().max(100).optional(),
    theme: optionalText(200, "sessions.errors.tooLong"),
    modality: z.enum(MODALITIES, { errorMap: () => ({ message: "sessions.errors.modality" }) }),
    startsAt: dateTime,
    endsAt: dateTime,
    regionId: z.string().max(20).optional(),
    city: optionalText(100, "sessions.errors.tooLong"),
    place: optionalText(200, "sessions.errors.tooLong"),
    organiserId: z.string().max(100).optional(),
    trainers: optionalText(500, "sessions.errors.tooLong"),
  })
  .refine((v) => v.courseId || v.theme, { path: ["theme"], message: "sessions.errors.subjectRequired" })
  .refine((v) => v.endsAt > v.startsAt, { path: ["endsAt"], message: "sessions.errors.endBeforeStart" });

export type SessionValues = z.infer<typeof sessionSchema>;

/** A datetime-local value read as written: stored as that wall-clock time in UTC, so it is shown back as typed. */
export function wallClock(value: string): Date {
  return new Date(`${value}:00.000Z`);
}
export function wallClockInput(date: Date | string): string {
  return new Date(date).toISOString().slice(0, 16);
}

/** The shortest search the attendance sheet runs. */
export const SEARCH_MIN = 2;

/** Someone added on the spot from the attendance sheet. */
export const onTheSpotSchema = z.object({
  name: userText(z.string({ required_error: "sessions.errors.nameRequired" }).trim().min(1, "sessions.errors.nameRequired").max(200, "sessions.errors.tooLong")),
  email: z.string().trim().max(254, "sessions.errors.email").email("sessions.errors.email").optional(),
  phone: z.string().trim().max(40, "sessions.errors.phone").optional(),
  organisationId: z.string().max(100).optional(),
});
