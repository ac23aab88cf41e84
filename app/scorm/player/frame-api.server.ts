import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * The script served first in every HTML page of a package
 * (/scorm-content/_runtime/frame-api.<hash>.js, injected by
 * server/scorm-content.ts). The package runs sandboxed in an opaque origin
 * (decision 024), so it cannot reach the player page's API object: this
 * script defines `API` (SCORM 1.2) or `API_1484_11` (2004) in the package's
 * own window, as scorm-again's CrossFrameAPI, which relays every call to the
 * player page by postMessage and answers GetValue from a synchronous cache.
 *
 * The cache starts from the snapshot the player writes into the frame's
 * window.name ("tadrib-scorm:" + JSON), so content that calls LMSInitialize
 * and LMSGetValue before onload, in its first inline script, already reads
 * its saved suspend data and location. A page that navigates to another page
 * of the same SCO hands its up-to-date view on through window.name; frames of
 * a frameset and pop-ups (no snapshot of their own) fill their cache from the
 * player page by message, as CrossFrameAPI does after Initialize.
 *
 * Messages go to the player page only (window.top, or the top of the opener
 * for a pop-up), with the Tadrib origin as target origin.
 */
export const FRAME_SNAPSHOT_PREFIX = "tadrib-scorm:";

const FRAME_API_BOOT = `(function () {
  "use strict";
  var PREFIX = ${JSON.stringify(FRAME_SNAPSHOT_PREFIX)};
  var script = document.currentScript;
  var version = script ? script.getAttribute("data-scorm-version") : null;
  var lmsOrigin = (script && script.getAttribute("data-lms-origin")) || "*";
  var snapshot = null;
  try {
    if (typeof window.name === "string" && window.name.indexOf(PREFIX) === 0) snapshot = JSON.parse(window.name.slice(PREFIX.length));
  } catch (e) { snapshot = null; }
  if (snapshot && (snapshot.version === "1.2" || snapshot.version === "2004")) version = snapshot.version;
  var target = null;
  try {
    if (window.top !== window) target = window.top;
    else if (window.opener) target = window.opener.top;
  } catch (e) { target = null; }
  // Opened alone in a tab: there is no LMS to talk to, and no API is defined.
  if (!target) return;
  var api = new CrossFrameAPI(lmsOrigin, target, { timeout: 10000 });
  if (snapshot && snapshot.cmi && typeof snapshot.cmi === "object") {
    Object.keys(snapshot.cmi).forEach(function (key) { api._cache.set(key, String(snapshot.cmi[key])); });
  }
  if (version !== "2004") window.API = api;
  if (version !== "1.2") window.API_1484_11 = api;
  if (snapshot) {
    window.addEventListener("pagehide", function () {
      var cmi = {};
      api._cache.forEach(function (value, key) { if (/^(cmi|adl)\\./.test(key)) cmi[key] = value; });
      try { window.name = PREFIX + JSON.stringify({ version: version, cmi: cmi }); } catch (e) { /* the next page asks by message */ }
    });
  }
})();
`;

function crossFrameApiSource(): string {
  const require = createRequire(import.meta.url);
  const file = path.join(path.dirname(require.resolve("scorm-again/cross-frame-api")), "cross-frame-api.min.js");
  // The UMD build assigns this.CrossFrameAPI; run it with `this` bound to a holder, not the package's window.
  const source = fs.readFileSync(file, "utf8").replace(/\/\/# sourceMappingURL=.*$/m, "");
  return `var CrossFrameAPI = (function () { var holder = {}; (function () {\n${source}\n}).call(holder); return holder.CrossFrameAPI; })();\n`;
}

export type FrameApiScript = { fileName: string; source: string };

let built: FrameApiScript | null = null;

/** The script and its content-hashed file name (cached a year: a new script is a new name). */
export function frameApiScript(): FrameApiScript {
  if (!built) {
    const source = `(function () {\n${crossFrameApiSource()}${FRAME_API_BOOT}})();\n`;
    const hash = createHash("sha256").update(source).digest("hex").slice(0, 16);
    built = { fileName: `frame-api.${hash}.js`, source };
  }
  return built;
}
