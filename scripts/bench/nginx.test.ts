import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterEach, beforeEach, expect, test } from "vitest";
import { freePort } from "../../tests/setup/production-server";
import { nginxAvailable, nginxConfig, pageFile, startNginx, writePage } from "./nginx";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tadrib-nginx-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test("the config keeps everything in its directory and listens on 127.0.0.1 only", () => {
  const config = nginxConfig(dir, { gzip: 40001, precompressed: 40002 });
  expect(config).toContain("worker_processes 2;");
  expect(config).toContain("daemon off;");
  expect(config).toContain(`pid ${dir}/nginx.pid;`);
  expect(config).toContain(`error_log ${dir}/error.log warn;`);
  for (const temp of ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]) expect(config).toMatch(new RegExp(`${temp}_temp_path ${dir}/temp/`));
  expect(config.match(/listen [^;]+;/g)).toEqual(["listen 127.0.0.1:40001;", "listen 127.0.0.1:40002;"]);
  // gzip on the fly at level 5 on one port, the precompressed file on the other.
  const [, gzipServer, staticServer] = config.split(/\n {2}server \{/);
  expect(gzipServer).toContain("gzip on;");
  expect(gzipServer).toContain("gzip_comp_level 5;");
  expect(staticServer).toContain("gzip_static on;");
  expect(staticServer).toContain("gzip off;");
});

test("pages are saved as <path>.html with a gzip twin; odd paths are refused", () => {
  writePage(dir, "/courses/a-course/a-lesson", "<p>leçon</p>");
  const file = pageFile(dir, "/courses/a-course/a-lesson");
  expect(file).toBe(path.join(dir, "html/courses/a-course/a-lesson.html"));
  expect(fs.readFileSync(file, "utf8")).toBe("<p>leçon</p>");
  expect(zlib.gunzipSync(fs.readFileSync(`${file}.gz`)).toString()).toBe("<p>leçon</p>");
  expect(() => pageFile(dir, "/../etc/passwd")).toThrow();
  expect(() => pageFile(dir, "relative")).toThrow();
});

test("nginx accepts the config and serves the same bytes, gzipped on the fly and precompressed", async () => {
  // A requirement of the suite, installed by .ci/run: without it this fails, never skips.
  expect(nginxAvailable(), "nginx is not installed: apt-get install -y nginx-light").toBe(true);
  const ports = { gzip: await freePort(), precompressed: await freePort() };
  const html = `<!DOCTYPE html><html><body>${"<p>Une leçon assez longue pour être compressée.</p>".repeat(50)}</body></html>`;
  writePage(dir, "/courses", html);
  const nginx = await startNginx(dir, ports);
  try {
    const check = spawnSync("nginx", ["-t", "-p", dir, "-e", path.join(dir, "error.log"), "-c", path.join(dir, "nginx.conf")], { encoding: "utf8" });
    expect(check.stderr).toContain("syntax is ok");
    for (const port of [ports.gzip, ports.precompressed]) {
      const response = await fetch(`http://127.0.0.1:${port}/courses`, { headers: { "Accept-Encoding": "gzip" } });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-encoding")).toBe("gzip");
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(await response.text()).toBe(html); // fetch decodes gzip
    }
    expect((await fetch(`http://127.0.0.1:${ports.gzip}/nothing-here`)).status).toBe(404);
  } finally {
    const exited = new Promise((r) => nginx.once("exit", r));
    nginx.kill("SIGQUIT");
    await exited;
  }
});
