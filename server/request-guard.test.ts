import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formRequestGuard } from "./request-guard";

let server: http.Server;

beforeAll(async () => {
  const app = express();
  app.use(formRequestGuard(async (_request, key) => `translated ${key}`));
  app.all("*", (_req, res) => res.type("text/plain").send("reached the route"));
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

/** A raw request, so the path arrives exactly as written. */
function send(method: string, rawPath: string, type?: string): Promise<{ status: number; body: string }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, path: rawPath, method, headers: type ? { "content-type": type } : {} }, (response) => {
      let body = "";
      response.on("data", (c: Buffer) => (body += c.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
    request.end('{"seq":1,"values":{}}');
  });
}

const COMMIT = "/api/scorm/attempts/cmabc123_x-Y/commit";

describe("formRequestGuard", () => {
  it("lets a SCORM commit through as application/json and as text/plain (a beacon)", async () => {
    expect(await send("POST", COMMIT, "application/json")).toEqual({ status: 200, body: "reached the route" });
    expect(await send("POST", COMMIT, "text/plain;charset=UTF-8")).toEqual({ status: 200, body: "reached the route" });
    expect((await send("POST", COMMIT, "application/x-www-form-urlencoded")).status).toBe(200);
  });

  it("refuses JSON and text on every other path, lookalikes of the commit path included", async () => {
    for (const path of [
      "/login",
      "/api/scorm/attempts/x/commit/",
      "/api/scorm/attempts/x/commit/more",
      "/api/scorm/attempts/x/y/commit",
      "/api/scorm/attempts//commit",
      "/api/scorm/attempts/%2e%2e/commit",
      "/api/scorm/attempts/x/commit.json",
      "/API/SCORM/attempts/x/commit",
      "/x/api/scorm/attempts/x/commit",
      `/api/scorm/attempts/${"a".repeat(65)}/commit`,
    ]) {
      for (const type of ["application/json", "text/plain"]) {
        expect([path, type, await send("POST", path, type)]).toEqual([path, type, { status: 415, body: "translated common.http.unsupportedMediaType" }]);
      }
    }
  });

  it("refuses other types and methods on the commit path as everywhere", async () => {
    expect((await send("POST", COMMIT, "application/xml")).status).toBe(415);
    expect((await send("POST", COMMIT)).status).toBe(415);
    expect((await send("PUT", COMMIT, "application/json")).status).toBe(405);
  });
});
