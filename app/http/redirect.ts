/**
 * Where a form may send the browser next (`redirectTo`): only a path of this
 * site. The value is resolved the way a browser resolves a Location header,
 * against a stand-in origin, and kept only if it stays on that origin; so
 * "//evil.example", "/\evil.example", "https:evil.example" and "/\t/evil.example"
 * (browsers drop tabs and newlines from URLs) all fall back.
 *
 * Control characters, whitespace (U+3000 included) and backslashes are refused
 * outright: no browser needs them in a path, and some would make the
 * Location header itself invalid. What comes back is the URL's own
 * serialisation, percent-encoded, so it is always a valid header value.
 */
const STAND_IN = "http://tadrib.invalid";
const UNSAFE = /[\p{Cc}\p{Cf}\p{Z}\s\\]/u;

export function safeRedirectPath(value: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || UNSAFE.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, STAND_IN);
  } catch {
    return fallback;
  }
  if (url.origin !== STAND_IN) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Like safeRedirectPath, but null when nothing usable was given (the caller then picks its own default). */
export function safeRedirectOrNull(value: FormDataEntryValue | string | null | undefined): string | null {
  const sentinel = "\0";
  const path = safeRedirectPath(value, sentinel);
  return path === sentinel ? null : path;
}
