/**
 * SCORM package content through the real server (server/scorm-content.ts,
 * decision 024): served with a sandbox that gives the package's scripts an
 * opaque origin, so a package a learner opens can neither read the learner's
 * cookie nor commit (or call anything) with their session by itself.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { withDb } from "../setup/e2e-db";
import { e2eDataDir } from "../setup/e2e-env";
import { expect, test } from "../setup/e2e-fixtures";
import { makeWorld } from "../setup/e2e-personas";

// The refused fetches below are reported by Chromium as console errors.
test.use({ allowedConsoleErrors: [/blocked by CORS policy|Failed to load resource/] });

const made: string[] = [];
test.afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

function storedPackageFolder(): string {
  const key = crypto.randomBytes(32).toString("hex");
  const dir = path.join(e2eDataDir(), "scorm", key);
  made.push(dir);
  fs.mkdirSync(path.join(dir, "js"), { recursive: true });
  fs.writeFileSync(path.join(dir, "index.html"), '<!doctype html><html lang="fr"><title>SCO</title><script src="js/probe.js"></script><p>Contenu</p></html>');
  fs.writeFileSync(path.join(dir, "js/probe.js"), "window.probeRan = true;");
  return key;
}

test("package files come with their type, nosniff and a sandbox without allow-same-origin; traversal is a 404", async ({ request }) => {
  const key = storedPackageFolder();
  const page = await request.get(`/scorm-content/${key}/index.html`);
  expect(page.status()).toBe(200);
  const headers = page.headers();
  expect(headers["content-type"]).toBe("text/html; charset=utf-8");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["content-security-policy"]).toBe("sandbox allow-scripts allow-forms allow-popups");
  expect(headers["x-frame-options"]).toBeUndefined();
  expect(headers["set-cookie"]).toBeUndefined();
  expect((await request.get(`/scorm-content/${key}/js/probe.js`)).headers()["content-type"]).toBe("text/javascript; charset=utf-8");
  for (const url of [`/scorm-content/${key}/%2e%2e/%2e%2e/package.json`, `/scorm-content/${key}/..%2f..%2fpackage.json`, `/scorm-content/${"0".repeat(64)}/index.html`]) {
    expect([url, (await request.get(url)).status()]).toEqual([url, 404]);
  }
});

test("a package's page runs its scripts in an opaque origin: no cookie, and no commit with the learner's session", async ({ page, context, baseURL }) => {
  const world = await makeWorld();
  const [name, value] = world.cookie("learner").split("=");
  await context.addCookies([{ name, value, url: baseURL! }]);
  const key = storedPackageFolder();
  await page.goto(`/scorm-content/${key}/index.html`);
  await expect(page.getByText("Contenu")).toBeVisible();

  const seen = await page.evaluate(async (attemptId) => {
    const tryIt = async (f: () => unknown) => {
      try {
        return `ok: ${String(await f())}`;
      } catch {
        return "refused";
      }
    };
    const commit = { seq: 1, values: { "cmi.core.lesson_location": "from-the-package" } };
    const url = `/api/scorm/attempts/${attemptId}/commit`;
    return {
      probeRan: (window as unknown as { probeRan?: boolean }).probeRan === true,
      origin: self.origin,
      cookie: await tryIt(() => document.cookie),
      beacon: await tryIt(() => fetch(url, { method: "POST", credentials: "include", headers: { "content-type": "text/plain" }, body: JSON.stringify(commit) }).then((r) => r.status)),
      json: await tryIt(() => fetch(url, { method: "POST", credentials: "include", headers: { "content-type": "application/json" }, body: JSON.stringify(commit) }).then((r) => r.status)),
      me: await tryIt(() => fetch("/me/data.json", { credentials: "include" }).then((r) => r.text())),
    };
  }, world.scormAttemptId);

  expect(seen).toEqual({ probeRan: true, origin: "null", cookie: "refused", beacon: "refused", json: "refused", me: "refused" });
  const cmi = withDb((db) => (db.prepare(`SELECT cmi FROM "ScormAttempt" WHERE id = ?`).get(world.scormAttemptId) as { cmi: string }).cmi);
  expect(cmi).not.toContain("from-the-package");
});
