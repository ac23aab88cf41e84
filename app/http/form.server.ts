import { detectLocale, serverT } from "~/i18n/detect.server";

/**
 * Reading a browser form, the one way every action does it. The Express
 * guard (server/request-guard.ts) has already refused other methods and
 * content types; what is left to go wrong is a body that does not parse
 * (a truncated upload, a multipart header with an unbalanced quote). That is
 * the client's mistake: a translated 400, never a 500.
 */
export function badRequest(request: Request): Response {
  const t = serverT(detectLocale(request));
  return new Response(t("common.http.badRequest"), {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** Whether a failure while reading a body is the body's fault (malformed), not ours. */
export function isMalformedBody(error: unknown): boolean {
  if (error instanceof Response) return false;
  if (error instanceof TypeError) return true; // undici: "Failed to parse body as FormData."
  return error instanceof Error && /malformed|mismatched|unexpected end|boundary/i.test(error.message);
}

export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch (error) {
    if (isMalformedBody(error)) throw badRequest(request);
    throw error;
  }
}
