import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import {
  createReadableStreamFromReadable,
  MaxPartSizeExceededError,
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
  type UploadHandlerPart,
} from "@remix-run/node";
import { env } from "~/config/env.server";
import { badRequest, isMalformedBody } from "~/http/form.server";
import { cleanUserText } from "~/i18n/user-text";
import { ATTACHMENT_TYPES, type AttachmentKind } from "./types";

/**
 * Attachments of assignment submissions, on disk under UPLOADS_DIR/submissions.
 * A stored file is named by a random key, never by what the learner called it;
 * its type comes from its first bytes, never from its extension or the
 * browser's word; its size is checked while it streams in.
 */

export type DetectedType = { kind: AttachmentKind; mimeType: string };

export type StoredAttachment = {
  key: string;
  /** The learner's file name, cleaned, with an extension that matches the real type. Shown, never used as a path. */
  fileName: string;
  mimeType: string;
  kind: AttachmentKind;
  size: number;
};

export type AttachmentProblem = "tooLarge" | "badType";

const MB = 1024 * 1024;
const HEAD_BYTES = 12;
/** Text fields of a submission form; the answer itself is limited to far less (MAX_TEXT_LENGTH). */
const MAX_FIELD_BYTES = 256 * 1024;

function storageDir(uploadsDir = env.UPLOADS_DIR) {
  return path.join(uploadsDir, "submissions");
}

const KEY = /^[A-Za-z0-9_-]{24}$/;

export function attachmentPath(key: string, uploadsDir = env.UPLOADS_DIR): string {
  // Keys come from our own database, but a path is only ever built from a well-formed one.
  if (!KEY.test(key)) throw new Error("Malformed attachment key");
  return path.join(storageDir(uploadsDir), key);
}

function ascii(bytes: Uint8Array, start: number, text: string) {
  if (bytes.length < start + text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[start + i] !== text.charCodeAt(i)) return false;
  return true;
}

const M4A_BRANDS = ["M4A ", "M4B ", "mp42", "mp41", "isom", "iso2"];

/** Recognises the accepted file types by their signature ("magic bytes"). */
export function sniffFileType(head: Uint8Array): DetectedType | null {
  if (ascii(head, 0, "%PDF-")) return { kind: "pdf", mimeType: "application/pdf" };
  if (head.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => head[i] === b)) {
    return { kind: "image", mimeType: "image/png" };
  }
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { kind: "image", mimeType: "image/jpeg" };
  if (ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) return { kind: "image", mimeType: "image/webp" };
  if (ascii(head, 0, "RIFF") && ascii(head, 8, "WAVE")) return { kind: "audio", mimeType: "audio/wav" };
  if (ascii(head, 0, "OggS")) return { kind: "audio", mimeType: "audio/ogg" };
  if (ascii(head, 0, "ID3")) return { kind: "audio", mimeType: "audio/mpeg" };
  // An MP3 without ID3 tag starts with a frame header: 11 sync bits, a valid MPEG version, layer III.
  if (head.length >= 2 && head[0] === 0xff && (head[1] & 0xe0) === 0xe0 && (head[1] & 0x18) !== 0x08 && (head[1] & 0x06) === 0x02) {
    return { kind: "audio", mimeType: "audio/mpeg" };
  }
  if (ascii(head, 4, "ftyp") && M4A_BRANDS.some((brand) => ascii(head, 8, brand))) return { kind: "audio", mimeType: "audio/mp4" };
  return null;
}

/** A file name safe to show and to offer in Content-Disposition, ending in an extension of its real type. */
export function cleanFileName(original: string | undefined, mimeType: string): string {
  const extensions = Object.values(ATTACHMENT_TYPES)
    .flat()
    .find((t) => t.mimeType === mimeType)?.extensions ?? [""];
  // Control and bidi-override characters could disguise the real extension ("gnp.exe" shown as "exe.png").
  let name = cleanUserText(original ?? "")
    .split(/[/\\]/)
    .pop()!
    .replace(/"/g, "")
    .trim()
    .slice(0, 150);
  if (!name || name.startsWith(".")) name = `attachment${name}`;
  const lower = name.toLowerCase();
  if (!extensions.some((ext) => lower.endsWith(ext))) name += extensions[0];
  return name;
}

export function newAttachmentKey(): string {
  return randomBytes(18).toString("base64url");
}

type ReceiveOptions = {
  fileField: string;
  maxBytes: number;
  allowedKinds: readonly AttachmentKind[];
  uploadsDir?: string;
};

export type ReceivedForm = {
  form: FormData;
  attachment: StoredAttachment | null;
  attachmentProblem: AttachmentProblem | null;
};

function payloadTooLarge(): Response {
  return new Response("Payload Too Large", { status: 413 });
}

/**
 * Parses a multipart submission form, streaming the file in `fileField` to
 * disk. A file over `maxBytes` or of a type not allowed is not kept, but the
 * rest of the form still arrives, so what the learner typed can be shown back
 * with the error. Only a request far larger than allowed is refused outright
 * (413), so nobody can make the server read without end.
 */
export async function receiveSubmissionForm(request: Request, options: ReceiveOptions): Promise<ReceivedForm> {
  const hardCap = options.maxBytes * 2 + 8 * MB;
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > hardCap) throw payloadTooLarge();

  let attachment: StoredAttachment | null = null;
  let attachmentProblem: AttachmentProblem | null = null;
  let received = 0;

  const drain = async (part: UploadHandlerPart) => {
    for await (const chunk of part.data) {
      received += chunk.byteLength;
      if (received > hardCap) throw payloadTooLarge();
    }
  };

  const fileHandler: UploadHandler = async (part) => {
    if (part.filename === undefined) return undefined;
    // Only one attachment is kept; other file parts and empty file inputs are read and ignored.
    if (part.name !== options.fileField || !part.filename || attachment || attachmentProblem) {
      await drain(part);
      return "";
    }
    const stored = await storePart(part, options, (bytes) => {
      received += bytes;
      if (received > hardCap) throw payloadTooLarge();
    });
    if (stored.ok) attachment = stored.attachment;
    else attachmentProblem = stored.problem;
    return "";
  };

  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_composeUploadHandlers(fileHandler, unstable_createMemoryUploadHandler({ maxPartSize: MAX_FIELD_BYTES })),
    );
  } catch (error) {
    if (attachment) await deleteAttachment((attachment as StoredAttachment).key, options.uploadsDir);
    if (error instanceof MaxPartSizeExceededError) throw payloadTooLarge();
    if (isMalformedBody(error)) throw badRequest(request);
    throw error;
  }
  return { form, attachment, attachmentProblem };
}

type StoreResult = { ok: true; attachment: StoredAttachment | null } | { ok: false; problem: AttachmentProblem };

async function storePart(
  part: UploadHandlerPart,
  options: ReceiveOptions,
  onChunk: (bytes: number) => void,
): Promise<StoreResult> {
  const dir = storageDir(options.uploadsDir);
  await fs.mkdir(dir, { recursive: true });
  const key = newAttachmentKey();
  const file = path.join(dir, key);
  const handle = await fs.open(file, "wx", 0o600);
  let open = true;
  let size = 0;
  let head = Buffer.alloc(0);
  let type: DetectedType | null = null;
  let problem: AttachmentProblem | null = null;

  const discard = async (why: AttachmentProblem) => {
    problem = why;
    if (open) await handle.close();
    open = false;
    await fs.rm(file, { force: true });
  };

  try {
    for await (const chunk of part.data) {
      onChunk(chunk.byteLength);
      size += chunk.byteLength;
      if (problem) continue;
      if (size > options.maxBytes) {
        await discard("tooLarge");
        continue;
      }
      if (!type && head.length < HEAD_BYTES) {
        head = Buffer.concat([head, chunk]).subarray(0, HEAD_BYTES);
        if (head.length >= HEAD_BYTES) {
          type = sniffFileType(head);
          if (!type || !options.allowedKinds.includes(type.kind)) {
            await discard("badType");
            continue;
          }
        }
      }
      await handle.write(chunk);
    }
    if (!problem && size > 0 && !type) {
      type = sniffFileType(head);
      if (!type || !options.allowedKinds.includes(type.kind)) await discard("badType");
    }
  } catch (error) {
    if (open) await handle.close();
    open = false;
    await fs.rm(file, { force: true });
    throw error;
  }
  if (open) await handle.close();
  if (problem) return { ok: false, problem };
  if (size === 0 || !type) {
    await fs.rm(file, { force: true });
    return { ok: true, attachment: null };
  }
  return {
    ok: true,
    attachment: { key, fileName: cleanFileName(part.filename, type.mimeType), mimeType: type.mimeType, kind: type.kind, size },
  };
}

export async function deleteAttachment(key: string, uploadsDir?: string): Promise<void> {
  await fs.rm(attachmentPath(key, uploadsDir), { force: true });
}

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name (Arabic file names survive). */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/[\\"]/g, "_");
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * The HTTP response for a stored attachment: always a download (never shown
 * inline under our origin), never sniffed into another type, never cached by
 * shared caches.
 */
export async function attachmentResponse(
  attachment: { key: string; fileName: string; mimeType: string },
  uploadsDir?: string,
): Promise<Response> {
  const file = attachmentPath(attachment.key, uploadsDir);
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile()) throw new Response("Not Found", { status: 404 });
  return new Response(createReadableStreamFromReadable(createReadStream(file)), {
    headers: {
      "Content-Type": attachment.mimeType,
      "Content-Length": String(stat.size),
      "Content-Disposition": contentDisposition(attachment.fileName),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
