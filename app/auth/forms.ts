import { z } from "zod";
import { LOCALES } from "~/i18n/locales";
import { userText } from "~/i18n/user-text";
import { PASSWORD_MAX_LENGTH, passwordMatchesEmail, passwordSchema } from "./password-policy";

/**
 * One Zod schema per form, used by Conform in the browser and by the action
 * on the server. Messages are `auth` catalog keys, translated where shown.
 */
export const NAME_MAX_LENGTH = 100;
export const EMAIL_MAX_LENGTH = 254;

export const emailSchema = z
  .string({ required_error: "auth.errors.emailRequired" })
  .trim()
  .toLowerCase()
  .max(EMAIL_MAX_LENGTH, "auth.errors.emailInvalid")
  .email("auth.errors.emailInvalid");

const nameSchema = userText(
  z
    .string({ required_error: "auth.errors.nameRequired" })
    .trim()
    .min(1, "auth.errors.nameRequired")
    .max(NAME_MAX_LENGTH, "auth.errors.nameTooLong"),
);

const localeSchema = z.enum(LOCALES, { errorMap: () => ({ message: "auth.errors.localeInvalid" }) });

/** Login does not re-apply the policy (it may change); it only bounds the work argon2 is given. */
const anyPasswordSchema = z
  .string({ required_error: "auth.errors.passwordRequired" })
  .max(PASSWORD_MAX_LENGTH, "auth.errors.passwordTooLong");

const confirmSchema = z.string({ required_error: "auth.errors.confirmRequired" });

export const signupSchema = z
  .object({
    name: nameSchema,
    email: emailSchema,
    password: passwordSchema,
    locale: localeSchema,
    consent: z
      .boolean({ required_error: "auth.errors.consentRequired" })
      .refine((v) => v, "auth.errors.consentRequired"),
    redirectTo: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    if (passwordMatchesEmail(value.password, value.email)) {
      ctx.addIssue({ code: "custom", path: ["password"], message: "auth.errors.passwordIsEmail" });
    }
  });

export const loginSchema = z.object({
  email: emailSchema,
  password: anyPasswordSchema,
  redirectTo: z.string().optional(),
});

export const forgotPasswordSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z
  .object({ password: passwordSchema, confirmPassword: confirmSchema })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "auth.errors.passwordMismatch",
  });

export const profileSchema = z.object({
  intent: z.literal("profile"),
  name: nameSchema,
  locale: localeSchema,
});

export const changePasswordSchema = z
  .object({
    intent: z.literal("password"),
    currentPassword: anyPasswordSchema,
    newPassword: passwordSchema,
    confirmPassword: confirmSchema,
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "auth.errors.passwordMismatch",
  });

export type SignupInput = z.infer<typeof signupSchema>;
export type LoginInput = z.infer<typeof loginSchema>;
export type ProfileInput = z.infer<typeof profileSchema>;
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
