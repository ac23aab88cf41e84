import type { ActionFunctionArgs } from "@remix-run/node";
import { getUser } from "~/auth/guards.server";
import { launchRequest } from "~/scorm/player/lesson-package.server";

/** Only posted to: a GET says so (405). */
export function loader(): never {
  throw new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}

/** The player page starts or resumes an attempt at one item of a lesson's SCORM package. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await getUser(request);
  if (!user) return Response.json({ error: "not-signed-in" }, { status: 401, headers: { "Cache-Control": "no-store" } });
  return launchRequest(request, user.id);
}
