import { createHash } from "node:crypto";
import { expect, it } from "vitest";
import { db } from "~/db/client.server";
import { createUser } from "../../tests/setup/db-fixtures";
import { launchableItems as importLaunchable, parseManifest } from "./manifest.server";
import { recordPackage } from "./packages.server";
import { SCORM2004_MULTI_SCO } from "./test-manifests";
import { item, manifestOf } from "./tracking-fixtures";
import { launchableItems, packageManifest } from "./tracking-model.server";

it("records a stored package once per zip, with its manifest readable by tracking", async () => {
  const admin = await createUser({ role: "admin" });
  const sha256 = createHash("sha256").update("zip bytes").digest("hex");
  const manifest = manifestOf("2004", [item("a"), item("group", { launch: null, children: [item("b")] })]);
  const first = await recordPackage(sha256, manifest, admin.id);
  expect(first).toMatchObject({ sha256, version: "2004", edition: 4, title: "Package", uploadedById: admin.id });
  expect(launchableItems(packageManifest(first)).map((i) => i.identifier)).toEqual(["a", "b"]);
  const again = await recordPackage(sha256, { ...manifest, title: "Renamed" });
  expect(again.id).toBe(first.id);
  expect(await db.scormPackage.count({ where: { sha256 } })).toBe(1);
});

it("takes the import's parsed manifest as it is, and tracking finds the same items the import does", async () => {
  const parsed = parseManifest(new TextEncoder().encode(SCORM2004_MULTI_SCO));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const row = await recordPackage(createHash("sha256").update(SCORM2004_MULTI_SCO).digest("hex"), parsed.manifest);
  const organization = parsed.manifest.organizations.find((o) => o.identifier === parsed.manifest.defaultOrganization)!;
  expect(launchableItems(packageManifest(row)).map((i) => i.identifier)).toEqual(importLaunchable(organization.items).map((i) => i.identifier));
  expect(launchableItems(packageManifest(row)).length).toBeGreaterThan(1);
});
