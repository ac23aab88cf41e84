/**
 * What the browser really receives, decoded: Remix's single-fetch `.data`
 * responses and the loader data inlined in HTML are turbo-stream, not JSON
 * (a `"correct":true` is written `…,"correct",true,…` there), so a test that
 * searches them must decode them first.
 */
import { decode } from "turbo-stream";

export type Payload = { url: string; kind: "html" | "data" | "json" | "text"; text: string; values: unknown[] };

async function decodeTurboStream(text: string): Promise<unknown> {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });
  // Remix's own types (errors, redirects) decode to plain records: their contents are scanned too.
  const decoded = await decode(stream, { plugins: [(type: string, ...rest: unknown[]) => ({ value: { type, rest } })] });
  await decoded.done;
  return resolvePromises(decoded.value);
}

/** Deferred values arrive as promises inside the decoded tree. */
async function resolvePromises(value: unknown, depth = 0): Promise<unknown> {
  if (depth > 50) return value;
  if (value instanceof Promise) return resolvePromises(await value.catch((e: unknown) => e), depth + 1);
  if (Array.isArray(value)) return Promise.all(value.map((v) => resolvePromises(v, depth + 1)));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await resolvePromises(v, depth + 1);
    return out;
  }
  return value;
}

/** The turbo-stream text that an HTML page feeds to `window.__remixContext.streamController`. */
export function inlinedStream(html: string): string {
  const chunks: string[] = [];
  for (const match of html.matchAll(/streamController\.enqueue\(("(?:[^"\\]|\\.)*")\);/g)) chunks.push(JSON.parse(match[1]) as string);
  return chunks.join("");
}

export async function decodePayload(url: string, contentType: string, text: string): Promise<Payload> {
  if (contentType.includes("text/html")) {
    const stream = inlinedStream(text);
    return { url, kind: "html", text, values: stream ? [await decodeTurboStream(stream)] : [] };
  }
  if (contentType.includes("text/x-script") || new URL(url).pathname.endsWith(".data")) {
    return { url, kind: "data", text, values: [await decodeTurboStream(text)] };
  }
  if (contentType.includes("json")) return { url, kind: "json", text, values: [JSON.parse(text)] };
  return { url, kind: "text", text, values: [] };
}

/** Every (path, key, value) in a decoded tree, for structural checks. */
export function* entries(value: unknown, path = "$"): Generator<{ path: string; key: string; value: unknown; parent: Record<string, unknown> }> {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield* entries(v, `${path}[${i}]`);
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      yield { path: `${path}.${k}`, key: k, value: v, parent: value as Record<string, unknown> };
      yield* entries(v, `${path}.${k}`);
    }
  }
}

/** Every string in a decoded tree. */
export function strings(value: unknown): string[] {
  const out: string[] = [];
  if (typeof value === "string") out.push(value);
  for (const entry of entries(value)) if (typeof entry.value === "string") out.push(entry.value);
  return out;
}
