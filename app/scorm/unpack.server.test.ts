import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { ScormProblemCode } from "./problems";
import { SCORM2004_FILES, SCORM2004_MULTI_SCO } from "./test-manifests";
import { makeZip, scorm12Manifest, scorm12Package, type ZipEntry } from "./test-zip";
import { inspectPackage, storePackage, type PackageLimits } from "./unpack.server";

let work: string;
let store: string;

beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "scorm-"));
  store = path.join(work, "store");
});

afterEach(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

function zipFile(bytes: Buffer, name = "package.zip"): string {
  const file = path.join(work, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** Everything under the store, as relative paths (an absent store is empty). */
function storeContent(): string[] {
  return fs.existsSync(store) ? fs.readdirSync(store, { recursive: true, encoding: "utf8" }).sort() : [];
}

async function refusedWith(bytes: Buffer, limits?: Partial<PackageLimits>) {
  const result = await storePackage(zipFile(bytes), { storeDir: store, limits });
  expect(storeContent()).toEqual([]);
  if (result.ok) throw new Error("the package was stored");
  return result.problems;
}

async function expectRefused(bytes: Buffer, code: ScormProblemCode, params?: Record<string, string | number>, limits?: Partial<PackageLimits>) {
  const problems = await refusedWith(bytes, limits);
  expect(problems[0]).toEqual(params ? { code, params } : { code });
}

/** The smallest Windows program: an MZ header pointing at a PE signature. */
function peProgram(): Buffer {
  const exe = Buffer.alloc(512);
  exe.write("MZ", 0, "latin1");
  exe.writeUInt32LE(0x80, 0x3c);
  exe.write("PE\0\0", 0x80, "latin1");
  return exe;
}

describe("a valid package", () => {
  test("SCORM 1.2: unpacked into the store under the zip's SHA-256, with its manifest", async () => {
    const bytes = scorm12Package([{ name: "images/" }, { name: "images/carte.png", data: Buffer.from([0x89, 0x50, 0x4e, 0x47]), store: true }]);
    const key = createHash("sha256").update(bytes).digest("hex");
    const result = await storePackage(zipFile(bytes), { storeDir: store });
    expect(result).toMatchObject({ ok: true, key, dir: path.join(store, key), stored: true, files: 4 });
    expect(result.ok && result.manifest).toMatchObject({ version: "1.2", title: "Repérer les signes de la traite" });
    expect(storeContent()).toEqual([key, `${key}/images`, `${key}/images/carte.png`, `${key}/imsmanifest.xml`, `${key}/index.html`, `${key}/scorm.js`]);
    expect(fs.readFileSync(path.join(store, key, "scorm.js"), "utf8")).toBe("window.API && window.API.LMSInitialize('');");
  });

  test("SCORM 2004 4th edition, multi-SCO, launch files found through xml:base (names in UTF-8)", async () => {
    const bytes = makeZip([
      { name: "imsmanifest.xml", data: SCORM2004_MULTI_SCO },
      ...SCORM2004_FILES.map((name) => ({ name, data: `<!doctype html><title>${name}</title>` })),
      { name: "contenu/scos/commun/api.js", data: "/* shared */" },
    ]);
    const result = await storePackage(zipFile(bytes), { storeDir: store });
    expect(result).toMatchObject({ ok: true, stored: true, files: 5 });
    expect(result.ok && result.manifest).toMatchObject({ version: "2004", edition: 4, defaultOrganization: "parcours" });
    if (!result.ok) return;
    for (const file of SCORM2004_FILES) expect(fs.existsSync(path.join(result.dir, file))).toBe(true);
  });

  test("the same zip twice is one folder, not stored again; another zip is another folder", async () => {
    const file = zipFile(scorm12Package());
    const first = await storePackage(file, { storeDir: store });
    const marker = path.join(store, first.ok ? first.key : "", "index.html");
    const writtenAt = fs.statSync(marker).mtimeMs;
    const second = await storePackage(zipFile(scorm12Package(), "copy.zip"), { storeDir: store });
    expect(second).toMatchObject({ ok: true, stored: false, key: first.ok && first.key, dir: first.ok && first.dir });
    expect(fs.statSync(marker).mtimeMs).toBe(writtenAt);
    const other = await storePackage(zipFile(scorm12Package([{ name: "extra.css", data: "a{}" }]), "v2.zip"), { storeDir: store });
    expect(other).toMatchObject({ ok: true, stored: true });
    expect(fs.readdirSync(store).sort()).toEqual([first.ok && first.key, other.ok && other.key].sort());
  });

  test("two imports of one zip at the same moment leave one folder and no temporary one", async () => {
    const file = zipFile(scorm12Package());
    const results = await Promise.all([storePackage(file, { storeDir: store }), storePackage(file, { storeDir: store })]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && r.stored)).toHaveLength(1);
    expect(fs.readdirSync(store)).toHaveLength(1);
  });

  test("archivers' own files (__MACOSX, .DS_Store, Thumbs.db) are skipped, not stored and not refused", async () => {
    const result = await storePackage(
      zipFile(scorm12Package([{ name: "__MACOSX/._index.html", data: "x" }, { name: ".DS_Store", data: "x" }, { name: "img/Thumbs.db", data: "x" }])),
      { storeDir: store },
    );
    expect(result).toMatchObject({ ok: true, files: 3 });
    expect(storeContent().filter((p) => /MACOSX|DS_Store|Thumbs/.test(p))).toEqual([]);
  });

  test("inspectPackage checks everything and writes nothing", async () => {
    const result = await inspectPackage(zipFile(scorm12Package()), { storeDir: store });
    expect(result).toMatchObject({ ok: true, files: 3, manifest: { version: "1.2" } });
    expect(storeContent()).toEqual([]);
    const refused = await inspectPackage(zipFile(scorm12Package([{ name: "a.txt", data: "x".repeat(100), declaredSize: 5 }]), "bad.zip"));
    expect(refused).toEqual({ ok: false, problems: [{ code: "sizeMismatch", params: { name: "a.txt" } }] });
  });
});

describe("refused packages leave the store empty", () => {
  test("not a zip", async () => {
    await expectRefused(Buffer.from("PK but not really a zip file at all"), "notAZip");
  });

  test("no imsmanifest.xml", async () => {
    await expectRefused(makeZip([{ name: "index.html", data: "<p>hi</p>" }]), "noManifest");
  });

  test("imsmanifest.xml one folder down: the folder was zipped instead of its content", async () => {
    await expectRefused(makeZip([{ name: "cours/imsmanifest.xml", data: scorm12Manifest() }, { name: "cours/index.html", data: "x" }]), "manifestInFolder", { folder: "cours" });
  });

  test("a manifest that is not XML", async () => {
    await expectRefused(scorm12Package([], "<manifest><oops></manifest>"), "invalidXml", { line: 1 });
  });

  test("a launch file missing from the zip", async () => {
    await expectRefused(scorm12Package([], scorm12Manifest({ href: "start.html" })), "launchMissing", { file: "start.html" });
  });

  test("every SCO's launch file is checked (2004 multi-SCO, one missing)", async () => {
    const bytes = makeZip([{ name: "imsmanifest.xml", data: SCORM2004_MULTI_SCO }, ...SCORM2004_FILES.slice(0, 2).map((name) => ({ name, data: "x" }))]);
    await expectRefused(bytes, "launchMissing", { file: SCORM2004_FILES[2] });
  });

  test.each(["../evil.html", "sco/../../evil.html", "/etc/cron.d/evil.txt", "C:\\Windows\\evil.txt", "C:evil.txt", "sco\\..\\..\\evil.html", "a//b.txt", "./x.txt"])(
    "an entry name escaping the folder: %s",
    async (name) => {
      await expectRefused(scorm12Package([{ name, data: "x" }]), "unsafePath", { name });
    },
  );

  test("a symlink entry (Unix mode in the external attributes)", async () => {
    await expectRefused(scorm12Package([{ name: "passwd.txt", data: "/etc/passwd", mode: 0o120777 }]), "symlink", { name: "passwd.txt" });
  });

  test("a device or FIFO entry", async () => {
    await expectRefused(scorm12Package([{ name: "pipe.txt", data: "", mode: 0o010644 }]), "specialFile", { name: "pipe.txt" });
  });

  test("the same name twice", async () => {
    await expectRefused(scorm12Package([{ name: "index.html", data: "<p>second</p>" }]), "duplicateEntry", { name: "index.html" });
  });

  test("a name that is both a file and a folder", async () => {
    await expectRefused(scorm12Package([{ name: "media.txt", data: "x" }, { name: "media.txt/clip.mp4", data: "x" }]), "duplicateEntry", { name: "media.txt/clip.mp4" });
  });

  test("more files than SCORM_MAX_FILES", async () => {
    const extra = Array.from({ length: 8 }, (_, i) => ({ name: `page${i}.html`, data: "x" }));
    await expectRefused(scorm12Package(extra), "tooManyFiles", { max: 10 }, { maxFiles: 10 });
  });

  test("more declared bytes than SCORM_MAX_BYTES", async () => {
    await expectRefused(scorm12Package([{ name: "video.mp4", data: Buffer.alloc(300_000) }]), "tooLarge", { megabytes: 0.1 }, { maxBytes: 100_000 });
  });

  test("a zip bomb that lies about its size: the streamed bytes are counted, and nothing of it is kept", async () => {
    // 50 MB of zeros deflate to about 50 KB; the headers claim 10 bytes.
    const bomb: ZipEntry = { name: "bomb.txt", data: Buffer.alloc(50 * 1024 * 1024), declaredSize: 10 };
    const started = performance.now();
    await expectRefused(scorm12Package([bomb]), "sizeMismatch", { name: "bomb.txt" }, { maxBytes: 1024 * 1024 });
    expect(performance.now() - started).toBeLessThan(5000);
  });

  test("sizes that lie in the other direction (fewer bytes than declared)", async () => {
    await expectRefused(scorm12Package([{ name: "short.txt", data: "abc", declaredSize: 3000 }]), "sizeMismatch", { name: "short.txt" });
  });

  test.each(["setup.exe", "tools/run.bat", "install.sh", "server/index.php", "lib/app.jar", "CMD.CMD", "helper.dll", "pkg.msi"])("a program: %s", async (name) => {
    await expectRefused(scorm12Package([{ name, data: "x" }]), "executable", { name });
  });

  test("a Windows program named like an image", async () => {
    await expectRefused(scorm12Package([{ name: "images/photo.png", data: peProgram() }]), "executable", { name: "images/photo.png" });
  });

  test("a Linux program named like a video", async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(5000)]);
    await expectRefused(scorm12Package([{ name: "clip.mp4", data: elf }]), "executable", { name: "clip.mp4" });
  });

  test("a type outside the allow list", async () => {
    await expectRefused(scorm12Package([{ name: "source/design.psd", data: "x" }]), "disallowedType", { name: "source/design.psd" });
    await expectRefused(scorm12Package([{ name: "LICENSE", data: "x" }]), "disallowedType", { name: "LICENSE" });
    await expectRefused(scorm12Package([{ name: "more.zip", data: "x" }]), "disallowedType", { name: "more.zip" });
  });

  test("several problems are named together", async () => {
    const problems = await refusedWith(scorm12Package([{ name: "a.exe", data: "x" }, { name: "b.psd", data: "x" }, { name: "../c.txt", data: "x" }]));
    expect(problems.map((p) => p.code)).toEqual(["executable", "disallowedType", "unsafePath"]);
  });

  test("an encrypted entry", async () => {
    await expectRefused(scorm12Package([{ name: "secret.txt", data: "x", encrypted: true, store: true }]), "encrypted", { name: "secret.txt" });
  });

  test("a compression method other than stored or deflate", async () => {
    await expectRefused(scorm12Package([{ name: "big.txt", data: "x", compressionMethod: 9 }]), "unsupportedCompression", { name: "big.txt" });
  });

  test("damaged compressed data", async () => {
    const zip = scorm12Package([{ name: "page.html", data: "<p>".repeat(1000) }]);
    const at = zip.indexOf("page.html") + "page.html".length;
    zip.fill(0xff, at + 5, at + 40);
    await expectRefused(zip, "notAZip");
  });
});
