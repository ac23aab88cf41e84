import type { AppLoadContext } from "@remix-run/node";

/**
 * The client's IP as Express computed it (req.ip, which honours TRUST_PROXY),
 * passed through the load context. "unknown" when there is none (tests,
 * direct calls): callers then share one rate-limit bucket, the safe default.
 */
export function clientIp(_request: Request, context?: AppLoadContext | null): string {
  const ip = context?.clientIp;
  return typeof ip === "string" && ip ? ip : "unknown";
}
