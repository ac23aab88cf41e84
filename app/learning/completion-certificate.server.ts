import type { CatalogCourse } from "~/catalog/catalog.server";
import { issueCertificateForCompletion } from "~/certificates/certificates.server";

/**
 * A new completion's certificate. Never inside a transaction (issuing reads
 * the catalogue, which writes Course rows), and never fatal: the completion
 * stands, and /me and /me/certificates issue what is missing on the next visit.
 */
export async function issueCompletionCertificate(completionId: string, course: CatalogCourse): Promise<void> {
  try {
    await issueCertificateForCompletion(completionId, { catalog: { courses: [course] } });
  } catch (error) {
    console.error(JSON.stringify({ level: "error", msg: "certificate not issued", completionId, course: course.slug, error: String(error) }));
  }
}
