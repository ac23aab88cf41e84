import {
  MaxPartSizeExceededError,
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
  type UploadHandlerPart,
} from "@remix-run/node";
import { badRequest, isMalformedBody } from "~/http/form.server";
import { cleanUserText } from "~/i18n/user-text";

/**
 * The upload form of /admin/import: the file, kept in memory up to
 * MAX_FILE_BYTES (10,000 rows are about 1.5 MB), and the other fields. A
 * file too large is not kept, but the rest of the form still arrives, so the
 * choices made are shown back with the error.
 */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const HARD_CAP = 2 * MAX_FILE_BYTES + 1024 * 1024;

export type ReceivedUpload = { form: FormData; file: { name: string; bytes: Uint8Array } | null; tooLarge: boolean };

function payloadTooLarge(): Response {
  return new Response("Payload Too Large", { status: 413 });
}

export async function receiveUpload(request: Request): Promise<ReceivedUpload> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > HARD_CAP) throw payloadTooLarge();
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) throw badRequest(request);
  let file: ReceivedUpload["file"] = null;
  let tooLarge = false;
  let received = 0;
  const read = async (part: UploadHandlerPart, keep: boolean) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of part.data) {
      received += chunk.byteLength;
      if (received > HARD_CAP) throw payloadTooLarge();
      size += chunk.byteLength;
      if (keep && size <= MAX_FILE_BYTES) chunks.push(chunk);
    }
    return { chunks, size };
  };
  const fileHandler: UploadHandler = async (part) => {
    if (part.filename === undefined) return undefined;
    const wanted = part.name === "file" && !file && !tooLarge;
    const { chunks, size } = await read(part, wanted);
    if (!wanted || size === 0) return "";
    if (size > MAX_FILE_BYTES) tooLarge = true;
    else file = { name: cleanUserText(part.filename).split(/[/\\]/).pop()!.slice(0, 150), bytes: Buffer.concat(chunks) };
    return "";
  };
  try {
    const form = await unstable_parseMultipartFormData(request, unstable_composeUploadHandlers(fileHandler, unstable_createMemoryUploadHandler({ maxPartSize: 64 * 1024 })));
    return { form, file, tooLarge };
  } catch (error) {
    if (error instanceof Response) throw error;
    if (error instanceof MaxPartSizeExceededError) throw payloadTooLarge();
    if (isMalformedBody(error)) throw badRequest(request);
    throw error;
  }
}
