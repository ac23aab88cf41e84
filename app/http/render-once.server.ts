import crypto from "node:crypto";
import zlib from "node:zlib";

/**
 * Documents rendered once per state, then sent again as bytes (decision 034).
 *
 * A page renders the same HTML for the same URL, the same loader data and the same markup-only HTML
 * (app/http/markup-only-html.tsx): React's render is a function of those, in the browser (hydrating from the same
 * loader data) as on the server. So the loaders run on every request, as they must (the session, the learner's
 * progress), and when what they returned has been rendered before, the rendered bytes go out again, compressed once
 * instead of on every request. What is kept is keyed by a hash of everything the page is made of, so a change
 * (a lesson marked complete, a course rebuilt, another learner) is a new key, never a stale page.
 *
 * Only routes that declare it in their `handle` (`renderOnce: true`, every route of the match, the root too) are
 * kept: their render must read nothing but their loader data and the URL (no clock, no randomness).
 *
 * The Content-Security-Policy of a page sent again lists the SHA-256 of each of its inline scripts instead of a
 * nonce: the nonce in the kept HTML was another response's, and is not honoured again.
 */
export type RenderOnceHandle = { renderOnce?: boolean };

export function declaresRenderOnce(handle: unknown): boolean {
  return (handle as RenderOnceHandle | undefined)?.renderOnce === true;
}

export type KeptPage = {
  html: Buffer;
  /** 'sha256-…' sources of the page's inline scripts, for its Content-Security-Policy, once it is sent again. */
  scriptSources: string[] | null;
  /** The HTML compressed with brotli, once the page is asked for a second time. */
  brotli: Buffer | null;
  compressing: boolean;
};

/**
 * What the page is made of: its URL, status, loader data (dataKey) and markup-only HTML. Null when the loader data
 * holds anything dataKey cannot tell apart exactly: that page is rendered every time.
 */
export function pageKey(url: string, status: number, loaderData: unknown, markupHtml: ReadonlyMap<string, string> | undefined): string | null {
  const data = dataKey(loaderData);
  if (data === null) return null;
  const hash = crypto.createHash("sha256");
  hash.update(`${status} ${url}\n`);
  hash.update(data);
  for (const [key, html] of [...(markupHtml ?? [])].sort(([a], [b]) => (a < b ? -1 : 1))) {
    hash.update(`\n${key.length}:${key}${html.length}:`);
    hash.update(html);
  }
  return hash.digest("base64url");
}

class NotPlain extends Error {}
const NOT_PLAIN = new NotPlain();

/**
 * Loader data as a string that two values share only if the page renders the same from both: JSON, with
 * `undefined` and dates marked (a string never starts with NUL in it), and null for anything JSON would blur
 * (a Map, a Set, a promise, NaN, a class instance, a function, a bigint). Remix's own encoding for the browser
 * (turbo-stream) is made only when a page is rendered: it is the larger part of what a page sent again would cost.
 */
export function dataKey(value: unknown): string | null {
  try {
    return JSON.stringify({ value }, plainOnly);
  } catch (error) {
    if (error instanceof NotPlain) return null;
    throw error;
  }
}

function plainOnly(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  if (raw !== value) {
    // toJSON gave `value`: only a date's is known to name it exactly.
    if (raw instanceof Date && typeof value === "string") return `\u0000date:${value}`;
    throw NOT_PLAIN;
  }
  switch (typeof value) {
    case "string":
      if (value.charCodeAt(0) === 0) throw NOT_PLAIN;
      return value;
    case "boolean":
      return value;
    case "number":
      if (!Number.isFinite(value)) throw NOT_PLAIN;
      return value;
    case "undefined":
      return "\u0000undefined";
    case "object": {
      if (value === null || Array.isArray(value)) return value;
      const prototype = Object.getPrototypeOf(value);
      if (prototype === Object.prototype || prototype === null) return value;
      throw NOT_PLAIN;
    }
    default:
      throw NOT_PLAIN;
  }
}

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;

/** The CSP hash source of every inline script (those without src) of an HTML document. */
export function inlineScriptSources(html: string): string[] {
  const sources = new Set<string>();
  for (const [, attributes, text] of html.matchAll(INLINE_SCRIPT)) {
    if (/\ssrc\s*=/i.test(` ${attributes}`)) continue;
    sources.add(`'sha256-${crypto.createHash("sha256").update(text).digest("base64")}'`);
  }
  return [...sources];
}

/** Whether an Accept-Encoding header takes brotli (`br`, not `br;q=0`). */
export function acceptsBrotli(header: string | null): boolean {
  for (const part of (header ?? "").split(",")) {
    const [name, ...params] = part.trim().split(";");
    if (name.trim().toLowerCase() !== "br" && name.trim() !== "*") continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

/** Kept pages, the least recently sent dropped first once they hold more than `maxBytes`. */
export class RenderCache {
  private readonly pages = new Map<string, KeptPage>();
  private held = 0;

  constructor(private readonly maxBytes: number) {}

  get size(): number {
    return this.pages.size;
  }

  get bytes(): number {
    return this.held;
  }

  get(key: string): KeptPage | undefined {
    const page = this.pages.get(key);
    if (page) {
      this.pages.delete(key);
      this.pages.set(key, page);
    }
    return page;
  }

  keep(key: string, html: Buffer): KeptPage | undefined {
    if (html.length > this.maxBytes / 4) return undefined;
    this.drop(key);
    const page: KeptPage = { html, scriptSources: null, brotli: null, compressing: false };
    this.pages.set(key, page);
    this.held += weight(key, page);
    this.evict();
    return page;
  }

  /** The CSP sources of a kept page's inline scripts, found the first time it is sent again (most pages never are). */
  scriptSourcesOf(page: KeptPage): string[] {
    return (page.scriptSources ??= inlineScriptSources(page.html.toString("utf8")));
  }

  /**
   * Brotli once, in libuv's pool, at quality 5: on a 43 kB lesson page 1.6 ms for 12.4 kB, where quality 4 (the
   * compression middleware's) gives 13.0 kB in 1.5 ms, 9 gives 12.3 kB in 20 ms and 11 gives 11.0 kB in 50 ms.
   * Most kept pages are sent again a few times only (a learner's reload, back and forward), so a dear quality
   * would cost more than it saves.
   */
  compress(key: string, page: KeptPage): Promise<void> {
    if (page.brotli || page.compressing) return Promise.resolve();
    page.compressing = true;
    const params = { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: page.html.length };
    return new Promise((resolve) => {
      zlib.brotliCompress(page.html, { params }, (error, compressed) => {
        page.compressing = false;
        if (!error && this.pages.get(key) === page) {
          page.brotli = compressed;
          this.held += compressed.length;
          this.evict();
        }
        resolve();
      });
    });
  }

  private drop(key: string) {
    const page = this.pages.get(key);
    if (!page) return;
    this.pages.delete(key);
    this.held -= weight(key, page);
  }

  private evict() {
    for (const key of this.pages.keys()) {
      if (this.held <= this.maxBytes) break;
      this.drop(key);
    }
  }
}

function weight(key: string, page: KeptPage): number {
  return key.length + page.html.length + (page.brotli?.length ?? 0);
}
