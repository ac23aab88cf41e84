import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createSessionFor, createSubmission, createUser } from "../setup/e2e-db";
import { ROOT } from "../setup/e2e-env";
import { DEMO, expect, test } from "../setup/e2e-fixtures";
import { productionServerEnv } from "../setup/production-server";

test.describe("production serving", () => {
  test("pages carry the security headers and a fresh CSP nonce each time", async ({ request }) => {
    // A URL of its own, so that this is its first render (a page sent again is allowed by its scripts' hashes: render-once.spec.ts).
    const url = `/?visit=${Date.now()}`;
    const first = await request.get(url);
    expect(first.status()).toBe(200);
    const headers = first.headers();
    const csp = headers["content-security-policy"];
    expect(csp, "Content-Security-Policy header").toBeTruthy();
    const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1] ?? "";
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
    expect(csp).not.toContain("'unsafe-eval'");
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBeTruthy();
    expect(headers["x-powered-by"]).toBeUndefined();

    // The nonce in the header is the one on the page's inline scripts, and it is never reused.
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
    const html = await first.text();
    expect(html).toContain(`nonce="${nonce}"`);
    const second = await request.get(url);
    expect(second.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
  });

  test("the home page runs under that CSP without a single violation", async ({ page }) => {
    // The fixture fails the test on any "Refused to …" console message.
    await page.goto("/");
    await expect(page.locator("main h1")).toBeVisible();
    // Hydration proves the nonce'd scripts ran: the client router takes over navigation.
    await page.waitForFunction(() => "__remixContext" in window && "__remixRouter" in window);
  });

  test("the compiled course cache, where answer keys live, is not served", async ({ request }) => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, ".cache/courses/manifest.json"), "utf8")) as { courses: { slug: string; version: string }[] };
    const { slug, version } = manifest.courses[0];
    for (const url of [
      "/.cache/courses/manifest.json",
      "/manifest.json",
      `/documents/${slug}.${version}.json`,
      `/media/${slug}.${version}.json`,
      `/media/..%2Fdocuments%2F${slug}.${version}.json`,
      `/.cache/courses/documents/${slug}.${version}.json`,
    ]) {
      const response = await request.get(url);
      expect([url, response.status()]).toEqual([url, 404]);
      expect(await response.text()).not.toContain('"correct":true');
    }
  });

  test("GET /healthz answers 200 {status: ok}", async ({ request }) => {
    const response = await request.get("/healthz");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  test("fingerprinted assets are cached for a year and served compressed", async ({ request }) => {
    const html = await (await request.get("/")).text();
    const assets = [...new Set(html.match(/\/assets\/[\w.-]+\.(?:js|css)/g) ?? [])];
    expect(assets.length, "the page links /assets/ files").toBeGreaterThan(0);
    let compressed = 0;
    for (const asset of assets) {
      for (const encoding of ["br", "gzip"]) {
        const response = await request.get(asset, { headers: { "Accept-Encoding": encoding } });
        expect(response.status(), asset).toBe(200);
        const cacheControl = response.headers()["cache-control"] ?? "";
        expect(cacheControl, asset).toContain("max-age=31536000");
        expect(cacheControl, asset).toContain("immutable");
        // compression() leaves tiny responses (under 1 KB) as they are, on purpose.
        if ((await response.body()).length >= 1024) {
          expect(response.headers()["content-encoding"], `${asset} with Accept-Encoding: ${encoding}`).toBe(encoding);
          compressed += 1;
        }
      }
    }
    expect(compressed, "at least one asset is large enough to be compressed").toBeGreaterThan(0);
  });

  test("a cross-site POST is refused with 403, a same-site one is not", async ({ request, baseURL }) => {
    const form = { lang: "en", redirectTo: "/" };
    const evil = await request.post("/language", { form, headers: { Origin: "http://evil.example" }, maxRedirects: 0 });
    expect(evil.status()).toBe(403);
    expect(evil.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie")).toEqual([]);

    const refererOnly = await request.post("/language", {
      form,
      headers: { Referer: "http://evil.example/page" },
      maxRedirects: 0,
    });
    expect(refererOnly.status()).toBe(403);

    const same = await request.post("/language", { form, headers: { Origin: baseURL! }, maxRedirects: 0 });
    expect(same.status()).toBe(302);
    expect(same.headersArray().find((h) => h.name.toLowerCase() === "set-cookie")?.value).toContain("lang=en");
  });

  test("what a signed-in person is shown is never cached: private, no-store", async ({ request }) => {
    const learner = await createUser();
    const submission = createSubmission(learner.email, "reporting-on-migration", "story-pitch", "Un pitch.");
    const pages: [string, string][] = [
      [DEMO.admin, "/admin"],
      [learner.email, "/me"],
      [DEMO.reviewer, `/review/${submission}`],
      [learner.email, "/courses"],
      [learner.email, "/me.data"],
    ];
    for (const [email, path] of pages) {
      const response = await request.get(path, { headers: { cookie: `tadrib_session=${createSessionFor(email)}` }, maxRedirects: 0 });
      expect([path, response.status()]).toEqual([path, 200]);
      expect([path, response.headers()["cache-control"]]).toEqual([path, "private, no-store"]);
    }
    // Anonymous pages are not marked private; fingerprinted assets keep their year.
    expect((await request.get("/courses")).headers()["cache-control"]).toBeUndefined();
  });

  test("the reset page sends one Referrer-Policy, its own", async ({ request }) => {
    const response = await request.get("/reset-password/not-a-real-token");
    const values = response.headersArray().filter((h) => h.name.toLowerCase() === "referrer-policy");
    expect(values.map((h) => h.value)).toEqual(["same-origin"]);
    expect(response.headers()["cache-control"]).toBe("no-store");
  });

  test("in production the server refuses to start without APP_URL, and says why", () => {
    const env = productionServerEnv({ port: 3998, dbFile: "/nonexistent/never-opened.db", appUrl: "unused" });
    delete env.APP_URL;
    const result = spawnSync(process.execPath, ["server-build/index.js"], { cwd: ROOT, env, encoding: "utf8", timeout: 30_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("APP_URL is not set");
    expect(result.stderr).toContain("never from the request's Host header");
  });
});
