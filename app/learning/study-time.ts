import type { T } from "~/i18n/translate";

/**
 * A course's estimated study time as shown on the catalogue and course page:
 * minutes under an hour, otherwise hours and minutes rounded to 5 minutes
 * (an estimate in single minutes would claim a precision it does not have).
 */
export function studyTimeText(t: T, minutes: number): string {
  if (minutes < 60) return t("courses.approx", { duration: t("courses.minutes", { count: minutes }) });
  const rounded = Math.round(minutes / 5) * 5;
  const hours = t("courses.hours", { count: Math.floor(rounded / 60) });
  const rest = rounded % 60;
  const duration = rest ? t("courses.hoursAndMinutes", { hours, minutes: t("courses.minutes", { count: rest }) }) : hours;
  return t("courses.approx", { duration });
}
