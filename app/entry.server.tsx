import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { env } from "~/config/env.server";
import { MarkupHtmlProvider } from "~/http/markup-only-html";
import { acceptsBrotli, declaresRenderOnce, pageKey, RenderCache } from "~/http/render-once.server";
import { NonceProvider } from "~/http/nonce";
import { detectLocale, serverT } from "~/i18n/detect.server";

const ABORT_DELAY = 5_000;

/**
 * The message catalogs are bundled into this build, so the Express server
 * (server/request-guard.ts) asks here for the words of the refusals it
 * answers before any route runs.
 */
export function translateFor(request: Request, key: string): string {
  return serverT(detectLocale(request))(key);
}
export const streamTimeout = ABORT_DELAY;

/**
 * Unexpected errors are logged. A 4xx (no route matches, a GET to a route
 * that only takes forms, a loader's "not found" or "forbidden") is the
 * client's doing and is answered, not logged; so are aborted requests.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(error);
};

const renderCache = env.NODE_ENV === "production" && env.RENDER_CACHE_MB > 0 ? new RenderCache(env.RENDER_CACHE_MB * 1024 * 1024) : null;

/**
 * A document is rendered once per state (decision 034): where every matched route declares `renderOnce`, the
 * page's loader data, URL and markup-only HTML are hashed, and a page rendered from the same before is sent again
 * as bytes (brotli-compressed once, from its second request on), without encoding its loader data for the browser
 * again. `X-Render` says which: `rendered` or `kept`.
 */
export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const cache = renderCache !== null && isKeepable(request, responseStatusCode, remixContext, loadContext) ? renderCache : null;
  const key = cache ? pageKey(request.url, responseStatusCode, remixContext.staticHandlerContext.loaderData, loadContext.markupHtml) : null;
  const kept = cache && key !== null ? cache.get(key) : undefined;
  if (!cache || key === null || !kept) {
    const page = await render(request, responseStatusCode, remixContext, loadContext);
    if (cache) responseHeaders.set("X-Render", "rendered");
    if (cache && key !== null && page.status === 200) cache.keep(key, page.html);
    return htmlResponse(page.html, page.status, responseHeaders);
  }
  responseHeaders.set("X-Render", "kept");
  responseHeaders.set("Content-Security-Policy", loadContext.scriptPolicy!(cache.scriptSourcesOf(kept)));
  responseHeaders.append("Vary", "Accept-Encoding");
  if (kept.brotli && acceptsBrotli(request.headers.get("Accept-Encoding"))) {
    responseHeaders.set("Content-Encoding", "br");
    responseHeaders.set("Content-Length", String(kept.brotli.length));
    return htmlResponse(kept.brotli, responseStatusCode, responseHeaders);
  }
  void cache.compress(key, kept);
  return htmlResponse(kept.html, responseStatusCode, responseHeaders);
}

function isKeepable(request: Request, status: number, remixContext: EntryContext, loadContext: AppLoadContext): boolean {
  const { staticHandlerContext: handled, routeModules } = remixContext;
  return (
    request.method === "GET" &&
    status === 200 &&
    loadContext.documentRequest === true &&
    typeof loadContext.scriptPolicy === "function" &&
    // Not serverHandoffStream: reading it is what encodes the loader data (patches/@remix-run+server-runtime+*.patch).
    remixContext.future.v3_singleFetch &&
    !handled.errors &&
    !handled.actionData &&
    handled.matches.every((match) => declaresRenderOnce(routeModules[match.route.id]?.handle))
  );
}

function htmlResponse(body: Buffer, status: number, headers: Headers): Response {
  headers.set("Content-Type", "text/html; charset=utf-8");
  return new Response(new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength), { headers, status });
}

/**
 * Documents are rendered in full, then sent as one body (decision 029).
 * `@remix-run/express` flushes the compression stream after every chunk it
 * writes, and React streams a page in kilobyte-sized chunks: a lesson page
 * was about a hundred brotli flushes, the largest CPU cost of a request. No
 * loader defers data, so waiting for everything (`onAllReady`, as for bots
 * before) loses nothing, and the page never depends on a streamed-in
 * Suspense boundary: it is whole without JavaScript. A render error after the
 * shell makes the status 500 (`onError`), which the caller reads back.
 */
function render(request: Request, status: number, remixContext: EntryContext, loadContext: AppLoadContext): Promise<{ html: Buffer; status: number }> {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // Set before rendering starts, so every callback below can clear it.
    const timer = setTimeout(() => abort(), ABORT_DELAY + 1000);
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <MarkupHtmlProvider value={loadContext.markupHtml ?? new Map()}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </MarkupHtmlProvider>
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          const chunks: Buffer[] = [];
          const body = new Writable({
            write(chunk: Buffer, _encoding, done) {
              chunks.push(chunk);
              done();
            },
            final(done) {
              clearTimeout(timer);
              resolve({ html: Buffer.concat(chunks), status });
              done();
            },
          });
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          status = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
  });
}
