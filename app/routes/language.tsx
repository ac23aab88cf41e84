import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getUser } from "~/auth/guards.server";
import { env } from "~/config/env.server";
import { db } from "~/db/client.server";
import { localeCookie } from "~/i18n/detect.server";
import { isLocale } from "~/i18n/locales";
import { safeRedirectPath } from "~/http/redirect";
import { readFormData } from "~/http/form.server";

/** The language switcher posts here; a signed-in user's choice is remembered on their account. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const lang = form.get("lang");
  const to = safeRedirectPath(form.get("redirectTo"));
  if (!isLocale(lang)) throw new Response("Unknown language", { status: 400 });
  const user = await getUser(request);
  if (user) await db.user.update({ where: { id: user.id }, data: { locale: lang } });
  return redirect(to, { headers: { "Set-Cookie": localeCookie(lang, env.NODE_ENV === "production") } });
}

export function loader() {
  return redirect("/");
}
