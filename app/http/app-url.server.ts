import { env } from "~/config/env.server";

/**
 * An absolute URL for links that leave the site (emails, QR codes). APP_URL
 * wins when set, because behind a proxy the request's own origin may be an
 * internal address; otherwise the request's origin is used.
 */
export function appUrl(request: Request, path: string): string {
  const base = env.APP_URL ?? new URL(request.url).origin;
  return new URL(path, base.endsWith("/") ? base : `${base}/`).toString();
}
