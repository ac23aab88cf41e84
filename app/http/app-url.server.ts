import { env } from "~/config/env.server";

/**
 * The site's public origin, for links that leave the site (emails, QR codes,
 * certificates). It comes from configuration only, never from the request:
 * a Host header is whatever the client says, and a reset link built from it
 * would send the token to whoever forged it. Production refuses to start
 * without APP_URL (server/index.ts); elsewhere it defaults to localhost.
 */
export function appOrigin(): string {
  return (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
}

/** An absolute URL of this site for `path` ("/reset-password/…"). */
export function appUrl(path: string): string {
  return new URL(path, `${appOrigin()}/`).toString();
}

/** Why the server will not start, or null when the configuration is fine. */
export function appUrlProblem(): string | null {
  if (env.NODE_ENV !== "production" || env.APP_URL) return null;
  return (
    "APP_URL is not set. In production Tadrib builds the links in emails and on certificates from it, never " +
    "from the request's Host header. Set it to the address people use to reach the site, e.g. " +
    "APP_URL=https://tadrib.example.org (npm start sets http://localhost:<PORT> by itself)."
  );
}
