import { describe, expect, it } from "vitest";
import { parseCommitBody } from "./commit-body.server";

const request = (body: BodyInit, contentType = "application/json") =>
  new Request("http://localhost/scorm/commit", { method: "POST", body, headers: { "content-type": contentType } });

describe("parseCommitBody", () => {
  const commit = { seq: 3, values: { "cmi.suspend_data": "abc" }, terminate: true };

  it("reads JSON sent as application/json", async () => {
    expect(await parseCommitBody(request(JSON.stringify(commit)))).toEqual({ ok: true, body: commit });
  });

  it("reads JSON sent as text/plain, as navigator.sendBeacon sends a string", async () => {
    const beacon = request(JSON.stringify({ seq: 4, values: { "cmi.core.lesson_location": "p2" } }), "text/plain;charset=UTF-8");
    expect(await parseCommitBody(beacon)).toEqual({ ok: true, body: { seq: 4, values: { "cmi.core.lesson_location": "p2" }, terminate: false } });
  });

  it("refuses other media types", async () => {
    expect(await parseCommitBody(request(JSON.stringify(commit), "application/x-www-form-urlencoded"))).toMatchObject({ ok: false, status: 415 });
    expect(await parseCommitBody(request(JSON.stringify(commit), "multipart/form-data; boundary=x"))).toMatchObject({ ok: false, status: 415 });
  });

  it("refuses a body over the limit, whatever Content-Length says", async () => {
    const big = JSON.stringify({ seq: 1, values: { "cmi.suspend_data": "x".repeat(2000) } });
    expect(await parseCommitBody(request(big), 1000)).toEqual({ ok: false, status: 413, error: "body-too-large", limit: 1000 });
    // A stream has no Content-Length: the bytes read are counted.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new TextEncoder().encode("x".repeat(400)));
        controller.close();
      },
    });
    const streamed = new Request("http://localhost/", { method: "POST", body: stream, headers: { "content-type": "text/plain" }, duplex: "half" } as RequestInit);
    expect(await parseCommitBody(streamed, 1000)).toMatchObject({ ok: false, status: 413 });
  });

  it("accepts a body of 1 MB by default and refuses more", async () => {
    const fits = JSON.stringify({ seq: 1, values: { "cmi.suspend_data": "x".repeat(900_000) } });
    expect(await parseCommitBody(request(fits))).toMatchObject({ ok: true });
    const over = JSON.stringify({ seq: 1, values: { "cmi.suspend_data": "x".repeat(1_000_001) } });
    expect(await parseCommitBody(request(over))).toMatchObject({ ok: false, status: 413 });
  });

  it("refuses what is not JSON, or not a commit", async () => {
    expect(await parseCommitBody(request("{seq: 1"))).toEqual({ ok: false, status: 400, error: "invalid-json" });
    expect(await parseCommitBody(request(new Uint8Array([0x7b, 0xff, 0x7d])))).toEqual({ ok: false, status: 400, error: "invalid-json" });
    for (const bad of [[], { values: {} }, { seq: 0, values: {} }, { seq: 1.5, values: {} }, { seq: 1, values: [] }, { seq: 1, values: {}, terminate: "yes" }, { seq: 1, values: {}, userId: "someone" }]) {
      expect(await parseCommitBody(request(JSON.stringify(bad))), JSON.stringify(bad)).toEqual({ ok: false, status: 400, error: "invalid-body" });
    }
  });
});
