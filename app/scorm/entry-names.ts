/**
 * Whether a zip entry's name is a plain relative path inside the package.
 * Refused rather than repaired: a package that names "../x", "/etc/x",
 * "C:\x" or "a\..\b" was not made by an authoring tool, and whatever a
 * repaired name pointed at would be a guess.
 */
export type EntryName = { ok: true; path: string; directory: boolean } | { ok: false };

// Control characters make names that print one way and resolve another; a colon means a drive ("C:") or a Windows stream.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f\\:]/;

export function checkEntryName(name: string): EntryName {
  if (name === "" || name.startsWith("/") || FORBIDDEN.test(name)) return { ok: false };
  const directory = name.endsWith("/");
  const segments = (directory ? name.slice(0, -1) : name).split("/");
  if (segments.some((s) => s === "" || s === "." || s === "..")) return { ok: false };
  return { ok: true, path: segments.join("/"), directory };
}
