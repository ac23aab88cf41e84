import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { db } from "~/db/client.server";
import { createUser } from "../../tests/setup/db-fixtures";
import { confirmUpload, inspectUpload } from "./admin-import.server";
import { makeZip, scorm12Package } from "./test-zip";
import { receivePackageUpload } from "./uploads.server";

let work: string;
let uploadsDir: string;
let storeDir: string;

beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "scorm-admin-"));
  uploadsDir = path.join(work, "uploads");
  storeDir = path.join(work, "store");
});

afterEach(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

function uploadRequest(bytes: Uint8Array | null, name = "traite.zip"): Request {
  const form = new FormData();
  if (bytes) form.append("file", new File([new Uint8Array(bytes)], name, { type: "application/zip" }));
  form.append("note", "ignored");
  return new Request("http://localhost/admin/scorm", { method: "POST", body: form });
}

const pending = () => (fs.existsSync(path.join(uploadsDir, "scorm-pending")) ? fs.readdirSync(path.join(uploadsDir, "scorm-pending")) : []);
const stored = () => (fs.existsSync(storeDir) ? fs.readdirSync(storeDir) : []);

describe("/admin/scorm: upload, preview, confirm", () => {
  test("a valid zip is previewed and kept pending; confirming stores it and forgets the pending file", async () => {
    const outcome = await inspectUpload(uploadRequest(scorm12Package()), { uploadsDir });
    if (outcome.step !== "preview") throw new Error(`expected a preview, got ${JSON.stringify(outcome)}`);
    expect(outcome.preview).toMatchObject({
      fileName: "traite.zip",
      version: "1.2",
      title: "Repérer les signes de la traite",
      files: 3,
      organizations: [{ title: "Repérer les signes de la traite", isDefault: true, items: [{ title: "Module 1", launch: "index.html", scormType: "sco", visible: true }] }],
    });
    expect(pending()).toEqual([`${outcome.preview.key}.zip`]);
    expect(stored()).toEqual([]);

    const admin = await createUser({ role: "admin" });
    expect(await confirmUpload(outcome.preview.key, { uploadsDir, storeDir, uploadedById: admin.id })).toEqual({
      step: "stored",
      title: "Repérer les signes de la traite",
      alreadyStored: false,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(pending()).toEqual([]);
    expect(stored()).toHaveLength(1);
    // Its row, keyed by the folder's name (the zip's SHA-256), is what tracking refers to.
    const rows = await db.scormPackage.findMany({ select: { sha256: true, version: true, title: true, uploadedById: true } });
    expect(rows).toEqual([{ sha256: stored()[0], version: "1.2", title: "Repérer les signes de la traite", uploadedById: admin.id }]);
    // The same key cannot be confirmed twice.
    expect(await confirmUpload(outcome.preview.key, { uploadsDir, storeDir })).toEqual({ step: "fileError", error: "scorm.upload.errors.expired" });
  });

  test("the same zip uploaded again is reported as already stored", async () => {
    for (const already of [false, true]) {
      const outcome = await inspectUpload(uploadRequest(scorm12Package()), { uploadsDir });
      if (outcome.step !== "preview") throw new Error("expected a preview");
      expect(await confirmUpload(outcome.preview.key, { uploadsDir, storeDir })).toMatchObject({ step: "stored", alreadyStored: already });
    }
    expect(stored()).toHaveLength(1);
    expect(await db.scormPackage.count()).toBe(1);
  });

  test("a refused zip keeps nothing, pending or stored", async () => {
    const outcome = await inspectUpload(uploadRequest(makeZip([{ name: "../../evil.html", data: "x" }])), { uploadsDir });
    expect(outcome).toEqual({ step: "refused", problems: [{ code: "unsafePath", params: { name: "../../evil.html" } }] });
    expect(pending()).toEqual([]);
    expect(stored()).toEqual([]);
  });

  test("a form without its file, and a key that is not one", async () => {
    expect(await inspectUpload(uploadRequest(null), { uploadsDir })).toEqual({ step: "fileError", error: "scorm.upload.errors.fileRequired" });
    expect(await inspectUpload(uploadRequest(new Uint8Array()), { uploadsDir })).toEqual({ step: "fileError", error: "scorm.upload.errors.fileRequired" });
    for (const key of [null, "", "../../etc/passwd", "a".repeat(24)]) {
      expect(await confirmUpload(key, { uploadsDir, storeDir })).toEqual({ step: "fileError", error: "scorm.upload.errors.expired" });
    }
  });

  test("a file over the limit is not kept, whatever it holds", async () => {
    const received = await receivePackageUpload(uploadRequest(Buffer.alloc(50_000)), { uploadsDir, maxBytes: 10_000 });
    expect(received).toEqual({ key: null, fileName: null, tooLarge: true });
    expect(pending()).toEqual([]);
  });

  test("a truncated multipart body is the client's mistake: a 400, and no file kept", async () => {
    const boundary = "----tadrib";
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.zip"\r\nContent-Type: application/zip\r\n\r\nPK\u0003\u0004 and then nothing`;
    const request = new Request("http://localhost/admin/scorm", { method: "POST", headers: { "content-type": `multipart/form-data; boundary=${boundary}` }, body });
    const refused = await inspectUpload(request, { uploadsDir }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(400);
    expect(pending()).toEqual([]);
  });

  test("a body far over the limit is refused with 413", async () => {
    const refused = await receivePackageUpload(uploadRequest(Buffer.alloc(3 * 1024 * 1024)), { uploadsDir, maxBytes: 10_000 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(413);
    expect(pending()).toEqual([]);
  });
});
