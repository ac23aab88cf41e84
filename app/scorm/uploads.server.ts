import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  MaxPartSizeExceededError,
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
} from "@remix-run/node";
import { env } from "~/config/env.server";
import { badRequest, isMalformedBody } from "~/http/form.server";
import { cleanUserText } from "~/i18n/user-text";

/**
 * SCORM zips between the upload (inspected and shown to the admin) and the
 * confirmation: UPLOADS_DIR/scorm-pending/<key>.zip, named by a random key,
 * never by the admin's file name, streamed to disk with a size cap (zips can
 * be hundreds of megabytes). Deleted once stored or refused; anything older
 * than a day is deleted on the next upload.
 */
const KEY = /^[A-Za-z0-9_-]{24}$/;
const KEEP_MS = 24 * 60 * 60 * 1000;

export type ReceivedPackage = { key: string | null; fileName: string | null; tooLarge: boolean };

function dir(uploadsDir = env.UPLOADS_DIR) {
  return path.join(uploadsDir, "scorm-pending");
}

export function pendingPackagePath(key: unknown, uploadsDir?: string): string | null {
  // Keys come from forms: a path is only ever built from a well-formed one.
  return typeof key === "string" && KEY.test(key) ? path.join(dir(uploadsDir), `${key}.zip`) : null;
}

export async function deletePendingPackage(key: string, uploadsDir?: string): Promise<void> {
  const file = pendingPackagePath(key, uploadsDir);
  if (file) await fs.rm(file, { force: true });
}

async function prune(uploadsDir?: string, now = Date.now()) {
  const names = await fs.readdir(dir(uploadsDir)).catch(() => [] as string[]);
  for (const name of names) {
    const file = path.join(dir(uploadsDir), name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat && now - stat.mtimeMs > KEEP_MS) await fs.rm(file, { force: true });
  }
}

/** Reads the upload form: its "file" part goes to disk (refused past maxBytes), nothing else is kept. */
export async function receivePackageUpload(request: Request, options: { uploadsDir?: string; maxBytes?: number } = {}): Promise<ReceivedPackage> {
  const maxBytes = options.maxBytes ?? env.SCORM_MAX_BYTES;
  // What a client may send in all: the file at its limit and a little form around it.
  const hardCap = maxBytes + 1024 * 1024;
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > hardCap) throw new Response("Payload Too Large", { status: 413 });
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) throw badRequest(request);

  const received: ReceivedPackage = { key: null, fileName: null, tooLarge: false };
  const fileHandler: UploadHandler = async (part) => {
    if (part.filename === undefined) return undefined;
    if (part.name !== "file" || received.key || received.tooLarge) {
      for await (const _chunk of part.data) void _chunk; // read and dropped
      return "";
    }
    await fs.mkdir(dir(options.uploadsDir), { recursive: true });
    await prune(options.uploadsDir);
    const key = randomBytes(18).toString("base64url");
    const file = pendingPackagePath(key, options.uploadsDir)!;
    let size = 0;
    async function* capped() {
      for await (const chunk of part.data) {
        size += chunk.byteLength;
        if (size > hardCap) throw new Response("Payload Too Large", { status: 413 });
        if (size > maxBytes) received.tooLarge = true;
        if (!received.tooLarge) yield chunk;
      }
    }
    try {
      await pipeline(Readable.from(capped()), createWriteStream(file, { flags: "wx", mode: 0o600 }));
    } catch (error) {
      await fs.rm(file, { force: true });
      throw error;
    }
    if (received.tooLarge || size === 0) await fs.rm(file, { force: true });
    else Object.assign(received, { key, fileName: cleanUserText(part.filename).split(/[/\\]/).pop()!.slice(0, 150) });
    return "";
  };
  try {
    await unstable_parseMultipartFormData(request, unstable_composeUploadHandlers(fileHandler, unstable_createMemoryUploadHandler({ maxPartSize: 64 * 1024 })));
    return received;
  } catch (error) {
    if (received.key) await deletePendingPackage(received.key, options.uploadsDir);
    if (error instanceof Response) throw error;
    if (error instanceof MaxPartSizeExceededError) throw new Response("Payload Too Large", { status: 413 });
    if (isMalformedBody(error)) throw badRequest(request);
    throw error;
  }
}
