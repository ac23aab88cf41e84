/**
 * patches/@remix-run+server-runtime+*.patch (decision 034): a document's loader data is encoded for the browser
 * (turbo-stream) when the render first reads `serverHandoffStream`, not before, so a page sent again as kept bytes
 * (app/http/render-once.server.ts) never pays for it. Loaded the way @remix-run/express loads it (require: the
 * CommonJS build the patch changes), with a one-route build.
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type * as ServerRuntime from "@remix-run/server-runtime";

const { createRequestHandler } = createRequire(import.meta.url)("@remix-run/server-runtime") as typeof ServerRuntime;

let reads = 0;
/** Loader data whose one property counts how often it is read: encoding it reads it, JSON.stringify too. */
function loaderData() {
  return {
    get title() {
      reads++;
      return "Une leçon";
    },
  };
}

type Entry = (request: Request, status: number, headers: Headers, context: { serverHandoffStream?: ReadableStream<Uint8Array> }) => Promise<Response>;

function handler(entry: Entry) {
  const build = {
    mode: "production",
    basename: undefined,
    publicPath: "/",
    assetsBuildDirectory: "build/client",
    isSpaMode: false,
    future: { v3_singleFetch: true, v3_lazyRouteDiscovery: true, v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true },
    entry: { module: { default: entry } },
    assets: { url: "/m.js", version: "1", entry: { module: "/e.js", imports: [] }, routes: { root: { id: "root", path: "", module: "/r.js", hasLoader: true, hasAction: false, hasClientAction: false, hasClientLoader: false, hasErrorBoundary: false, imports: [] } } },
    routes: { root: { id: "root", path: "", module: { loader: () => loaderData(), default: () => null } } },
  };
  return createRequestHandler(build as unknown as ServerRuntime.ServerBuild, "production");
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("the patched document request", () => {
  it("does not encode the loader data when the entry never reads serverHandoffStream", async () => {
    reads = 0;
    const handle = handler(async () => new Response("<p>kept</p>", { headers: { "Content-Type": "text/html" } }));
    const response = await handle(new Request("http://localhost/"));
    expect(await response.text()).toBe("<p>kept</p>");
    expect(reads).toBe(0);
  });

  it("encodes it, once, when the entry reads it, and what it reads is the loader data", async () => {
    reads = 0;
    let encoded = "";
    const handle = handler(async (_request, _status, _headers, context) => {
      const stream = context.serverHandoffStream!;
      expect(context.serverHandoffStream, "the same stream on every read").toBe(stream);
      encoded = await readAll(stream);
      return new Response("<p>rendered</p>");
    });
    await handle(new Request("http://localhost/"));
    expect(reads).toBe(1);
    expect(encoded).toContain("Une leçon");
    expect(encoded).toContain("loaderData");
  });
});
