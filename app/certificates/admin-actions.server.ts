import { parseWithZod } from "@conform-to/zod";
import type { SubmissionResult } from "@conform-to/react";
import { CertificateActionError, reissueCertificate, revokeCertificate } from "./certificates.server";
import { adminActionSchema } from "./forms";

export type AdminActionOutcome =
  | { ok: true; done: "revoked" | "reissued" }
  | { ok: false; formId: string; result: SubmissionResult<string[]> };

const ERROR_KEYS: Record<CertificateActionError["code"], string> = {
  "not-found": "certificates.admin.errors.notFound",
  "already-reissued": "certificates.admin.errors.alreadyReissued",
  "reason-required": "certificates.admin.errors.reasonRequired",
};

/** The revoke and re-issue forms of /admin/certificates; each row's form has its own id. */
export async function certificateAdminAction(formData: FormData, adminId: string): Promise<AdminActionOutcome> {
  const submission = parseWithZod(formData, { schema: adminActionSchema });
  const formId = `${String(formData.get("intent"))}-${String(formData.get("id"))}`;
  if (submission.status !== "success") return { ok: false, formId, result: submission.reply() };
  const { intent, id, reason } = submission.value;
  try {
    if (intent === "revoke") {
      await revokeCertificate(id, reason, adminId);
      return { ok: true, done: "revoked" };
    }
    await reissueCertificate(id, adminId, { reason });
    return { ok: true, done: "reissued" };
  } catch (error) {
    if (!(error instanceof CertificateActionError)) throw error;
    return { ok: false, formId, result: submission.reply({ formErrors: [ERROR_KEYS[error.code]] }) };
  }
}
