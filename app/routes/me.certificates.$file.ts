import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { certificatePdfFor } from "~/certificates/certificates.server";

/**
 * GET /me/certificates/<id>.pdf: the PDF, rendered on demand in the
 * certificate's language, for its owner or an admin. Anyone else gets the same
 * 404 as for a certificate that does not exist.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = /^([a-z0-9]{1,64})\.pdf$/i.exec(params.file ?? "")?.[1];
  const found = id ? await certificatePdfFor(id, user) : null;
  if (!found) throw new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(Uint8Array.from(found.pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${found.filename}"`,
      "Content-Length": String(found.pdf.length),
      "Cache-Control": "private, no-store",
    },
  });
}
