import type { ActionFunctionArgs } from "@remix-run/node";
import { commitRequest } from "~/scorm/commit-request.server";

/** Only written to: a GET says so (405) instead of failing as a missing loader. */
export function loader(): never {
  throw new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}

/** A SCORM attempt's commit (JSON, or JSON as text/plain from a beacon), relayed by the player page. */
export async function action({ request, params }: ActionFunctionArgs) {
  return commitRequest(request, params.attemptId ?? "");
}
