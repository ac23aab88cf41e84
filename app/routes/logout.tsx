import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { logOut } from "~/auth/accounts.server";
import { getAuth } from "~/auth/guards.server";
import { blankSessionCookie } from "~/auth/session.server";

/** Logging out is a POST (a link or a prefetch must not log anyone out). */
export async function action({ request }: ActionFunctionArgs) {
  const auth = await getAuth(request);
  await logOut(auth?.session.id);
  return redirect("/", { headers: { "Set-Cookie": blankSessionCookie() } });
}

export function loader() {
  return redirect("/");
}
