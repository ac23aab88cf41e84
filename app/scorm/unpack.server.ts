import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Transform, Writable, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";
import { env } from "~/config/env.server";
import { checkEntryName } from "./entry-names";
import { fileTypeVerdict, isArchiverJunk, looksLikeProgram, PROGRAM_HEAD_BYTES } from "./file-types";
import { launchFiles, parseManifest, type PackageManifest } from "./manifest.server";
import { problem, type ScormProblem } from "./problems";
import { megabytes } from "./sizes";
import { packageDir } from "./store.server";

/**
 * Checks a SCORM zip entry by entry and unpacks it into the content-addressed
 * store. Everything that can be judged from the zip's directory (names, types,
 * modes, counts, declared sizes) and the manifest is judged before a byte is
 * written; then every file is streamed through a guard that counts the real
 * bytes (a zip bomb's declared sizes lie) and looks at its first bytes, into a
 * temporary folder that is renamed into place only when all of it passed.
 */

export type PackageLimits = { maxFiles: number; maxBytes: number };

export type PackageSummary = {
  /** SHA-256 of the zip, hex: the package's folder name in the store. */
  key: string;
  manifest: PackageManifest;
  files: number;
  /** Uncompressed size of the files. */
  bytes: number;
};

export type Refused = { ok: false; problems: ScormProblem[] };
export type Inspected = ({ ok: true } & PackageSummary) | Refused;
export type Stored = ({ ok: true; dir: string; /** False when the same zip was already in the store. */ stored: boolean } & PackageSummary) | Refused;

type Options = { limits?: Partial<PackageLimits>; storeDir?: string };

const MANIFEST = "imsmanifest.xml";
const MAX_MANIFEST_BYTES = 8 * 1024 * 1024;
/** Enough to name everything wrong with a package made carelessly, without listing 5,000 lines. */
const MAX_PROBLEMS = 20;

function limitsOf(options: Options): PackageLimits {
  return { maxFiles: options.limits?.maxFiles ?? env.SCORM_MAX_FILES, maxBytes: options.limits?.maxBytes ?? env.SCORM_MAX_BYTES };
}

/** A check failed while a file streamed: carries its problem out of the pipeline. */
class Refusal extends Error {
  constructor(readonly problem: ScormProblem) {
    super(problem.code);
  }
}

function tooLarge(maxBytes: number): ScormProblem {
  return problem("tooLarge", { megabytes: megabytes(maxBytes) });
}

type FileEntry = { entry: yauzl.Entry; path: string };
type Listing = { files: FileEntry[]; directories: string[]; problems: ScormProblem[] };

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // decodeStrings off: names are decoded and judged here, so a bad one gets its own code rather than a generic error.
    yauzl.open(file, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: false }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    );
  });
}

function listEntries(zip: yauzl.ZipFile, limits: PackageLimits): Promise<Listing> {
  return new Promise((resolve, reject) => {
    const listing: Listing = { files: [], directories: [], problems: [] };
    const seen = new Set<string>();
    let declaredBytes = 0;
    const refuse = (p: ScormProblem) => listing.problems.push(p) >= MAX_PROBLEMS;

    zip.on("error", reject);
    zip.on("end", () => resolve(listing));
    zip.on("entry", (entry: yauzl.Entry) => {
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
      if (judge(entry, name)) resolve(listing);
      else zip.readEntry();
    });
    zip.readEntry();

    /** True when listing must stop. */
    function judge(entry: yauzl.Entry, name: string): boolean {
      const checked = checkEntryName(name);
      if (!checked.ok || yauzl.validateFileName(name) !== null) return refuse(problem("unsafePath", { name }));
      if (isArchiverJunk(checked.path)) return false;
      const type = (entry.externalFileAttributes >>> 16) & S_IFMT;
      if (type === S_IFLNK) return refuse(problem("symlink", { name }));
      if (type !== 0 && type !== (checked.directory ? S_IFDIR : S_IFREG)) return refuse(problem("specialFile", { name }));
      if (seen.has(checked.path)) return refuse(problem("duplicateEntry", { name }));
      seen.add(checked.path);
      if (checked.directory) {
        listing.directories.push(checked.path);
        return false;
      }
      if (entry.isEncrypted()) return refuse(problem("encrypted", { name }));
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) return refuse(problem("unsupportedCompression", { name }));
      const verdict = fileTypeVerdict(checked.path);
      if (verdict === "program") return refuse(problem("executable", { name }));
      if (verdict === "disallowed") return refuse(problem("disallowedType", { name }));
      listing.files.push({ entry, path: checked.path });
      // Too many files or bytes ends the listing at once: reading on is what a zip bomb wants.
      declaredBytes += entry.uncompressedSize;
      const over =
        listing.files.length > limits.maxFiles ? problem("tooManyFiles", { max: limits.maxFiles })
        : declaredBytes > limits.maxBytes ? tooLarge(limits.maxBytes)
        : null;
      if (over) refuse(over);
      return over !== null;
    }
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))));
}

/** Counts an entry's real bytes against its declared size and the package's total, and refuses a native program by its first bytes. */
function guard(file: FileEntry, total: { bytes: number; max: number }): Transform {
  let seen = 0;
  let head: Buffer | null = Buffer.alloc(0);
  const checkHead = () => {
    if (head && looksLikeProgram(head)) throw new Refusal(problem("executable", { name: file.path }));
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      total.bytes += chunk.length;
      try {
        if (total.bytes > total.max) throw new Refusal(tooLarge(total.max));
        if (seen > file.entry.uncompressedSize) throw new Refusal(problem("sizeMismatch", { name: file.path }));
        if (head) {
          head = Buffer.concat([head, chunk]);
          if (head.length < PROGRAM_HEAD_BYTES) return callback();
          checkHead();
          const held = head;
          head = null;
          return callback(null, held);
        }
        callback(null, chunk);
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback) {
      try {
        if (seen !== file.entry.uncompressedSize) throw new Refusal(problem("sizeMismatch", { name: file.path }));
        checkHead();
        callback(null, head && head.length > 0 ? head : undefined);
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}

async function readManifest(zip: yauzl.ZipFile, file: FileEntry, limits: PackageLimits): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await pipeline(
    await openEntry(zip, file.entry),
    guard(file, { bytes: 0, max: Math.min(limits.maxBytes, MAX_MANIFEST_BYTES) }),
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    }),
  );
  return Buffer.concat(chunks);
}

function manifestProblem(listing: Listing): ScormProblem | null {
  const manifest = listing.files.find((f) => f.path === MANIFEST);
  if (manifest) return manifest.entry.uncompressedSize > MAX_MANIFEST_BYTES ? problem("manifestTooLarge") : null;
  // The commonest mistake: zipping the course's folder instead of what is inside it.
  const nested = listing.files.find((f) => f.path.split("/").length === 2 && f.path.endsWith(`/${MANIFEST}`));
  return nested ? problem("manifestInFolder", { folder: nested.path.split("/")[0] }) : problem("noManifest");
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(file), hash);
  return hash.digest("hex");
}

/** Turns what failed while reading a zip into the problem to show; anything unexpected is a damaged zip. */
function asProblems(error: unknown): ScormProblem[] {
  if (error instanceof Refusal) return [error.problem];
  // The disk's own failures are the operator's, not the package's.
  if (typeof (error as NodeJS.ErrnoException | undefined)?.syscall === "string") throw error;
  return [problem("notAZip")];
}

/** A file whose name is also another file's folder ("a" and "a/b") cannot be unpacked. */
function clashingName(listing: Listing): string | null {
  const files = new Set(listing.files.map((f) => f.path));
  for (const file of listing.files) {
    const segments = file.path.split("/");
    for (let i = 1; i < segments.length; i++) if (files.has(segments.slice(0, i).join("/"))) return file.path;
  }
  return null;
}

type Checked = { ok: true; summary: PackageSummary; listing: Listing } | Refused;

async function check(zip: yauzl.ZipFile, key: string, limits: PackageLimits): Promise<Checked> {
  const listing = await listEntries(zip, limits);
  if (listing.problems.length > 0) return { ok: false, problems: listing.problems };
  const clash = clashingName(listing);
  if (clash) return { ok: false, problems: [problem("duplicateEntry", { name: clash })] };
  const missingManifest = manifestProblem(listing);
  if (missingManifest) return { ok: false, problems: [missingManifest] };

  const parsed = parseManifest(await readManifest(zip, listing.files.find((f) => f.path === MANIFEST)!, limits));
  if (!parsed.ok) return parsed;
  const present = new Set(listing.files.map((f) => f.path));
  const missing = launchFiles(parsed.manifest).filter((file) => !present.has(file));
  if (missing.length > 0) return { ok: false, problems: missing.slice(0, MAX_PROBLEMS).map((file) => problem("launchMissing", { file })) };

  const bytes = listing.files.reduce((sum, f) => sum + f.entry.uncompressedSize, 0);
  return { ok: true, summary: { key, manifest: parsed.manifest, files: listing.files.length, bytes }, listing };
}

/** Streams every file through its guard, into `into` (a folder) or nowhere. */
async function unpack(zip: yauzl.ZipFile, listing: Listing, limits: PackageLimits, into: string | null) {
  const total = { bytes: 0, max: limits.maxBytes };
  if (into) for (const dir of listing.directories) await fs.mkdir(path.join(into, dir), { recursive: true });
  for (const file of listing.files) {
    let sink: Writable;
    if (into) {
      const target = path.join(into, file.path);
      await fs.mkdir(path.dirname(target), { recursive: true });
      sink = createWriteStream(target, { flags: "wx" });
    } else {
      sink = new Writable({ write: (_chunk, _encoding, callback) => callback() });
    }
    try {
      await pipeline(await openEntry(zip, file.entry), guard(file, total), sink);
    } catch (error) {
      // Names that differ only in case meet on a case-insensitive disk.
      if ((error as NodeJS.ErrnoException).code === "EEXIST") throw new Refusal(problem("duplicateEntry", { name: file.path }));
      throw error;
    }
  }
}

async function withZip<T>(zipPath: string, work: (zip: yauzl.ZipFile) => Promise<T | Refused>): Promise<T | Refused> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(zipPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw error;
    return { ok: false, problems: [problem("notAZip")] };
  }
  try {
    return await work(zip);
  } catch (error) {
    return { ok: false, problems: asProblems(error) };
  } finally {
    zip.close();
  }
}

/** Everything storePackage checks, every byte read, nothing written: what the admin sees before confirming. */
export async function inspectPackage(zipPath: string, options: Options = {}): Promise<Inspected> {
  const limits = limitsOf(options);
  const key = await sha256Of(zipPath);
  return withZip(zipPath, async (zip) => {
    const checked = await check(zip, key, limits);
    if (!checked.ok) return checked;
    await unpack(zip, checked.listing, limits, null);
    return { ok: true, ...checked.summary };
  });
}

/**
 * Checks the zip and unpacks it to <store>/<sha256 of the zip>/. A refused
 * package leaves nothing behind; the same zip twice is one folder.
 */
export async function storePackage(zipPath: string, options: Options = {}): Promise<Stored> {
  const limits = limitsOf(options);
  const storeDir = options.storeDir ?? env.SCORM_DIR;
  const key = await sha256Of(zipPath);
  const finalDir = packageDir(key, storeDir);
  return withZip(zipPath, async (zip) => {
    const checked = await check(zip, key, limits);
    if (!checked.ok) return checked;
    const stored = { ok: true as const, dir: finalDir, ...checked.summary };
    if (await exists(finalDir)) return { ...stored, stored: false };

    await fs.mkdir(storeDir, { recursive: true });
    // In the store itself, so the final rename stays on one filesystem and is atomic.
    const incoming = path.join(storeDir, `.incoming-${randomBytes(8).toString("hex")}`);
    try {
      await fs.mkdir(incoming);
      await unpack(zip, checked.listing, limits, incoming);
      try {
        await fs.rename(incoming, finalDir);
        return { ...stored, stored: true };
      } catch (error) {
        // The same zip, imported at the same moment by someone else, got there first.
        if (["EEXIST", "ENOTEMPTY"].includes((error as NodeJS.ErrnoException).code ?? "") && (await exists(finalDir))) return { ...stored, stored: false };
        throw error;
      }
    } finally {
      await fs.rm(incoming, { recursive: true, force: true });
    }
  });
}

async function exists(dir: string): Promise<boolean> {
  return fs.stat(dir).then(
    () => true,
    () => false,
  );
}
