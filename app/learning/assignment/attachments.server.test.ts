import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  attachmentPath,
  attachmentResponse,
  cleanFileName,
  contentDisposition,
  receiveSubmissionForm,
  sniffFileType,
} from "./attachments.server";
import { SAMPLE_BYTES } from "./test-fixtures";

const uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), "tadrib-uploads-"));
const storedFiles = () => fs.readdirSync(path.join(uploadsDir, "submissions"));

afterAll(() => fs.rmSync(uploadsDir, { recursive: true, force: true }));

function formRequest(fields: Record<string, string | File>, headers?: Record<string, string>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return new Request("http://localhost/submit", { method: "POST", body: form, headers });
}

function file(bytes: Buffer, name: string, type = "application/octet-stream") {
  return new File([new Uint8Array(bytes)], name, { type });
}

const options = { fileField: "attachment", maxBytes: 1024, allowedKinds: ["pdf", "audio"] as const, uploadsDir };

describe("sniffFileType", () => {
  it("recognises every accepted type by its first bytes", () => {
    expect(sniffFileType(SAMPLE_BYTES.pdf)).toEqual({ kind: "pdf", mimeType: "application/pdf" });
    expect(sniffFileType(SAMPLE_BYTES.png)).toEqual({ kind: "image", mimeType: "image/png" });
    expect(sniffFileType(SAMPLE_BYTES.jpeg)).toEqual({ kind: "image", mimeType: "image/jpeg" });
    expect(sniffFileType(SAMPLE_BYTES.webp)).toEqual({ kind: "image", mimeType: "image/webp" });
    expect(sniffFileType(SAMPLE_BYTES.wav)).toEqual({ kind: "audio", mimeType: "audio/wav" });
    expect(sniffFileType(SAMPLE_BYTES.ogg)).toEqual({ kind: "audio", mimeType: "audio/ogg" });
    expect(sniffFileType(SAMPLE_BYTES.mp3Id3)).toEqual({ kind: "audio", mimeType: "audio/mpeg" });
    expect(sniffFileType(SAMPLE_BYTES.mp3Frame)).toEqual({ kind: "audio", mimeType: "audio/mpeg" });
    expect(sniffFileType(SAMPLE_BYTES.m4a)).toEqual({ kind: "audio", mimeType: "audio/mp4" });
  });

  it("rejects anything else, whatever it is called", () => {
    expect(sniffFileType(Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00", "latin1"))).toBeNull(); // Windows program
    expect(sniffFileType(Buffer.from("<html><script>alert(1)</script>"))).toBeNull();
    expect(sniffFileType(Buffer.from("PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00", "latin1"))).toBeNull(); // zip, docx
    expect(sniffFileType(Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("AVI ")]))).toBeNull();
    expect(sniffFileType(Buffer.from([0xff, 0xf1, 0x50, 0x80]))).toBeNull(); // AAC in ADTS, not MP3
    expect(sniffFileType(Buffer.alloc(0))).toBeNull();
  });
});

describe("receiveSubmissionForm", () => {
  it("stores the file under a random name with the type found in its bytes", async () => {
    const bytes = Buffer.concat([SAMPLE_BYTES.pdf, Buffer.alloc(500, 0x20)]);
    const received = await receiveSubmissionForm(
      formRequest({ text: "Mon pitch", attachment: file(bytes, "../../etc/mon pitch.png", "image/png") }),
      options,
    );
    expect(received.form.get("text")).toBe("Mon pitch");
    expect(received.attachmentProblem).toBeNull();
    const stored = received.attachment!;
    expect(stored).toMatchObject({ mimeType: "application/pdf", kind: "pdf", size: bytes.length, fileName: "mon pitch.png.pdf" });
    expect(stored.key).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(fs.readFileSync(attachmentPath(stored.key, uploadsDir))).toEqual(bytes);
    expect(storedFiles()).toEqual([stored.key]);
    fs.rmSync(attachmentPath(stored.key, uploadsDir));
  });

  it("keeps nothing of a file over the limit, but keeps the text", async () => {
    const big = Buffer.concat([SAMPLE_BYTES.pdf, Buffer.alloc(5000)]);
    const received = await receiveSubmissionForm(
      formRequest({ text: "Ce que j'ai écrit", attachment: file(big, "gros.pdf"), after: "kept too" }),
      options,
    );
    expect(received.attachment).toBeNull();
    expect(received.attachmentProblem).toBe("tooLarge");
    expect(received.form.get("text")).toBe("Ce que j'ai écrit");
    expect(received.form.get("after")).toBe("kept too");
    expect(storedFiles()).toEqual([]);
  });

  it("keeps nothing of a file of a type the assignment does not allow, even named like one it does", async () => {
    for (const [bytes, name] of [
      [Buffer.from("just some text, not a PDF at all"), "pitch.pdf"],
      [SAMPLE_BYTES.png, "photo.png"],
      [Buffer.from("%PD"), "short.pdf"],
    ] as const) {
      const received = await receiveSubmissionForm(formRequest({ text: "x", attachment: file(bytes, name, "application/pdf") }), options);
      expect(received.attachment, name).toBeNull();
      expect(received.attachmentProblem, name).toBe("badType");
    }
    expect(storedFiles()).toEqual([]);
  });

  it("treats an empty file input as no attachment", async () => {
    const received = await receiveSubmissionForm(formRequest({ text: "x", attachment: file(Buffer.alloc(0), "") }), options);
    expect(received.attachment).toBeNull();
    expect(received.attachmentProblem).toBeNull();
  });

  it("refuses outright a request far larger than allowed", async () => {
    const request = formRequest({ text: "x" }, { "content-length": String(100 * 1024 * 1024) });
    await expect(receiveSubmissionForm(request, options)).rejects.toMatchObject({ status: 413 });
  });
});

describe("serving an attachment", () => {
  it("names it safely", () => {
    expect(cleanFileName("C:\\Users\\amina\\pitch final.PDF", "application/pdf")).toBe("pitch final.PDF");
    expect(cleanFileName("gnp.\u202eexe", "image/png")).toBe("gnp.exe.png");
    expect(cleanFileName("", "audio/mpeg")).toBe("attachment.mp3");
    expect(cleanFileName(".bashrc", "audio/ogg")).toBe("attachment.bashrc.ogg");
    expect(contentDisposition("تحقيق.pdf")).toBe(
      `attachment; filename="_____.pdf"; filename*=UTF-8''${encodeURIComponent("تحقيق.pdf")}`,
    );
  });

  it("always as a download that the browser may not reinterpret", async () => {
    const received = await receiveSubmissionForm(formRequest({ attachment: file(SAMPLE_BYTES.mp3Id3, "voix.mp3") }), options);
    const stored = received.attachment!;
    const response = await attachmentResponse(stored, uploadsDir);
    expect(response.headers.get("content-type")).toBe("audio/mpeg");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="voix.mp3"; filename*=UTF-8''voix.mp3`);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(Buffer.from(await response.arrayBuffer())).toEqual(SAMPLE_BYTES.mp3Id3);

    fs.rmSync(attachmentPath(stored.key, uploadsDir));
    await expect(attachmentResponse(stored, uploadsDir)).rejects.toMatchObject({ status: 404 });
    expect(() => attachmentPath("../../etc/passwd", uploadsDir)).toThrow();
  });
});
