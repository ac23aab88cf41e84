import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Images, video, audio and captions that lessons show. The course build
 * checks each file a lesson names and copies it to <cacheDir>/media/ under a
 * content-hashed name, which the server sends with a year of caching
 * (server/media.ts). Everything here runs at build time only.
 */
export const MEDIA_DIR = "media";

export const MEDIA_TYPES = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  svg: "image/svg+xml",
  mp4: "video/mp4",
  webm: "video/webm",
  mp3: "audio/mpeg",
  ogg: "audio/ogg",
  vtt: "text/vtt; charset=utf-8",
} as const;

export type MediaExtension = keyof typeof MEDIA_TYPES;
export type MediaUse = "image" | "video" | "audio" | "captions";

/** Which files each use accepts. */
export const MEDIA_USES: Record<MediaUse, readonly MediaExtension[]> = {
  image: ["png", "jpg", "jpeg", "webp", "svg"],
  video: ["mp4", "webm"],
  audio: ["mp3", "ogg"],
  captions: ["vtt"],
};

/** The names the server accepts under /media/: a hash and a known extension, nothing else. */
export const MEDIA_NAME = new RegExp(`^[0-9a-f]{20}\\.(?:${Object.keys(MEDIA_TYPES).join("|")})$`);

export class MediaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MediaError";
  }
}

export type MediaFile = {
  /** The path the lesson wrote, relative to the course folder. */
  source: string;
  /** <hash>.<ext> in <cacheDir>/media/, served as /media/<name>. */
  name: string;
  url: string;
  bytes: number;
  width?: number;
  height?: number;
};

function extensionOf(src: string): string {
  return path.extname(src).slice(1).toLowerCase();
}

/** First bytes of each binary type: a file whose bytes disagree with its name is refused. */
const SIGNATURES: Partial<Record<MediaExtension, (b: Buffer) => boolean>> = {
  png: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  jpg: (b) => b[0] === 0xff && b[1] === 0xd8,
  jpeg: (b) => b[0] === 0xff && b[1] === 0xd8,
  webp: (b) => b.toString("latin1", 0, 4) === "RIFF" && b.toString("latin1", 8, 12) === "WEBP",
  mp4: (b) => b.toString("latin1", 4, 8) === "ftyp",
  webm: (b) => b.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3])),
  mp3: (b) => b.toString("latin1", 0, 3) === "ID3" || (b[0] === 0xff && (b[1] & 0xe0) === 0xe0),
  ogg: (b) => b.toString("latin1", 0, 4) === "OggS",
  vtt: (b) => /^(?:\uFEFF)?WEBVTT(?:[ \t\r\n]|$)/.test(b.toString("utf8", 0, 16)),
};

type Size = { width: number; height: number };

function pngSize(b: Buffer): Size | null {
  if (b.length < 24 || b.toString("latin1", 12, 16) !== "IHDR") return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function jpegSize(b: Buffer): Size | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1];
    if (marker === 0xff) {
      i++;
      continue;
    }
    const length = b.readUInt16BE(i + 2);
    // SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    }
    i += 2 + length;
  }
  return null;
}

function webpSize(b: Buffer): Size | null {
  const chunk = b.toString("latin1", 12, 16);
  if (chunk === "VP8 " && b.length >= 30) return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  if (chunk === "VP8L" && b.length >= 25) {
    const bits = b.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === "VP8X" && b.length >= 30) return { width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
  return null;
}

/** The root <svg> element's opening tag. */
function svgRoot(text: string): string | null {
  return /<svg\b[^>]*>/i.exec(text)?.[0] ?? null;
}

function svgSize(text: string): Size | null {
  const root = svgRoot(text);
  if (!root) return null;
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, "i").exec(root)?.[1];
  // width and height in user units (or px) are the size the author meant; percentages and ems are not sizes.
  const length = (name: string) => {
    const m = /^\s*([\d.]+)\s*(px)?\s*$/.exec(attr(name) ?? "");
    return m ? Number.parseFloat(m[1]) : 0;
  };
  const [width, height] = [length("width"), length("height")];
  if (width > 0 && height > 0) return { width: Math.round(width), height: Math.round(height) };
  const viewBox = attr("viewBox")?.trim().split(/[\s,]+/).map(Number);
  if (viewBox?.length === 4 && viewBox[2] > 0 && viewBox[3] > 0) return { width: Math.round(viewBox[2]), height: Math.round(viewBox[3]) };
  return null;
}

/**
 * What makes an SVG more than a picture. An <img> never runs an SVG's
 * scripts, but the same URL opened on its own would; the server's CSP for
 * /media/ forbids them too, and this refuses them at the source.
 */
export function svgProblems(text: string): string[] {
  const problems: string[] = [];
  if (/<script\b/i.test(text)) problems.push("contains a <script> element");
  if (/<foreignObject\b/i.test(text)) problems.push("contains a <foreignObject> element (HTML inside SVG)");
  if (/<!(?:DOCTYPE|ENTITY)\b/i.test(text)) problems.push("contains a DOCTYPE or ENTITY declaration");
  const handler = /<[^>]*\s(on[a-z]+)\s*=/i.exec(text);
  if (handler) problems.push(`has an event handler attribute (${handler[1]}=)`);
  for (const m of text.matchAll(/\s(?:xlink:)?href\s*=\s*["']\s*([^"']*)["']/gi)) {
    if (!m[1].startsWith("#")) {
      problems.push(`links outside itself (href="${m[1]}"): only #fragment links are allowed`);
      break;
    }
  }
  for (const m of text.matchAll(/url\(\s*["']?\s*([^)"'\s]*)/gi)) {
    if (!m[1].startsWith("#")) {
      problems.push(`loads a resource (url(${m[1]})): only url(#fragment) is allowed`);
      break;
    }
  }
  if (/@import\b/i.test(text)) problems.push("imports a stylesheet (@import)");
  return problems;
}

/** The width and height an image is drawn at, read from the file so the page keeps its place while it loads. */
export function imageSize(ext: string, bytes: Buffer): Size | null {
  if (ext === "svg") return svgSize(bytes.toString("utf8"));
  if (ext === "png") return pngSize(bytes);
  if (ext === "jpg" || ext === "jpeg") return jpegSize(bytes);
  if (ext === "webp") return webpSize(bytes);
  return null;
}

/**
 * Checks a file a lesson names and copies it into the cache. Throws
 * MediaError with a message for the author (the caller adds the lesson's name).
 */
export function importMediaFile(options: { courseDir: string; cacheDir: string; src: string; use: MediaUse }): MediaFile {
  const { courseDir, cacheDir, src, use } = options;
  const allowed = MEDIA_USES[use];
  const ext = extensionOf(src);
  if (!(allowed as readonly string[]).includes(ext)) {
    throw new MediaError(`"${src}": a ${use === "captions" ? "captions file" : use} must be ${allowed.map((e) => `.${e}`).join(", ")}`);
  }
  const absolute = path.resolve(courseDir, src);
  const relative = path.relative(courseDir, absolute);
  if (!src || path.isAbsolute(src) || /^[a-z]+:/i.test(src) || relative.startsWith("..") || path.isAbsolute(relative)) {
    throw new MediaError(`"${src}": write a path inside the course folder, such as images/diagram.svg`);
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(absolute);
  } catch {
    throw new MediaError(`"${src}": no such file in the course folder (courses/<slug>/${relative.split(path.sep).join("/")})`);
  }
  const signature = SIGNATURES[ext as MediaExtension];
  if (signature && !signature(bytes)) throw new MediaError(`"${src}": the file is not a .${ext} file (its first bytes say otherwise)`);
  if (ext === "svg") {
    const text = bytes.toString("utf8");
    if (!svgRoot(text)) throw new MediaError(`"${src}": not an SVG image (no <svg> element)`);
    const problems = svgProblems(text);
    if (problems.length) throw new MediaError(`"${src}": the SVG ${problems.join("; ")}`);
  }
  let size: Size | null = null;
  if (use === "image") {
    size = imageSize(ext, bytes);
    if (!size) throw new MediaError(`"${src}": cannot read the image's width and height${ext === "svg" ? " (give the <svg> a viewBox)" : ""}`);
  }
  const name = `${createHash("sha256").update(bytes).digest("hex").slice(0, 20)}.${ext === "jpeg" ? "jpg" : ext}`;
  const target = path.join(cacheDir, MEDIA_DIR, name);
  if (!fs.existsSync(target)) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, target);
  }
  return { source: relative.split(path.sep).join("/"), name, url: `/${MEDIA_DIR}/${name}`, bytes: bytes.length, ...(size ?? {}) };
}

/**
 * A digest of every media file in a course folder: part of each lesson's
 * cache key, so changing an image renders the lessons again (the width,
 * height and hashed name in their HTML change with it).
 */
export function courseMediaDigest(courseDir: string): string {
  const hash = createHash("sha256");
  const walk = (dir: string, prefix: string) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), rel);
      else if (entry.isFile() && extensionOf(entry.name) in MEDIA_TYPES) {
        hash.update(rel).update("\0").update(fs.readFileSync(path.join(dir, entry.name))).update("\0");
      }
    }
  };
  walk(courseDir, "");
  return hash.digest("hex");
}
