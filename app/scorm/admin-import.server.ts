import fs from "node:fs/promises";
import path from "node:path";
import { env } from "~/config/env.server";
import { cleanUserText } from "~/i18n/user-text";
import type { ScormItem } from "./manifest.server";
import type { ScormProblem } from "./problems";
import { recordPackage } from "./packages.server";
import { megabytes } from "./sizes";
import { deletePendingPackage, pendingPackagePath, receivePackageUpload } from "./uploads.server";
import { inspectPackage, storePackage, type PackageSummary } from "./unpack.server";

/**
 * /admin/scorm: a zip is uploaded and inspected (nothing stored), the admin
 * reads what the manifest says, then confirms, and the package goes into the
 * store. Every outcome is plain data for the page; messages are catalogue keys.
 */

export type PreviewItem = { title: string; launch: string | null; scormType: ScormItem["scormType"]; visible: boolean; children: PreviewItem[] };

export type PackagePreview = {
  /** The pending upload, sent back by the confirmation form. */
  key: string;
  fileName: string;
  version: "1.2" | "2004";
  edition: number | null;
  title: string;
  files: number;
  /** Unzipped. */
  bytes: number;
  organizations: { title: string; isDefault: boolean; items: PreviewItem[] }[];
};

export type ImportOutcome =
  | { step: "preview"; preview: PackagePreview }
  | { step: "stored"; title: string; alreadyStored: boolean; sha256: string }
  | { step: "refused"; problems: ScormProblem[] }
  | { step: "fileError"; error: "scorm.upload.errors.fileRequired" | "scorm.upload.errors.tooLarge" | "scorm.upload.errors.expired" };

export function uploadLimits() {
  return { files: env.SCORM_MAX_FILES, megabytes: megabytes(env.SCORM_MAX_BYTES) };
}

// Titles come from an uploaded file: shown as text, without the controls that could reorder the page around them.
const clean = (text: string) => cleanUserText(text).slice(0, 300);

function previewItems(items: readonly ScormItem[]): PreviewItem[] {
  return items.map((item) => ({
    title: clean(item.title),
    launch: item.launch?.href ?? null,
    scormType: item.scormType,
    visible: item.visible,
    children: previewItems(item.children),
  }));
}

function previewOf(key: string, fileName: string, summary: PackageSummary): PackagePreview {
  const { manifest } = summary;
  return {
    key,
    fileName,
    version: manifest.version,
    edition: manifest.edition,
    title: clean(manifest.title),
    files: summary.files,
    bytes: summary.bytes,
    organizations: manifest.organizations.map((o) => ({ title: clean(o.title), isDefault: o.identifier === manifest.defaultOrganization, items: previewItems(o.items) })),
  };
}

/** The upload step: the zip is kept (under a random key) only if it passed, for the confirmation to store it. */
export async function inspectUpload(request: Request, options: { uploadsDir?: string } = {}): Promise<ImportOutcome> {
  const received = await receivePackageUpload(request, options);
  if (received.tooLarge) return { step: "fileError", error: "scorm.upload.errors.tooLarge" };
  if (!received.key || !received.fileName) return { step: "fileError", error: "scorm.upload.errors.fileRequired" };
  const inspected = await inspectPackage(pendingPackagePath(received.key, options.uploadsDir)!);
  if (!inspected.ok) {
    await deletePendingPackage(received.key, options.uploadsDir);
    return { step: "refused", problems: inspected.problems };
  }
  return { step: "preview", preview: previewOf(received.key, received.fileName, inspected) };
}

/**
 * The confirmation step: the pending zip is stored (checked again as it is
 * unpacked) and deleted, and its ScormPackage row recorded (found again when
 * the same zip comes back), which tracking and courses refer to.
 */
export async function confirmUpload(
  key: unknown,
  options: { uploadsDir?: string; storeDir?: string; uploadedById?: string | null } = {},
): Promise<ImportOutcome> {
  const file = pendingPackagePath(key, options.uploadsDir);
  const pending = file ? await fs.stat(file).catch(() => null) : null;
  if (!file || !pending) return { step: "fileError", error: "scorm.upload.errors.expired" };
  try {
    const stored = await storePackage(file, { storeDir: options.storeDir });
    if (!stored.ok) return { step: "refused", problems: stored.problems };
    // The store's folder is named by the zip's SHA-256, the row's key.
    const sha256 = path.basename(stored.dir);
    await recordPackage(sha256, stored.manifest, options.uploadedById ?? null);
    return { step: "stored", title: clean(stored.manifest.title), alreadyStored: !stored.stored, sha256 };
  } finally {
    await deletePendingPackage(key as string, options.uploadsDir);
  }
}
