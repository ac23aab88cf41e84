/**
 * The files a SCORM package may hold: an allow list, by extension, of what a
 * browser renders or downloads as a document. It doubles as the Content-Type
 * map used to serve package files, so nothing is ever served with a guessed
 * type. A deny list cannot be complete (.scr .hta .ps1 .vbs .lnk .appimage
 * … keep coming); an allow list fails safe and names the file to remove.
 */
export const PACKAGE_FILE_TYPES: Readonly<Record<string, string>> = {
  // pages, scripts, styles, data
  html: "text/html; charset=utf-8",
  htm: "text/html; charset=utf-8",
  xhtml: "application/xhtml+xml",
  js: "text/javascript; charset=utf-8",
  mjs: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  json: "application/json",
  map: "application/json",
  xml: "application/xml",
  xsd: "application/xml",
  dtd: "application/xml-dtd",
  txt: "text/plain; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  vtt: "text/vtt",
  srt: "text/plain; charset=utf-8",
  wasm: "application/wasm",
  // images
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  svg: "image/svg+xml",
  webp: "image/webp",
  avif: "image/avif",
  ico: "image/x-icon",
  bmp: "image/bmp",
  // fonts
  woff: "font/woff",
  woff2: "font/woff2",
  ttf: "font/ttf",
  otf: "font/otf",
  eot: "application/vnd.ms-fontobject",
  // sound and video
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
  aac: "audio/aac",
  oga: "audio/ogg",
  ogg: "audio/ogg",
  wav: "audio/wav",
  mp4: "video/mp4",
  m4v: "video/mp4",
  webm: "video/webm",
  ogv: "video/ogg",
  mov: "video/quicktime",
  // Flash: no browser plays it any more, but older packages ship it beside their HTML5 version.
  swf: "application/x-shockwave-flash",
  flv: "video/x-flv",
  // documents a course offers for download (the macro-enabled Office formats are not here)
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  odp: "application/vnd.oasis.opendocument.presentation",
};

/** Named apart only for a clearer message: they are refused like any type missing from the allow list. */
const PROGRAMS = new Set(
  "exe dll com scr msi msp bat cmd ps1 psm1 vbs vbe wsf wsh hta cpl jar class sh bash zsh csh ksh command app dmg pkg deb rpm apk appimage elf so dylib bin run php phtml php3 php4 php5 phar cgi pl py rb asp aspx jsp lnk reg".split(" "),
);

/** Files that archivers add on their own; they are skipped, neither stored nor refused. */
export function isArchiverJunk(path: string): boolean {
  const name = path.split("/").pop() ?? "";
  return path.startsWith("__MACOSX/") || name === ".DS_Store" || name === "Thumbs.db" || name === "desktop.ini";
}

export function extensionOf(path: string): string {
  const name = path.split("/").pop() ?? "";
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

export type TypeVerdict = "allowed" | "program" | "disallowed";

export function fileTypeVerdict(path: string): TypeVerdict {
  const extension = extensionOf(path);
  if (Object.hasOwn(PACKAGE_FILE_TYPES, extension)) return "allowed";
  return PROGRAMS.has(extension) ? "program" : "disallowed";
}

/** Bytes that must be read from a file's start to recognise a native program (a PE header is usually within them). */
export const PROGRAM_HEAD_BYTES = 4096;

/**
 * Whether a file's first bytes are a native program (Windows PE, Linux ELF,
 * macOS Mach-O), whatever its name says: "video.mp4" can be an .exe.
 */
export function looksLikeProgram(head: Uint8Array): boolean {
  const at = (i: number) => head[i] ?? -1;
  if (at(0) === 0x7f && at(1) === 0x45 && at(2) === 0x4c && at(3) === 0x46) return true; // \x7fELF
  const word = head.length >= 4 ? ((at(0) << 24) | (at(1) << 16) | (at(2) << 8) | at(3)) >>> 0 : 0;
  if ([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe].includes(word)) return true; // Mach-O, either byte order
  if (at(0) === 0x4d && at(1) === 0x5a && head.length >= 0x40) {
    // "MZ" alone also starts some text; a PE file points at its "PE\0\0" header from offset 0x3c.
    const pe = at(0x3c) | (at(0x3d) << 8) | (at(0x3e) << 16) | (at(0x3f) << 24);
    if (pe >= 0x40 && pe + 4 <= head.length) return at(pe) === 0x50 && at(pe + 1) === 0x45 && at(pe + 2) === 0 && at(pe + 3) === 0;
    // A DOS program, or a PE header beyond what was read: an "MZ" binary either way.
    return head.length >= 0x40 && head.subarray(0, 0x40).some((b) => b === 0);
  }
  return false;
}
