import { z } from "zod";
import { getCatalog } from "~/catalog/catalog.server";
import { contentLanguage, textIn } from "~/catalog/outline";
import type { Locale } from "~/i18n/locales";
import { addCourseReviewer, listCourseReviewers, removeCourseReviewer } from "./reviewers.server";
import type { FieldErrors } from "./submissions.server";

/** /admin/reviewers: which reviewer reviews which course. */

export async function reviewersAdminPage(locale: Locale) {
  const [{ courses }, rows] = await Promise.all([getCatalog(), listCourseReviewers()]);
  const byCourse = new Map<string, { id: string; name: string; email: string | null }[]>();
  for (const row of rows) {
    const list = byCourse.get(row.courseId) ?? [];
    list.push({ id: row.user.id, name: row.user.name, email: row.user.email });
    byCourse.set(row.courseId, list);
  }
  return {
    courses: courses
      .map((course) => {
        const { lang } = contentLanguage(course.definition.languages, locale);
        return { id: course.id, lang, title: textIn(course.definition.title, lang), reviewers: byCourse.get(course.id) ?? [] };
      })
      .sort((a, b) => a.title.localeCompare(b.title, locale)),
  };
}

const addSchema = z.object({
  email: z.string().trim().email("assignment.reviewers.errors.email"),
  courseId: z.string().min(1, "assignment.reviewers.errors.courseUnknown"),
});

const removeSchema = z.object({ userId: z.string().min(1), courseId: z.string().min(1) });

export type ReviewersActionResult =
  | { ok: true; done: "added" | "removed" }
  | { ok: false; errors: FieldErrors; values: { email: string; courseId: string } };

export async function reviewersAdminAction(form: FormData): Promise<ReviewersActionResult> {
  const values = { email: String(form.get("email") ?? ""), courseId: String(form.get("courseId") ?? "") };
  if (form.get("intent") === "remove") {
    const parsed = removeSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw new Response("Bad Request", { status: 400 });
    await removeCourseReviewer(parsed.data.userId, parsed.data.courseId);
    return { ok: true, done: "removed" };
  }
  const parsed = addSchema.safeParse(values);
  if (!parsed.success) return { ok: false, errors: parsed.error.flatten().fieldErrors, values };
  const added = await addCourseReviewer(parsed.data);
  if (!added.ok) return { ok: false, errors: added.errors, values };
  return { ok: true, done: "added" };
}
