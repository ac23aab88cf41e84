import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { env } from "~/config/env.server";
import type { ImportReport, ImportTarget } from "./types";

/**
 * Uploaded import files, between the upload (validated) and the import:
 * UPLOADS_DIR/imports/<key>.csv, named by a random key, never by the
 * admin's file name, with <key>.json beside it (who uploaded it, what it is
 * for, its report, then its result). The file is deleted once imported;
 * anything older than a day is deleted on the next upload.
 */
export type ImportRecord = {
  key: string;
  adminId: string;
  /** The admin's file name, shown only. */
  fileName: string;
  uploadedAt: string;
  target: ImportTarget;
  status: "validated" | "imported";
  report: ImportReport;
  /** When imported: the first people of the file, to show them. */
  people?: string[];
  importedAt?: string;
  /**
   * The import's progress, written by the process running it (app/import/jobs.server.ts), so that every server
   * process can show it: `at` is when it was last written (ms since the epoch), at least every few seconds while
   * the import is queued or running.
   */
  job?: RecordedJob;
};

export type RecordedJob = { state: "queued" | "running" | "done" | "refused" | "failed"; done: number; total: number; at: number };

const KEY = /^[A-Za-z0-9_-]{24}$/;
const KEEP_MS = 24 * 60 * 60 * 1000;

function dir(uploadsDir = env.UPLOADS_DIR) {
  return path.join(uploadsDir, "imports");
}

export function isImportKey(key: string | undefined): key is string {
  return typeof key === "string" && KEY.test(key);
}

function filePath(key: string, ext: "csv" | "json", uploadsDir?: string) {
  // Keys come from URLs: a path is only ever built from a well-formed one.
  if (!isImportKey(key)) throw new Error("Malformed import key");
  return path.join(dir(uploadsDir), `${key}.${ext}`);
}

export async function storeUpload(bytes: Uint8Array, record: Omit<ImportRecord, "key">, uploadsDir?: string): Promise<string> {
  await fs.mkdir(dir(uploadsDir), { recursive: true });
  await pruneUploads(uploadsDir);
  const key = randomBytes(18).toString("base64url");
  await fs.writeFile(filePath(key, "csv", uploadsDir), bytes, { mode: 0o600, flag: "wx" });
  await saveRecord({ ...record, key }, uploadsDir);
  return key;
}

export async function saveRecord(record: ImportRecord, uploadsDir?: string): Promise<void> {
  // Written whole then renamed, so a reader never sees half a record; the temporary name is this write's own,
  // as another server process may be writing the same record.
  const target = filePath(record.key, "json", uploadsDir);
  const temporary = `${target}.${randomBytes(6).toString("hex")}.tmp`;
  await fs.writeFile(temporary, JSON.stringify(record), { mode: 0o600 });
  await fs.rename(temporary, target);
}

export async function readRecord(key: string | undefined, uploadsDir?: string): Promise<ImportRecord | null> {
  if (!isImportKey(key)) return null;
  const text = await fs.readFile(filePath(key, "json", uploadsDir), "utf8").catch(() => null);
  return text ? (JSON.parse(text) as ImportRecord) : null;
}

export async function readUpload(key: string, uploadsDir?: string): Promise<Uint8Array | null> {
  return fs.readFile(filePath(key, "csv", uploadsDir)).catch(() => null);
}

export async function deleteUpload(key: string, uploadsDir?: string): Promise<void> {
  await fs.rm(filePath(key, "csv", uploadsDir), { force: true });
}

export async function pruneUploads(uploadsDir?: string, now = Date.now()): Promise<void> {
  const names = await fs.readdir(dir(uploadsDir)).catch(() => [] as string[]);
  for (const name of names) {
    const file = path.join(dir(uploadsDir), name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat && now - stat.mtimeMs > KEEP_MS) await fs.rm(file, { force: true });
  }
}
