import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { importProgress } from "~/import/jobs.server";
import { readRecord } from "~/import/uploads.server";

/** How far an import has got, as JSON, for the page's progress bar. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const record = await readRecord(params.key);
  if (!record) throw new Response("Not found", { status: 404 });
  const job = importProgress(record);
  const body = job ?? { state: record.status === "imported" ? "done" : "idle", done: 0, total: record.report.counts.rows };
  return Response.json(body, { headers: { "Cache-Control": "private, no-store" } });
}
