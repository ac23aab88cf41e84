import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { frameApiScript } from "~/scorm/player/frame-api.server";
import { contentOriginOnly, resolvePackageFile, SCORM_CONTENT_PATH, scormContent } from "./scorm-content";
import { securityHeaders } from "./security";

const KEY = "a".repeat(64);
const OTHER = "b".repeat(64);
let store: string;
let outside: string;
let server: http.Server;

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A raw request: fetch() would normalise "..", "%2e%2e" and backslashes before sending them. */
function get(rawPath: string, { method = "GET", host }: { method?: string; host?: string } = {}): Promise<Answer> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, path: rawPath, method, headers: { cookie: "tadrib_session=abc", ...(host ? { host } : {}) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (c: Buffer) => chunks.push(c));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString() }));
    });
    request.on("error", reject);
    request.end();
  });
}

function write(file: string, text: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

beforeAll(async () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "tadrib-scorm-content-"));
  store = path.join(base, "store");
  outside = path.join(base, "outside");
  write(path.join(store, KEY, "index.html"), "<!doctype html><title>SCO</title>");
  write(path.join(store, KEY, "scripts", "app.js"), "console.log(1)");
  write(path.join(store, KEY, "Vidéos", "clip 1.mp4"), "mp4");
  write(path.join(store, KEY, "data.exe"), "MZ");
  write(path.join(store, KEY, "sub", "page.html"), "<p>sub</p>");
  write(path.join(outside, "secret.html"), "SECRET");
  write(path.join(store, OTHER, "index.html"), "<p>other</p>");
  // Symlinks the import would have refused, made by hand: a file and a folder pointing outside, and one inside.
  fs.symlinkSync(path.join(outside, "secret.html"), path.join(store, KEY, "link.html"));
  fs.symlinkSync(outside, path.join(store, KEY, "linked"));
  fs.symlinkSync(path.join(store, KEY, "index.html"), path.join(store, KEY, "alias.html"));
  fs.symlinkSync(path.join(store, OTHER), path.join(store, "c".repeat(64)));

  const app = express();
  // In the order of server/index.ts: package content has its own header set, before Tadrib's.
  app.use(contentOriginOnly("https://scorm.example.org", { trustProxy: false }));
  app.use(SCORM_CONTENT_PATH, scormContent({ storeDir: store, lmsOrigin: "https://tadrib.example.org" }));
  app.use(securityHeaders({ dev: false }));
  app.get("/me", (_req, res) => res.send("a Tadrib page"));
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("package content", () => {
  it("serves a package's page with its type, nosniff, and a sandbox without allow-same-origin", async () => {
    const page = await get(`/scorm-content/${KEY}/index.html`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("<title>SCO</title>");
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
    const csp = page.headers["content-security-policy"];
    // No frame-ancestors: the child frames of a sandboxed frameset would be refused by any value of it.
    expect(csp).toBe("sandbox allow-scripts allow-forms allow-popups");
    expect(csp).not.toContain("allow-same-origin");
    expect(page.headers["x-frame-options"]).toBeUndefined();
    expect(page.headers["cross-origin-opener-policy"]).toBe("unsafe-none");
    expect(page.headers["set-cookie"]).toBeUndefined();
    // Pages name the frame API by its hash: revalidated, never kept stale for a year.
    expect(page.headers["cache-control"]).toBe("no-cache");
    expect(page.headers.etag).toBeTruthy();
  });

  it("puts the frame's SCORM API script first in every page, before the page's own scripts", async () => {
    const { fileName } = frameApiScript();
    const tag = `<script src="/scorm-content/_runtime/${fileName}" data-lms-origin="https://tadrib.example.org"></script>`;
    expect((await get(`/scorm-content/${KEY}/index.html`)).body).toBe(`<!doctype html>${tag}<title>SCO</title>`);
    expect((await get(`/scorm-content/${KEY}/sub/page.html`)).body).toBe(`${tag}<p>sub</p>`);
    const script = await get(`/scorm-content/_runtime/${fileName}`);
    expect(script.status).toBe(200);
    expect(script.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(script.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(script.headers["content-security-policy"]).toContain("sandbox allow-scripts");
    expect(script.body).toContain("API_1484_11");
    expect((await get(`/scorm-content/_runtime/frame-api.0000000000000000.js`)).status).toBe(404);
    // Scripts and other files are served as they are.
    expect((await get(`/scorm-content/${KEY}/scripts/app.js`)).body).toBe("console.log(1)");
  });

  it("types scripts and media from the import's allow list, names with spaces and accents included", async () => {
    const script = await get(`/scorm-content/${KEY}/scripts/app.js`);
    expect([script.status, script.headers["content-type"]]).toEqual([200, "text/javascript; charset=utf-8"]);
    expect(script.headers["access-control-allow-origin"]).toBe("*");
    const video = await get(`/scorm-content/${KEY}/Vid%C3%A9os/clip%201.mp4`);
    expect([video.status, video.headers["content-type"], video.body]).toEqual([200, "video/mp4", "mp4"]);
    expect((await get(`/scorm-content/${KEY}/sub/page.html`, { method: "HEAD" })).status).toBe(200);
  });

  it.each([
    ["dot-dot", `/scorm-content/${KEY}/../${OTHER}/index.html`],
    ["dot-dot out of the store", `/scorm-content/${KEY}/../../outside/secret.html`],
    ["encoded dots", `/scorm-content/${KEY}/%2e%2e/${OTHER}/index.html`],
    ["encoded slash", `/scorm-content/${KEY}/..%2f${OTHER}%2findex.html`],
    ["encoded slash in a name", `/scorm-content/${KEY}/sub%2Fpage.html`],
    ["double-encoded", `/scorm-content/${KEY}/%252e%252e/${OTHER}/index.html`],
    ["backslash", `/scorm-content/${KEY}/..%5c${OTHER}%5cindex.html`],
    ["raw backslash", `/scorm-content/${KEY}/sub\\page.html`],
    ["dot segment", `/scorm-content/${KEY}/./index.html`],
    ["empty segment", `/scorm-content/${KEY}//index.html`],
    ["absolute path", `/scorm-content/${KEY}/%2fetc%2fpasswd`],
    ["null byte", `/scorm-content/${KEY}/index.html%00.js`],
    ["malformed escape", `/scorm-content/${KEY}/%E0%A4%A`],
    ["symlink to a file outside", `/scorm-content/${KEY}/link.html`],
    ["symlink to a folder outside", `/scorm-content/${KEY}/linked/secret.html`],
    ["symlink inside the package", `/scorm-content/${KEY}/alias.html`],
    ["symlinked package folder", `/scorm-content/${"c".repeat(64)}/index.html`],
    ["unknown package", `/scorm-content/${"d".repeat(64)}/index.html`],
    ["malformed key", `/scorm-content/${KEY.slice(1)}/index.html`],
    ["upper-case key", `/scorm-content/${KEY.toUpperCase()}/index.html`],
    ["a folder", `/scorm-content/${KEY}/sub`],
    ["the package folder", `/scorm-content/${KEY}/`],
    ["a missing file", `/scorm-content/${KEY}/nothing.html`],
    ["a type off the allow list", `/scorm-content/${KEY}/data.exe`],
  ])("answers 404 for %s, with nothing of any file", async (_what, rawPath) => {
    const answer = await get(rawPath);
    expect(answer.status).toBe(404);
    expect(answer.body).toBe("Not found");
    expect(answer.headers["content-security-policy"]).toContain("sandbox");
  });

  it("answers 404 to anything but GET and HEAD", async () => {
    expect((await get(`/scorm-content/${KEY}/index.html`, { method: "POST" })).status).toBe(404);
  });

  it("resolves only what the store holds", async () => {
    expect(await resolvePackageFile(store, `/${KEY}/Vid%C3%A9os/clip%201.mp4`)).toBe(`${KEY}/Vidéos/clip 1.mp4`);
    expect(await resolvePackageFile(store, `/${KEY}/%2e%2e/${OTHER}/index.html`)).toBeNull();
  });
});

describe("the separate content origin", () => {
  it("serves package content, and nothing else of Tadrib", async () => {
    expect((await get(`/scorm-content/${KEY}/index.html`, { host: "scorm.example.org" })).status).toBe(200);
    const page = await get("/me", { host: "scorm.example.org" });
    expect([page.status, page.body]).toEqual([404, "Not found"]);
    expect((await get("/me", { host: "tadrib.example.org" })).body).toBe("a Tadrib page");
  });
});
