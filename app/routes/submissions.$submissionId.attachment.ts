import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { attachmentResponse } from "~/learning/assignment/attachments.server";
import { getAttachmentForDownload } from "~/learning/assignment/submissions.server";

/** A submission's attachment, for its owner, the course's reviewers and admins (checked in getAttachmentForDownload). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return attachmentResponse(await getAttachmentForDownload(params.submissionId ?? "", user));
}
