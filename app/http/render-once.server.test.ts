import crypto from "node:crypto";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { acceptsBrotli, dataKey, declaresRenderOnce, inlineScriptSources, pageKey, RenderCache } from "./render-once.server";

describe("pageKey", () => {
  const markup = new Map([["lesson", "<h2>Une définition</h2>"]]);
  const data = () => ({ root: { locale: "fr", user: { id: "u1", name: "Leïla" } }, lesson: { done: false, percent: 28 } });
  const base = pageKey("http://x/courses/a/b", 200, data(), markup);

  it("is the same for the same page", () => {
    expect(base).toMatch(/^[\w-]{43}$/);
    expect(pageKey("http://x/courses/a/b", 200, data(), new Map(markup))).toBe(base);
  });

  it("changes with the URL, the status, any value of the loader data or the markup-only HTML", () => {
    const changed = (change: (d: ReturnType<typeof data>) => void) => {
      const d = data();
      change(d);
      return pageKey("http://x/courses/a/b", 200, d, markup);
    };
    const others = [
      pageKey("http://x/courses/a/b?x", 200, data(), markup),
      pageKey("http://x/courses/a/b", 404, data(), markup),
      changed((d) => (d.lesson.done = true)),
      changed((d) => (d.lesson.percent = 29)),
      changed((d) => (d.root.user.name = "Leila")),
      changed((d) => (d.root.locale = "ar")),
      pageKey("http://x/courses/a/b", 200, data(), new Map([["lesson", "<h2>Une définition.</h2>"]])),
      pageKey("http://x/courses/a/b", 200, data(), new Map([["lesson2", "<h2>Une définition</h2>"]])),
      pageKey("http://x/courses/a/b", 200, data(), undefined),
    ];
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });

  it("does not let a key and its HTML run into each other", () => {
    const a = pageKey("u", 200, {}, new Map([["ab", "c"]]));
    const b = pageKey("u", 200, {}, new Map([["a", "bc"]]));
    expect(a).not.toBe(b);
  });

  it("is null for loader data it cannot tell apart exactly", () => {
    expect(pageKey("u", 200, { cards: new Map([["a", 1]]) }, undefined)).toBeNull();
  });
});

describe("dataKey", () => {
  it("tells apart what JSON alone would not: undefined, null and absent; a date and its string", () => {
    const keys = [{ a: undefined }, { a: null }, {}, { a: new Date("2026-12-03T10:00:00Z") }, { a: "2026-12-03T10:00:00.000Z" }, [undefined], [null]].map(dataKey);
    expect(keys.every((k) => typeof k === "string")).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("gives the same key to equal plain data, null-prototype objects included", () => {
    const nullProto = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    expect(dataKey({ x: [1, "é", true, { a: 1 }] })).toBe(dataKey({ x: [1, "é", true, nullProto] }));
  });

  it.each([
    ["a Map", new Map([["a", 1]])],
    ["a Set", new Set([1])],
    ["a promise (deferred data)", Promise.resolve(1)],
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["a bigint", 1n],
    ["a function", () => 1],
    ["a symbol", Symbol("s")],
    ["a class instance", new (class Card {})()],
    ["a URL (toJSON)", new URL("https://example.org/")],
    ["a string starting with NUL", "\u0000undefined"],
  ])("is null for loader data holding %s", (_name, value) => {
    expect(dataKey({ root: { deep: [value] } })).toBeNull();
  });
});

describe("inlineScriptSources", () => {
  it("hashes each inline script's text as the browser reads it, and skips scripts loaded by src", () => {
    const html =
      '<script nonce="n1"></script><script nonce="n1">window.x = "é";</script>' +
      '<script type="module" src="/assets/a.js"></script><script\nnonce="n1" type="module" async="">import "/assets/b.js";</script>';
    const sources = inlineScriptSources(html);
    expect(sources).toEqual([
      // The empty script too: the SHA-256 of no bytes.
      "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
      `'sha256-${hash('window.x = "é";')}'`,
      `'sha256-${hash('import "/assets/b.js";')}'`,
    ]);
  });
});

/** What a CSP hash source holds: the base64 SHA-256 of the script's UTF-8 bytes. */
function hash(text: string): string {
  return crypto.createHash("sha256").update(Buffer.from(text, "utf8")).digest("base64");
}

describe("acceptsBrotli", () => {
  it.each([
    ["br, gzip", true],
    ["gzip, deflate, br;q=0.5", true],
    ["gzip;q=1.0, *;q=0.1", true],
    ["br;q=0, gzip", false],
    ["gzip, deflate", false],
    ["", false],
    [null, false],
  ])("%s → %s", (header, expected) => {
    expect(acceptsBrotli(header)).toBe(expected);
  });
});

describe("declaresRenderOnce", () => {
  it("is true only for a handle that says renderOnce: true", () => {
    expect(declaresRenderOnce({ renderOnce: true, i18n: ["courses"] })).toBe(true);
    expect(declaresRenderOnce({ i18n: ["courses"] })).toBe(false);
    expect(declaresRenderOnce({ renderOnce: "yes" })).toBe(false);
    expect(declaresRenderOnce(undefined)).toBe(false);
  });
});

describe("RenderCache", () => {
  const page = (n: number) => Buffer.from(`<p>${"x".repeat(n)}</p>`);

  it("gives back what it kept, with its script sources", () => {
    const cache = new RenderCache(10_000);
    cache.keep("a", Buffer.from("<script>1</script>"));
    expect(cache.get("a")?.html.toString()).toBe("<script>1</script>");
    expect(cache.scriptSourcesOf(cache.get("a")!)).toEqual([`'sha256-${hash("1")}'`]);
    expect(cache.get("b")).toBeUndefined();
  });

  it("drops the least recently sent pages first once over its bytes", () => {
    const cache = new RenderCache(1_000);
    cache.keep("a", page(200));
    cache.keep("b", page(200));
    cache.keep("c", page(200));
    cache.get("a"); // now more recent than b
    cache.keep("d", page(200));
    cache.keep("e", page(200));
    expect(cache.bytes).toBeLessThanOrEqual(1_000);
    expect(["a", "b", "c", "d", "e"].filter((key) => cache.get(key))).toEqual(["a", "c", "d", "e"]);
  });

  it("does not keep a page larger than a quarter of its bytes", () => {
    const cache = new RenderCache(1_000);
    expect(cache.keep("big", page(300))).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("keeping a key again replaces the page and its weight", () => {
    const cache = new RenderCache(10_000);
    cache.keep("a", page(100));
    const before = cache.bytes;
    cache.keep("a", page(100));
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(before);
  });

  it("compresses a kept page once, to brotli that decodes to the page, and counts its bytes", async () => {
    const cache = new RenderCache(100_000);
    const html = Buffer.from(`<main>${"Une leçon sur la traite. ".repeat(200)}</main>`);
    const kept = cache.keep("a", html)!;
    const before = cache.bytes;
    await Promise.all([cache.compress("a", kept), cache.compress("a", kept)]);
    expect(kept.brotli).not.toBeNull();
    expect(zlib.brotliDecompressSync(kept.brotli!).equals(html)).toBe(true);
    expect(kept.brotli!.length).toBeLessThan(html.length / 10);
    expect(cache.bytes).toBe(before + kept.brotli!.length);
  });
});
