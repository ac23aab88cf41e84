/**
 * Puts one <script> first in an HTML page of a package, before any script of
 * its own, so the SCORM API exists when the content's first script runs
 * (content that looks for it at once, or calls LMSInitialize before onload).
 *
 * Where: right after <head …>, else after <html …>, else after the doctype,
 * else at the very start; and never after a <script> of the page's own. It
 * never goes before the doctype, which would switch the page to quirks mode.
 * The page keeps its own lang and dir: nothing else is touched.
 *
 * Works on the bytes: HTML in UTF-8, Latin-1, Windows-1252 and other ASCII
 * supersets is searched as Latin-1 (every byte one character) and the ASCII
 * tag spliced in; UTF-16 (by its byte-order mark) is decoded and encoded
 * back.
 */
export function injectFirstScript(bytes: Uint8Array, tag: string): Buffer {
  const buffer = Buffer.from(bytes);
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return utf16(buffer, tag, "le");
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return utf16(buffer, tag, "be");
  const text = buffer.toString("latin1");
  const at = insertionPoint(text);
  return Buffer.concat([buffer.subarray(0, at), Buffer.from(tag, "latin1"), buffer.subarray(at)]);
}

function utf16(buffer: Buffer, tag: string, order: "le" | "be"): Buffer {
  const swap = (b: Buffer) => (order === "be" ? Buffer.from(b).swap16() : b);
  const text = swap(buffer.subarray(2)).toString("utf16le");
  const at = insertionPoint(text);
  const out = text.slice(0, at) + tag + text.slice(at);
  return Buffer.concat([buffer.subarray(0, 2), swap(Buffer.from(out, "utf16le"))]);
}

/** Index (in characters of `text`) where the tag goes. */
export function insertionPoint(text: string): number {
  const start = text.charCodeAt(0) === 0xef && text.charCodeAt(1) === 0xbb && text.charCodeAt(2) === 0xbf ? 3 : 0;
  const after = (pattern: RegExp): number | null => {
    pattern.lastIndex = start;
    const match = pattern.exec(text);
    return match ? match.index + match[0].length : null;
  };
  const doctype = after(/<!doctype[^>]*>/gi);
  const candidate = after(/<head(?=[\s>/])[^>]*>/gi) ?? after(/<html(?=[\s>/])[^>]*>/gi) ?? doctype ?? start;
  const firstScript = /<script(?=[\s>/])/gi;
  firstScript.lastIndex = start;
  const script = firstScript.exec(text);
  if (script && script.index < candidate) return Math.max(script.index, doctype ?? start);
  return candidate;
}
