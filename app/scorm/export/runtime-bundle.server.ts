import path from "node:path";
import { build } from "esbuild";

/**
 * runtime.js: runtime.browser.ts and what it imports (Tadrib's quiz grader,
 * form reader and translate) bundled into one script for any LMS's browser.
 * Built from the sources at the first export of a process (they are in the
 * deployed tree beside package.json) and kept; esbuild gives the same bytes
 * for the same sources, so exports stay deterministic.
 */
export const RUNTIME_ENTRY = path.resolve("app/scorm/export/runtime.browser.ts");

let bundled: Promise<string> | null = null;

export function packageRuntime(): Promise<string> {
  bundled ??= build({
    entryPoints: [RUNTIME_ENTRY],
    absWorkingDir: path.resolve("."),
    tsconfig: path.resolve("tsconfig.json"),
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    // Unicode property escapes in the text normaliser need ES2018; every browser since 2020 has them.
    target: ["es2018"],
    minify: true,
    legalComments: "none",
    charset: "utf8",
    logLevel: "silent",
  }).then((result) => result.outputFiles[0].text);
  bundled.catch(() => (bundled = null));
  return bundled;
}
