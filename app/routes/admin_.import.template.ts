import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { TEMPLATE_FILE_NAME, templateCsv } from "~/import/template";

/** The import template: a CSV file with a byte-order mark, the header row and two example rows. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return new Response(templateCsv(), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${TEMPLATE_FILE_NAME}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
