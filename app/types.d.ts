import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Per-request Content-Security-Policy nonce, set by server/security.ts. */
    cspNonce?: string;
    /** The client's IP (Express req.ip, honouring TRUST_PROXY), for rate limiting. */
    clientIp?: string;
    /** True unless this is a single-fetch data request (`….data`): the loaders' data goes with rendered markup. */
    documentRequest?: boolean;
    /** HTML a document sends in its markup only (app/http/markup-only-html.tsx), filled by its loaders. */
    markupHtml?: Map<string, string>;
    /** The Content-Security-Policy of a document whose inline scripts are allowed by these hash sources (decision 034). */
    scriptPolicy?: (sources: readonly string[]) => string;
  }
}
