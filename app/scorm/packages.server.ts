import { db } from "~/db/client.server";
import type { ScormPackage } from "~/db/generated/client";
import type { TrackedManifest } from "./tracking-model.server";

/**
 * The database row of a stored package: what tracking and the courses refer
 * to. `sha256` is the store's key (app/scorm/store.server.ts): storing the
 * same zip again finds the same row, and its attempts.
 */
export type StoredManifest = TrackedManifest & { title: string; edition?: number | null };

export async function recordPackage(sha256: string, manifest: StoredManifest, uploadedById: string | null = null): Promise<ScormPackage> {
  const data = { version: manifest.version, edition: manifest.edition ?? null, title: manifest.title, manifest: JSON.stringify(manifest) };
  return db.scormPackage.upsert({ where: { sha256 }, create: { sha256, uploadedById, ...data }, update: {} });
}
