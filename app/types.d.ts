import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Per-request Content-Security-Policy nonce, set by server/security.ts. */
    cspNonce?: string;
    /** The client's IP (Express req.ip, honouring TRUST_PROXY), for rate limiting. */
    clientIp?: string;
  }
}
