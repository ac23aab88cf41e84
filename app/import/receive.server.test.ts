import { describe, expect, test } from "vitest";
import { MAX_FILE_BYTES, receiveUpload } from "./receive.server";

/** The upload form: the file in memory, the other fields kept even when the file is refused. */

function upload(file: Uint8Array<ArrayBuffer> | null, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set("file", new File([file], "liste.csv", { type: "text/csv" }));
  return new Request("http://localhost/admin/import", { method: "POST", body: form });
}

describe("receiving an import file", () => {
  test("keeps the file's bytes and the choices made", async () => {
    const bytes = new TextEncoder().encode("\uFEFFname\nأمينة\n");
    const received = await receiveUpload(upload(bytes, { target: "cohort", cohortId: "c1" }));
    expect(received.tooLarge).toBe(false);
    expect(received.file?.name).toBe("liste.csv");
    expect(Buffer.from(received.file!.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(Object.fromEntries(received.form)).toMatchObject({ target: "cohort", cohortId: "c1" });
  });

  test("a file over the limit is not kept, and the rest of the form still arrives", async () => {
    const received = await receiveUpload(upload(new Uint8Array(MAX_FILE_BYTES + 1), { target: "session", sessionId: "s1" }));
    expect(received).toMatchObject({ tooLarge: true, file: null });
    expect(received.form.get("sessionId")).toBe("s1");
  });

  test("a form that is not multipart is a 400", async () => {
    const request = new Request("http://localhost/admin/import", { method: "POST", body: new URLSearchParams({ target: "people" }) });
    await expect(receiveUpload(request)).rejects.toMatchObject({ status: 400 });
  });
});
