import { z } from "zod";
import { CMI_LIMITS } from "./cmi-validation.server";

/**
 * The body of a commit request: JSON, sent as application/json by the
 * runtime's commits, or as text/plain by navigator.sendBeacon when the tab
 * closes (a beacon cannot send application/json without a CORS preflight,
 * which the browser does not wait for while the page unloads). Read with a
 * size limit whatever Content-Length says.
 */

export type CommitBody = { seq: number; values: Record<string, unknown>; terminate: boolean };

export type CommitBodyError =
  | { ok: false; status: 413; error: "body-too-large"; limit: number }
  | { ok: false; status: 415; error: "unsupported-media-type" }
  | { ok: false; status: 400; error: "invalid-json" | "invalid-body" };

const bodySchema = z
  .object({
    seq: z.number().int().positive(),
    values: z.record(z.unknown()),
    terminate: z.boolean().optional(),
  })
  .strict();

const tooLarge = (limit: number): CommitBodyError => ({ ok: false, status: 413, error: "body-too-large", limit });

async function readLimited(request: Request, limit: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

export async function parseCommitBody(request: Request, limit: number = CMI_LIMITS.commitBytes): Promise<{ ok: true; body: CommitBody } | CommitBodyError> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json" && type !== "text/plain") return { ok: false, status: 415, error: "unsupported-media-type" };
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) return tooLarge(limit);

  const bytes = await readLimited(request, limit);
  if (!bytes) return tooLarge(limit);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, status: 400, error: "invalid-json" };
  }
  const body = bodySchema.safeParse(parsed);
  if (!body.success) return { ok: false, status: 400, error: "invalid-body" };
  return { ok: true, body: { seq: body.data.seq, values: body.data.values, terminate: body.data.terminate ?? false } };
}
