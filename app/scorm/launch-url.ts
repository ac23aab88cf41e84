/**
 * Where an item starts, relative to the package's root: the resource's href
 * resolved against the xml:base of the manifest, of <resources> and of the
 * resource (each relative to the one before), then the item's parameters
 * added the way SCORM's content aggregation model says.
 */
export type Launch = {
  /** What the player puts in the frame's URL, relative to the package root: still percent-encoded, with query and fragment. */
  href: string;
  /** The file in the package that href names (decoded, no query or fragment): it must be in the zip. */
  file: string;
};

const ROOT = new URL("https://package.invalid/");

/**
 * Each xml:base is read as a folder. XML Base itself would resolve "sco1"
 * (no slash) as a sibling file's name and drop it, but authors who write
 * xml:base="sco1" mean the folder, and the widespread LMSes join the
 * strings, so the package works everywhere else.
 */
function asFolder(base: string): string {
  return base.endsWith("/") ? base : `${base}/`;
}

/** Null when the launch leaves the package (an absolute URL to another site, javascript:, data:…). */
export function resolveLaunch(bases: readonly (string | null)[], href: string, parameters: string | null): Launch | null {
  let url: URL;
  try {
    let base = ROOT;
    for (const b of bases) if (b && b.trim()) base = new URL(asFolder(b.trim()), base);
    url = new URL(href.trim(), base);
  } catch {
    return null;
  }
  if (url.origin !== ROOT.origin || url.pathname === "/") return null;
  addParameters(url, parameters);
  const path = url.pathname.slice(1);
  return { href: path + url.search + url.hash, file: decodePath(path) };
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** SCORM 2004 CAM 3.4.1.16 (and what SCORM 1.2 players do): leading "?" and "&" dropped, "#…" only if the href has no fragment. */
function addParameters(url: URL, parameters: string | null) {
  const text = (parameters ?? "").trim().replace(/^[?&]+/, "");
  if (!text) return;
  const hashAt = text.indexOf("#");
  const query = hashAt === -1 ? text : text.slice(0, hashAt);
  const fragment = hashAt === -1 ? "" : text.slice(hashAt);
  if (query) url.search = url.search ? `${url.search}&${query}` : `?${query}`;
  if (fragment && !url.hash) url.hash = fragment;
}
