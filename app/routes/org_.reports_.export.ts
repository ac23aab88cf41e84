import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportDownload } from "~/reports/report-page.server";
import { managerViewer } from "~/reports/report-routes.server";

/** /org/reports/export?…&format=csv|xlsx: the manager's organisation report, as a file. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, locale } = await managerViewer(request);
  return reportDownload(request, viewer, locale);
}
