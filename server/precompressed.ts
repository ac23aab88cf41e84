import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import type { NextFunction, Request, Response } from "express";

/**
 * Vite's fingerprinted scripts and stylesheets, compressed once at build time
 * with brotli's best quality (11) rather than on every request at the
 * compression middleware's quality 4: 14.8 kB less on a lesson's first visit,
 * 73 kB instead of 85 kB for the React/Remix chunk alone (docs/decisions/028).
 * The build writes `<file>.br` beside each file; the server sends it to
 * browsers that accept brotli, and the plain file, compressed as before, to
 * the others.
 */

const brotli = promisify(zlib.brotliCompress);
const COMPRESSIBLE = /\.(js|css)$/;

/** The Vite plugin: after the browser build, `<file>.br` beside each script and stylesheet. */
export function precompressAssets() {
  let ssr = false;
  return {
    name: "tadrib-precompress-assets",
    apply: "build" as const,
    configResolved(config: { build: { ssr: boolean | string } }) {
      ssr = Boolean(config.build.ssr);
    },
    async writeBundle(options: { dir?: string }, bundle: Record<string, unknown>) {
      if (ssr || !options.dir) return;
      const dir = options.dir;
      await Promise.all(
        Object.keys(bundle)
          .filter((name) => COMPRESSIBLE.test(name))
          .map(async (name) => {
            const file = path.join(dir, name);
            const body = await fs.promises.readFile(file);
            const compressed = await brotli(body, {
              params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
            });
            await fs.promises.writeFile(`${file}.br`, compressed);
          }),
      );
    },
  };
}

const TYPES: Record<string, string> = { ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8" };

/**
 * Serves `<name>.br` for GET/HEAD /<name>.js|css under `dir` when the browser
 * accepts brotli (mounted on /assets, before express.static, which answers
 * everything else). Fingerprinted names: cached for a year, immutable.
 */
export function precompressedAssets(dir: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || !/^\/[\w.-]+\.(js|css)$/.test(req.path)) return next();
    res.vary("Accept-Encoding");
    if (req.acceptsEncodings("br") !== "br") return next();
    const file = path.join(dir, `${req.path.slice(1)}.br`);
    fs.stat(file, (error, stat) => {
      if (error || !stat.isFile()) return next();
      res.setHeader("Content-Type", TYPES[path.extname(req.path)]);
      res.setHeader("Content-Encoding", "br");
      res.setHeader("Content-Length", stat.size);
      res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
      if (req.method === "HEAD") return res.end();
      fs.createReadStream(file).on("error", next).pipe(res);
    });
  };
}
