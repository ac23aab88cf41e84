import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { env } from "~/config/env.server";
import { ExportError, exportCourse } from "~/scorm/export/export-course.server";

/**
 * /admin/courses/<slug>/export-scorm?lang=fr|ar|en: the course as a SCORM 1.2
 * zip (decision 027), for admins only (403 for anyone else signed in). An
 * unknown course or a language the course is not written in is a 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const slug = params.slug ?? "";
  const lang = new URL(request.url).searchParams.get("lang") ?? "";
  try {
    const { zip } = await exportCourse({ cacheDir: env.COURSE_CACHE_DIR, slug, lang });
    return new Response(new Uint8Array(zip), {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="${slug}-${lang}-scorm12.zip"`,
        "Content-Length": String(zip.length),
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof ExportError) throw new Response("Not Found", { status: 404 });
    throw error;
  }
}
