import { z } from "zod";

/**
 * The password rules every form applies (signup, reset, change), shared by
 * the browser (Conform) and the server. Length is what protects users
 * (NIST SP 800-63B): no composition rules, a generous maximum so passphrases
 * fit, and never the email address itself. Messages are catalog keys.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export const passwordSchema = z
  .string({ required_error: "auth.errors.passwordRequired" })
  .min(PASSWORD_MIN_LENGTH, "auth.errors.passwordTooShort")
  .max(PASSWORD_MAX_LENGTH, "auth.errors.passwordTooLong");

/** True when the password is the email address (or its local part) in any case. */
export function passwordMatchesEmail(password: string, email: string | null | undefined): boolean {
  if (!email) return false;
  const p = password.trim().toLowerCase();
  const e = email.trim().toLowerCase();
  const local = e.split("@")[0];
  return p === e || (local.length > 0 && p === local);
}

/** Parameters the translated password messages use ({min}, {max}). */
export const PASSWORD_MESSAGE_PARAMS = { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH };
