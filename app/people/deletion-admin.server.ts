import { parseWithZod } from "@conform-to/zod";
import type { SubmissionResult } from "@conform-to/react";
import { cancelDeletionRequest, confirmDeletion } from "./deletion.server";
import { deletionAdminSchema } from "./deletion-forms";

export type DeletionAdminOutcome =
  | { ok: true; done: "confirmed" | "cancelled" }
  | { ok: false; formId: string; result: SubmissionResult<string[]> };

/** Confirm or cancel one request; a request that is not open (any more) answers 404, like one that never existed. */
export async function deletionAdminAction(formData: FormData, adminId: string): Promise<DeletionAdminOutcome> {
  const formId = `${String(formData.get("intent"))}-${String(formData.get("id"))}`;
  const submission = parseWithZod(formData, { schema: deletionAdminSchema });
  if (submission.status !== "success") return { ok: false, formId, result: submission.reply() };
  const { intent, id } = submission.value;
  if (intent === "confirm") {
    if (!(await confirmDeletion(id, adminId)).ok) throw new Response("Not Found", { status: 404 });
    return { ok: true, done: "confirmed" };
  }
  if (!(await cancelDeletionRequest(id, adminId))) throw new Response("Not Found", { status: 404 });
  return { ok: true, done: "cancelled" };
}
