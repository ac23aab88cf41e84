import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportDownload } from "~/reports/report-page.server";
import { adminViewer } from "~/reports/report-routes.server";

/** /admin/reports/export?…&format=csv|xlsx: the report on screen, as a file. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, locale } = await adminViewer(request);
  return reportDownload(request, viewer, locale);
}
