import crypto from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import onHeaders from "on-headers";
import { SESSION_COOKIE } from "~/auth/session.server";

/**
 * Security headers for every response. The CSP allows scripts only from our
 * origin or carrying this request's nonce: no 'unsafe-eval', no 'unsafe-inline'
 * scripts (lessons arrive as HTML, not as code to evaluate).
 *
 * Vite's fingerprinted scripts and stylesheets (/assets/*.js, *.css) get
 * only nosniff and HSTS: CSP, framing, referrer and permissions policies
 * govern documents, which those never are, and a lesson's first visit
 * downloads about fifteen of them, each carrying ~0.5 kB of uncompressed
 * headers otherwise (docs/decisions/028).
 */
/** contentOrigin: SCORM_CONTENT_ORIGIN, where the lesson page's player frames load packages from (decision 024). */
export function securityHeaders({ dev, contentOrigin }: { dev: boolean; contentOrigin?: string }) {
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    const scriptSrc = dev
      ? `'self' 'nonce-${nonce}' 'unsafe-inline'` // Vite's dev client injects inline scripts
      : `'self' 'nonce-${nonce}'`;
    const defaults: Record<string, string> = {
      "Content-Security-Policy": contentSecurityPolicy({ dev, contentOrigin }, scriptSrc),
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
      "Cross-Origin-Opener-Policy": "same-origin",
      "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    };
    if (!dev) defaults["Strict-Transport-Security"] = "max-age=15552000";
    if (isScriptOrStyleAsset(req.path)) {
      for (const name of DOCUMENT_ONLY) delete defaults[name];
    }
    const signedIn = hasSessionCookie(req);
    // Set as the headers go out, and only where the route set none of its own: the Remix
    // adapter appends a route's headers, so setting them here first would send both
    // (two Referrer-Policy values on the reset page, say).
    onHeaders(res, () => {
      for (const [name, value] of Object.entries(defaults)) if (!res.hasHeader(name)) res.setHeader(name, value);
      // What a signed-in person sees is theirs: never kept by a shared cache or the browser's history cache.
      if (signedIn && !res.hasHeader("Cache-Control")) res.setHeader("Cache-Control", "private, no-store");
    });
    next();
  };
}

/**
 * A document's policy, allowing scripts from `scriptSrc`: our origin and this request's nonce, or (a page sent
 * again, app/http/render-once.server.ts) our origin and the hashes of the page's inline scripts.
 */
export function contentSecurityPolicy({ dev, contentOrigin }: { dev: boolean; contentOrigin?: string }, scriptSrc: string): string {
  return [
    "default-src 'self'",
    `script-src ${scriptSrc}`,
    dev ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "media-src 'self' blob:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    contentOrigin ? `frame-src 'self' ${contentOrigin}` : "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

const DOCUMENT_ONLY = ["Content-Security-Policy", "Referrer-Policy", "X-Frame-Options", "Cross-Origin-Opener-Policy", "Permissions-Policy"];

export function isScriptOrStyleAsset(path: string): boolean {
  return /^\/assets\/[^/]+\.(js|css)$/.test(path);
}

function hasSessionCookie(req: Request): boolean {
  return (req.get("cookie") ?? "").split(";").some((part) => part.trim().startsWith(`${SESSION_COOKIE}=`));
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request protection on top of SameSite=Lax cookies: a non-GET
 * request whose Origin (or, failing that, Referer) is another site is refused.
 */
export function originCheck({ trustProxy }: { trustProxy: boolean }) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const source = req.get("origin") ?? refererOrigin(req.get("referer"));
    if (!source) return next(); // non-browser clients (curl, tests) send neither
    const proto = trustProxy ? (req.get("x-forwarded-proto") ?? req.protocol) : req.protocol;
    const host = trustProxy ? (req.get("x-forwarded-host") ?? req.get("host")) : req.get("host");
    if (source === `${proto}://${host}`) return next();
    res.status(403).type("text/plain").send("Cross-site request refused");
  };
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return "null";
  }
}
