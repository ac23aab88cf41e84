import path from "node:path";
import { env } from "~/config/env.server";

/**
 * Imported packages live unpacked under SCORM_DIR/<key>, where the key is the
 * SHA-256 of the zip: the same zip uploaded twice is one folder, and a folder's
 * content never changes once it is there (a new version is a new zip, so a
 * new folder, and what learners recorded against the old one stays valid).
 */
const KEY = /^[0-9a-f]{64}$/;

export function isPackageKey(key: string): boolean {
  return KEY.test(key);
}

export function packageDir(key: string, storeDir = env.SCORM_DIR): string {
  // Keys come from our own database, but a path is only ever built from a well-formed one.
  if (!isPackageKey(key)) throw new Error("Malformed SCORM package key");
  return path.join(storeDir, key);
}
