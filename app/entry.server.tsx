import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { MarkupHtmlProvider } from "~/http/markup-only-html";
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

/**
 * Documents are rendered in full, then sent as one body (decision 029).
 * `@remix-run/express` flushes the compression stream after every chunk it
 * writes, and React streams a page in kilobyte-sized chunks: a lesson page
 * was about a hundred brotli flushes, the largest CPU cost of a request. No
 * loader defers data, so waiting for everything (`onAllReady`, as for bots
 * before) loses nothing, and the page never depends on a streamed-in
 * Suspense boundary: it is whole without JavaScript.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  return new Promise<Response>((resolve, reject) => {
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
              responseHeaders.set("Content-Type", "text/html; charset=utf-8");
              resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }));
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
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
  });
}
