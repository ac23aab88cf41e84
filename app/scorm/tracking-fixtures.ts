import { createHash, randomUUID } from "node:crypto";
import type { CmiVersion } from "./cmi-validation.server";
import { recordPackage } from "./packages.server";
import type { TrackedItem, TrackedManifest } from "./tracking-model.server";

/** Test rows for SCORM tracking: a stored package (its manifest as the import stores it). */

export function item(identifier: string, fields: Partial<TrackedItem> = {}): TrackedItem {
  return { identifier, title: identifier, launch: { href: `${identifier}/index.html`, file: `${identifier}/index.html` }, scormType: "sco", children: [], ...fields };
}

export function manifestOf(version: CmiVersion, items: TrackedItem[]): TrackedManifest & { title: string; identifier: string; edition: number | null } {
  return {
    version,
    edition: version === "2004" ? 4 : null,
    identifier: `pkg-${randomUUID().slice(0, 6)}`,
    title: "Package",
    defaultOrganization: "org",
    organizations: [{ identifier: "org", items }],
  };
}

export async function storedPackage(version: CmiVersion, items: TrackedItem[] = [item("sco-1")]) {
  return recordPackage(createHash("sha256").update(randomUUID()).digest("hex"), manifestOf(version, items));
}
