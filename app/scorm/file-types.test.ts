import { describe, expect, test } from "vitest";
import { fileTypeVerdict, isArchiverJunk, looksLikeProgram } from "./file-types";

describe("file types", () => {
  test.each(["index.html", "a/b.JS", "style.css", "data.json", "img.SVG", "font.woff2", "clip.mp4", "voice.mp3", "guide.pdf", "old/intro.swf", "app.wasm"])("allows %s", (name) => {
    expect(fileTypeVerdict(name)).toBe("allowed");
  });

  test.each(["setup.exe", "x.DLL", "run.bat", "run.cmd", "deploy.sh", "index.php", "lib.jar", "pkg.msi", "evil.hta", "macro.vbs", "photo.png.exe"])("calls %s a program", (name) => {
    expect(fileTypeVerdict(name)).toBe("program");
  });

  test.each(["Makefile", "design.psd", "nested.zip", "report.docm", ".htaccess", "notes.md"])("refuses %s, as outside the allow list", (name) => {
    expect(fileTypeVerdict(name)).toBe("disallowed");
  });

  test("archivers' own files are junk, a course's files are not", () => {
    expect(["__MACOSX/._a.html", ".DS_Store", "img/.DS_Store", "Thumbs.db"].every(isArchiverJunk)).toBe(true);
    expect(["MACOSX.html", "images/thumbs.png", "a/__MACOSX/b.html"].some(isArchiverJunk)).toBe(false);
  });
});

describe("looksLikeProgram", () => {
  const pe = () => {
    const b = Buffer.alloc(256);
    b.write("MZ", 0, "latin1");
    b.writeUInt32LE(0x80, 0x3c);
    b.write("PE\0\0", 0x80, "latin1");
    return b;
  };

  test("recognises PE, ELF and Mach-O headers", () => {
    expect(looksLikeProgram(pe())).toBe(true);
    expect(looksLikeProgram(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]))).toBe(true);
    expect(looksLikeProgram(Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]))).toBe(true);
  });

  test("text that happens to start with MZ, and real media, are not programs", () => {
    expect(looksLikeProgram(Buffer.from("MZ is the start of this note, and it goes on for a good while longer than sixty-four bytes."))).toBe(false);
    expect(looksLikeProgram(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(false);
    expect(looksLikeProgram(Buffer.from("<!doctype html>"))).toBe(false);
    expect(looksLikeProgram(Buffer.alloc(0))).toBe(false);
  });
});
