import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { parseWrkOutput, runWrk, WRK_DONE_SCRIPT, wrkArgs, wrkAvailable } from "./wrk";

// What wrk 4.1 prints with the done script (a real run, trimmed).
const SAMPLE = `Running 5s test @ http://127.0.0.1:40123/healthz
  1 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    69.71ms   12.80ms 150.20ms   80.15%
    Req/Sec     0.92k   108.57     1.08k    74.00%
  4587 requests in 5.01s, 2.11MB read
  Non-2xx or 3xx responses: 3
Requests/sec:    915.56
Transfer/sec:    430.93KB
WRK_JSON {"requests":4587,"durationUs":5010000,"bytes":2212345,"errors":{"connect":0,"read":2,"write":0,"status":3,"timeout":1},"latencyUs":{"p50":68120,"p95":91004,"p99":120500,"max":150200}}
`;

test("the done line gives req/s, latencies in ms and the errors by kind", () => {
  const result = parseWrkOutput(SAMPLE);
  expect(result.requests).toBe(4587);
  expect(result.seconds).toBeCloseTo(5.01);
  expect(result.rps).toBeCloseTo(915.57, 1);
  expect(result.p50).toBeCloseTo(68.12);
  expect(result.p95).toBeCloseTo(91.004);
  expect(result.p99).toBeCloseTo(120.5);
  expect(result.max).toBeCloseTo(150.2);
  expect(result.non2xx).toBe(3);
  expect(result.socketErrors).toBe(3);
});

test("output without the done line is an error that says so", () => {
  expect(() => parseWrkOutput(SAMPLE.replace(/WRK_JSON.*\n/, ""))).toThrow(/WRK_JSON/);
});

test("wrk gets one thread, the connections, the duration, the script and each header", () => {
  const args = wrkArgs({ url: "http://127.0.0.1:1/x", connections: 8, seconds: 3, headers: { Cookie: "a=b", "Accept-Encoding": "br, gzip" }, scriptDir: "/t" }, "/t/done.lua");
  expect(args).toEqual(["-t1", "-c8", "-d3s", "--timeout", "10s", "-s", "/t/done.lua", "-H", "Cookie: a=b", "-H", "Accept-Encoding: br, gzip", "http://127.0.0.1:1/x"]);
  expect(WRK_DONE_SCRIPT).toContain("latency:percentile(95)");
});

test("only 127.0.0.1 is ever loaded", async () => {
  await expect(runWrk({ url: "http://example.com/", connections: 1, seconds: 1, scriptDir: os.tmpdir() })).rejects.toThrow(/127\.0\.0\.1/);
});

test("a real wrk run against a local server is parsed, 404s counted as errors", async () => {
  // A requirement of the suite, installed by .ci/run: without it this fails, never skips.
  expect(wrkAvailable(), "wrk is not installed: apt-get install -y wrk").toBe(true);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tadrib-wrk-"));
  let seen = 0;
  const server = http.createServer((req, res) => {
    seen++;
    res.statusCode = req.url === "/missing" ? 404 : 200;
    res.end("ok");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  try {
    const ok = await runWrk({ url: `http://127.0.0.1:${port}/`, connections: 2, seconds: 1, scriptDir: dir });
    expect(ok.requests).toBeGreaterThan(0);
    expect(ok.non2xx).toBe(0);
    expect(ok.p95).toBeGreaterThanOrEqual(ok.p50);
    const missing = await runWrk({ url: `http://127.0.0.1:${port}/missing`, connections: 1, seconds: 1, scriptDir: dir });
    expect(missing.non2xx).toBe(missing.requests);
    expect(seen).toBeGreaterThanOrEqual(ok.requests + missing.requests);
  } finally {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("with freshUrls every request asks for a URL of its own, twice over in two runs", async () => {
  expect(wrkAvailable(), "wrk is not installed: apt-get install -y wrk").toBe(true);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tadrib-wrk-"));
  const urls: string[] = [];
  const server = http.createServer((req, res) => {
    urls.push(req.url ?? "");
    res.end("ok");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  try {
    const runs = [];
    for (const path of ["/lesson", "/lesson?lang=fr"]) {
      runs.push(await runWrk({ url: `http://127.0.0.1:${port}${path}`, connections: 2, seconds: 1, scriptDir: dir, freshUrls: true }));
    }
    expect(runs.every((r) => r.requests > 0 && r.non2xx === 0)).toBe(true);
    expect(urls.length).toBeGreaterThanOrEqual(runs[0].requests + runs[1].requests);
    expect(new Set(urls).size, "no URL asked for twice").toBe(urls.length);
    expect(urls.every((u) => /^\/lesson(\?lang=fr&|\?)visit=[\w-]+$/.test(u)), urls.slice(0, 3).join(" ")).toBe(true);
    expect(urls.some((u) => u.startsWith("/lesson?lang=fr&visit="))).toBe(true);
  } finally {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
