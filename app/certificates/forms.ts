import { z } from "zod";
import { userText } from "~/i18n/user-text";

/**
 * Form schemas of the certificate pages, shared by the browser (Conform's
 * constraints) and the server. Messages are catalog keys.
 */
export const REASON_MAX_LENGTH = 500;

/** Stored as the revocation reason when an admin re-issues without giving one; pages translate it. */
export const REISSUED_REASON = "reissued";

export const verifyCodeSchema = z.object({
  // Checked for shape by normalizeCertificateCode on the server; this only bounds the input.
  code: z.string({ required_error: "certificates.verify.invalidCode" }).max(100, "certificates.verify.invalidCode"),
});

export const revokeSchema = z.object({
  intent: z.literal("revoke"),
  id: z.string().min(1),
  reason: z
    .string({ required_error: "certificates.admin.errors.reasonRequired" })
    .trim()
    .min(1, "certificates.admin.errors.reasonRequired")
    .max(REASON_MAX_LENGTH, "certificates.admin.errors.reasonTooLong"),
});

export const reissueSchema = z.object({
  intent: z.literal("reissue"),
  id: z.string().min(1),
  reason: userText(z.string().trim().max(REASON_MAX_LENGTH, "certificates.admin.errors.reasonTooLong"), { multiline: true }).optional(),
});

export const adminActionSchema = z.discriminatedUnion("intent", [revokeSchema, reissueSchema]);
