import { createHash } from "node:crypto";
import { expect, it } from "vitest";
import { db } from "~/db/client.server";
import { createUser } from "../../tests/setup/db-fixtures";
import { recordPackage } from "./packages.server";
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
