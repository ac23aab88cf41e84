import fs from "node:fs/promises";
import path from "node:path";
import express, { type NextFunction, type Request, type Response } from "express";
import { checkEntryName } from "~/scorm/entry-names";
import { extensionOf, fileTypeVerdict, PACKAGE_FILE_TYPES } from "~/scorm/file-types";
import { parseManifest } from "~/scorm/manifest.server";
import { frameApiScript } from "~/scorm/player/frame-api.server";
import { injectFirstScript } from "~/scorm/player/inject-script";
import { isPackageKey } from "~/scorm/store.server";

/**
 * /scorm-content/<sha256>/<path>: the files of an imported SCORM package, from
 * SCORM_DIR/<sha256>/ (app/scorm/store.server.ts). A package is code an admin
 * uploaded and every learner runs (docs/decisions/024-scorm-content-sandboxed.md):
 * its pages get a CSP sandbox without allow-same-origin, so their scripts run
 * in an opaque origin that cannot read Tadrib's pages or cookies, nor call its
 * endpoints with the learner's session. Only a path that names a file of a
 * stored package is served: each segment decoded once and judged as the
 * import judged the zip's names, the extension on the import's allow list
 * (which gives the Content-Type), and the real path, symlinks resolved, the
 * one the segments name.
 *
 * Every HTML page of a package is served with one script put first, the
 * frame's SCORM API (app/scorm/player/frame-api.server.ts): it exists before
 * the content's first script runs, in every frame and pop-up of the package.
 * Those pages are revalidated (no-cache, with an ETag), because they name the
 * API script by its hash; everything else is immutable.
 */
export const SCORM_CONTENT_PATH = "/scorm-content";

/**
 * No frame-ancestors: a sandboxed page's origin is opaque, and an opaque
 * ancestor matches no frame-ancestors source ('self', an origin, not even
 * *), so the child frames of a frameset package would be refused (seen in
 * Chromium). Package content carries no session and no personal data, so
 * another site framing it shows public course material and nothing else.
 */
export const SCORM_CONTENT_CSP = "sandbox allow-scripts allow-forms allow-popups";

/** lmsOrigin: Tadrib's own origin, where the player page runs (the only window the frame API talks to). */
type Options = { storeDir: string; lmsOrigin: string };

export const FRAME_API_PATH = "/_runtime/";
const HTML = new Set(["html", "htm"]);

export function scormContent({ storeDir, lmsOrigin }: Options) {
  const csp = SCORM_CONTENT_CSP;
  const frameApi = frameApiScript();
  const versions = new Map<string, Promise<string | null>>();
  /** The package's SCORM version, from its manifest, read once: a package folder never changes. */
  const versionOf = (key: string) => {
    let pending = versions.get(key);
    if (!pending) {
      pending = fs
        .readFile(path.join(storeDir, key, "imsmanifest.xml"))
        .then((bytes) => {
          const parsed = parseManifest(bytes);
          return parsed.ok ? parsed.manifest.version : null;
        })
        .catch(() => null);
      versions.set(key, pending);
      if (versions.size > 500) versions.delete(versions.keys().next().value as string);
    }
    return pending;
  };
  const scriptTag = (version: string | null) =>
    `<script src="${SCORM_CONTENT_PATH}${FRAME_API_PATH}${frameApi.fileName}"${version ? ` data-scorm-version="${version}"` : ""} data-lms-origin="${escapeAttribute(lmsOrigin)}"></script>`;

  const files = express.static(storeDir, {
    // Folders are content-addressed and never change (decision 021): cached for a year, never revalidated.
    immutable: true,
    maxAge: "1y",
    index: false,
    redirect: false,
    dotfiles: "allow",
    fallthrough: false,
    setHeaders(res, file) {
      res.setHeader("Content-Type", PACKAGE_FILE_TYPES[extensionOf(file)]);
      setContentHeaders(res, csp);
    },
  });

  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD") return notFound(res, csp);
    if (req.path === `${FRAME_API_PATH}${frameApi.fileName}`) {
      res.setHeader("Content-Type", "text/javascript; charset=utf-8");
      res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
      setContentHeaders(res, csp);
      return res.send(frameApi.source);
    }
    resolvePackageFile(storeDir, req.path)
      .then(async (relative) => {
        if (!relative) return notFound(res, csp);
        if (HTML.has(extensionOf(relative))) {
          const [key] = relative.split("/");
          const [bytes, version] = await Promise.all([fs.readFile(path.join(storeDir, ...relative.split("/"))), versionOf(key)]);
          res.setHeader("Content-Type", PACKAGE_FILE_TYPES[extensionOf(relative)]);
          res.setHeader("Cache-Control", "no-cache");
          setContentHeaders(res, csp);
          return res.send(injectFirstScript(bytes, scriptTag(version)));
        }
        // What express.static reads is exactly the path judged here, encoded again segment by segment.
        req.url = `/${relative.split("/").map(encodeURIComponent).join("/")}`;
        files(req, res, (error?: { status?: number }) => (error && error.status !== 404 ? next(error) : notFound(res, csp)));
      })
      .catch(next);
  };
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

function setContentHeaders(res: Response, csp: string) {
  res.setHeader("Content-Security-Policy", csp);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
  // A pop-up the package opens keeps its opener (where it finds the player page), which same-origin would cut.
  res.setHeader("Cross-Origin-Opener-Policy", "unsafe-none");
  // The sandboxed page's origin is opaque: its own scripts, module scripts and XHRs of its JSON are
  // cross-origin requests. Package files are course material, as public as /media, and never personal.
  res.setHeader("Access-Control-Allow-Origin", "*");
  res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
}

/**
 * The path, relative to the store, of the package file `urlPath` names
 * ("/<sha256>/<segments>"), or null. Each segment is percent-decoded once;
 * a segment that decodes to a slash, a backslash, "..", "." or a control
 * character is refused, never repaired, so "%2e%2e" and "..%2f" are as
 * refused as "..". The file must exist as a regular file, and no part of
 * its path inside the store may be a symlink.
 */
export async function resolvePackageFile(storeDir: string, urlPath: string): Promise<string | null> {
  const raw = urlPath.replace(/^\//, "").split("/");
  const decoded: string[] = [];
  for (const segment of raw) {
    try {
      const value = decodeURIComponent(segment);
      if (value.includes("/")) return null;
      decoded.push(value);
    } catch {
      return null;
    }
  }
  const [key, ...rest] = decoded;
  if (!key || !isPackageKey(key) || rest.length === 0) return null;
  const name = checkEntryName(rest.join("/"));
  if (!name.ok || name.directory || fileTypeVerdict(name.path) !== "allowed") return null;

  const relative = `${key}/${name.path}`;
  try {
    const root = await fs.realpath(storeDir);
    const wanted = path.join(root, ...relative.split("/"));
    if ((await fs.realpath(wanted)) !== wanted) return null;
    if (!(await fs.stat(wanted)).isFile()) return null;
  } catch {
    return null;
  }
  return relative;
}

/**
 * On the separate content origin (SCORM_CONTENT_ORIGIN), nothing but package
 * content: that host is not where Tadrib's pages live, whatever DNS says.
 */
export function contentOriginOnly(contentOrigin: string | undefined, { trustProxy }: { trustProxy: boolean }) {
  const contentHost = contentOrigin ? new URL(contentOrigin).host.toLowerCase() : null;
  return (req: Request, res: Response, next: NextFunction) => {
    if (!contentHost) return next();
    const host = ((trustProxy ? req.get("x-forwarded-host") : undefined) ?? req.get("host") ?? "").toLowerCase();
    if (host !== contentHost || req.path.startsWith(`${SCORM_CONTENT_PATH}/`)) return next();
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.status(404).type("text/plain").send("Not found");
  };
}

function notFound(res: Response, csp: string) {
  res.status(404).setHeader("Content-Security-Policy", csp);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.type("text/plain").send("Not found");
}
