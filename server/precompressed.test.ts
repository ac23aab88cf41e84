import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import compression from "compression";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { precompressAssets, precompressedAssets } from "./precompressed";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tadrib-precompressed-"));
// Real minified code, as Vite writes it: React's production build.
const script = fs.readFileSync(path.join(process.cwd(), "node_modules/react/cjs/react.production.min.js"), "utf8");
let server: http.Server;
let port: number;

function get(url: string, headers: Record<string, string> = {}, method = "GET") {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .request({ host: "127.0.0.1", port, path: url, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject)
      .end();
  });
}

beforeAll(async () => {
  fs.writeFileSync(path.join(dir, "app-abc123.js"), script);
  fs.writeFileSync(path.join(dir, "app-abc123.css"), "body { color: black }\n".repeat(50));
  fs.writeFileSync(path.join(dir, "chunk.js.map"), "{}");
  // The build step, as Vite calls it after writing the browser bundle.
  const plugin = precompressAssets();
  plugin.configResolved({ build: { ssr: false } });
  await plugin.writeBundle({ dir }, { "app-abc123.js": {}, "app-abc123.css": {}, "chunk.js.map": {} });

  const app = express();
  app.use(compression());
  app.use("/assets", precompressedAssets(dir));
  app.use("/assets", express.static(dir, { immutable: true, maxAge: "1y" }));
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("precompressed assets", () => {
  it("the build writes a quality-11 .br beside scripts and stylesheets only", () => {
    const br = fs.readFileSync(path.join(dir, "app-abc123.js.br"));
    expect(zlib.brotliDecompressSync(br).toString()).toBe(script);
    const q4 = zlib.brotliCompressSync(script, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } });
    expect(br.length).toBeLessThan(q4.length);
    expect(fs.existsSync(path.join(dir, "app-abc123.css.br"))).toBe(true);
    expect(fs.existsSync(path.join(dir, "chunk.js.map.br"))).toBe(false);
  });

  it("a browser accepting brotli gets the stored .br bytes, typed, immutable, not compressed again", async () => {
    const res = await get("/assets/app-abc123.js", { "Accept-Encoding": "gzip, deflate, br" });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(res.headers.vary).toContain("Accept-Encoding");
    expect(res.body.equals(fs.readFileSync(path.join(dir, "app-abc123.js.br")))).toBe(true);
    const css = await get("/assets/app-abc123.css", { "Accept-Encoding": "br" });
    expect(css.headers["content-type"]).toBe("text/css; charset=utf-8");
    expect(zlib.brotliDecompressSync(css.body).toString()).toContain("body { color: black }");
  });

  it("a HEAD gets the headers without a body", async () => {
    const res = await get("/assets/app-abc123.js", { "Accept-Encoding": "br" }, "HEAD");
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.body.length).toBe(0);
  });

  it("a browser without brotli (or refusing it) gets the plain file through the compression middleware", async () => {
    const gzip = await get("/assets/app-abc123.js", { "Accept-Encoding": "gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gzip.body).toString()).toBe(script);
    const refused = await get("/assets/app-abc123.js", { "Accept-Encoding": "br;q=0" });
    expect(refused.headers["content-encoding"]).toBeUndefined();
    expect(refused.body.toString()).toBe(script);
  });

  it("names without a .br, or outside the folder, fall through to the static files", async () => {
    expect((await get("/assets/missing.js", { "Accept-Encoding": "br" })).status).toBe(404);
    expect((await get("/assets/..%2Fsecret.js", { "Accept-Encoding": "br" })).status).toBe(404);
    expect((await get("/assets/chunk.js.map", { "Accept-Encoding": "br" })).headers["content-encoding"]).not.toBe("br");
  });
});
