import path from "node:path";
import express, { type NextFunction, type Request, type Response } from "express";
import { MEDIA_DIR, MEDIA_NAME, MEDIA_TYPES, type MediaExtension } from "~/catalog/media-files.server";

/**
 * /media/<hash>.<ext>: the images, video, audio and captions lessons show,
 * copied into the course cache by `npm run courses:build`. Names are content
 * hashes, so a file never changes: a year of caching, never revalidated.
 * Media responses get a CSP of their own that lets nothing run or load (an
 * SVG opened on its own cannot script), the type from the extension and
 * nosniff, so a browser never guesses a file into HTML.
 */
export const MEDIA_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

export function mediaFiles(cacheDir: string) {
  const files = express.static(path.join(cacheDir, MEDIA_DIR), {
    immutable: true,
    maxAge: "1y",
    index: false,
    redirect: false,
    dotfiles: "deny",
    fallthrough: false,
    setHeaders(res, file) {
      const ext = path.extname(file).slice(1) as MediaExtension;
      res.setHeader("Content-Type", MEDIA_TYPES[ext]);
      res.setHeader("Content-Security-Policy", MEDIA_CSP);
      res.setHeader("X-Content-Type-Options", "nosniff");
      res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    },
  });
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || !MEDIA_NAME.test(req.path.slice(1))) return notFound(res);
    files(req, res, (error?: { status?: number }) => (error && error.status !== 404 ? next(error) : notFound(res)));
  };
}

function notFound(res: Response) {
  res.status(404).setHeader("Content-Security-Policy", MEDIA_CSP);
  res.type("text/plain").send("Not found");
}
