import type http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { securityHeaders } from "./security";

let server: http.Server;
let base: string;

beforeAll(async () => {
  const app = express();
  app.use(securityHeaders({ dev: false }));
  app.get("/assets/components-abc.js", (_req, res) => res.type("text/javascript").send("export {}"));
  app.get("/assets/app-abc.css", (_req, res) => res.type("text/css").send("body{}"));
  app.get("/assets/logo.svg", (_req, res) => res.type("image/svg+xml").send("<svg/>"));
  app.get("/courses", (_req, res) => res.send("<!doctype html><p>page</p>"));
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("security headers", () => {
  it("a page gets the whole set", async () => {
    const res = await fetch(`${base}/courses`);
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self' 'nonce-");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it.each(["/assets/components-abc.js", "/assets/app-abc.css"])("%s gets nosniff and HSTS only", async (path) => {
    const res = await fetch(`${base}${path}`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("strict-transport-security")).toBe("max-age=15552000");
    for (const name of ["content-security-policy", "x-frame-options", "referrer-policy", "permissions-policy", "cross-origin-opener-policy"]) {
      expect(res.headers.get(name), name).toBeNull();
    }
  });

  it("an SVG, which a browser can open as a document, keeps its CSP", async () => {
    const res = await fetch(`${base}/assets/logo.svg`);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
  });
});

describe("with a separate SCORM content origin", () => {
  it("lets pages frame that origin, and no other", async () => {
    const app = express();
    app.use(securityHeaders({ dev: false, contentOrigin: "https://scorm.example.org" }));
    app.get("/courses/x/y", (_req, res) => res.send("<!doctype html><p>lesson</p>"));
    const other = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => other.once("listening", resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(other.address() as AddressInfo).port}/courses/x/y`);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("frame-src 'self' https://scorm.example.org;");
      expect(csp).toContain("frame-ancestors 'none'");
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });
});
