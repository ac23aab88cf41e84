import { data, redirect } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { readFormData } from "~/http/form.server";
import { detectLocale } from "~/i18n/detect.server";
import { requireOrgManager } from "~/organisations/guards.server";
import type { ReportViewer } from "./report-page.server";
import { savedReportAction } from "./saved-reports.server";

/**
 * Who is asking for a report, from the session only: an admin sees
 * everything; an organisation manager their organisation, read from their
 * membership. Shared by the six report routes so none can forget it.
 */
export async function adminViewer(request: Request) {
  const user = await requireRole(request, "admin");
  const viewer: ReportViewer = { audience: "all", userId: user.id, hasEmail: Boolean(user.email) };
  return { viewer, locale: detectLocale(request, user.locale) };
}

export async function managerViewer(request: Request) {
  const { user, organisation } = await requireOrgManager(request);
  const viewer: ReportViewer = { audience: "organisation", organisationId: organisation.id, userId: user.id, hasEmail: Boolean(user.email) };
  return { viewer, locale: detectLocale(request, user.locale), organisation };
}

/** Save, reschedule or delete a saved report, then back to the report (a reload does not post again). */
export async function savedReportRouteAction(request: Request, viewer: ReportViewer, basePath: string) {
  const outcome = await savedReportAction(viewer.userId, viewer.audience, await readFormData(request));
  if (!outcome.ok) return data(outcome, { status: 400 });
  const search = new URL(request.url).searchParams;
  search.delete("done");
  search.delete("index");
  search.set("done", outcome.done);
  throw redirect(`${basePath}?${search}`);
}
