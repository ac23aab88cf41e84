import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { FRAME_SNAPSHOT_PREFIX } from "./shared";

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
 * of the same SCO hands its up-to-date view on through window.name. Frames
 * of a frameset, iframes and pop-ups of the package get it in the fragment of
 * their address, put there by their parent's (or opener's) copy of this
 * script as they are created and taken out again by their own before the
 * page's scripts run (a frame's name cannot be changed once it exists). All
 * of them refresh the cache from the player page by message after Initialize,
 * as CrossFrameAPI does.
 *
 * Messages go to the player page only (window.top, or the top of the opener
 * for a pop-up), with the Tadrib origin as target origin.
 */
export { FRAME_SNAPSHOT_PREFIX };

const FRAME_API_BOOT = `(function () {
  "use strict";
  var PREFIX = ${JSON.stringify(FRAME_SNAPSHOT_PREFIX)};
  var script = document.currentScript;
  var version = script ? script.getAttribute("data-scorm-version") : null;
  var lmsOrigin = (script && script.getAttribute("data-lms-origin")) || "*";
  var snapshot = null;
  try {
    if (typeof window.name === "string" && window.name.indexOf(PREFIX) === 0) {
      snapshot = JSON.parse(window.name.slice(PREFIX.length));
    } else if (location.hash.indexOf("#" + PREFIX) === 0) {
      snapshot = JSON.parse(decodeURIComponent(location.hash.slice(PREFIX.length + 1)));
      // The page's own fragment comes back before any of its scripts can read the address.
      history.replaceState(history.state, "", location.pathname + location.search + (snapshot.hash || ""));
    }
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
  if (!snapshot) return;

  function cmiNow() {
    var cmi = {};
    api._cache.forEach(function (value, key) { if (/^(cmi|adl)\\./.test(key)) cmi[key] = value; });
    return cmi;
  }
  // The next page of this SCO in the same frame starts from what this one knew.
  window.addEventListener("pagehide", function () {
    try { window.name = PREFIX + JSON.stringify({ version: version, cmi: cmiNow() }); } catch (e) { /* it asks by message */ }
  });
  // A page of this package in a child frame or a pop-up gets the data in its address's fragment,
  // read (and taken out) by its own copy of this script: it can answer GetValue at once too.
  var base = location.href.replace(/[#?].*$/, "").replace(/[^/]*$/, "");
  var packageRoot = (base.match(/^.*?\\/scorm-content\\/[0-9a-f]{64}\\//) || [base])[0];
  function withData(url) {
    if (typeof url !== "string" || !url || /^(about|javascript|data|blob):/i.test(url)) return url;
    var absolute;
    try { absolute = new URL(url, location.href); } catch (e) { return url; }
    if (absolute.href.indexOf(packageRoot) !== 0) return url;
    var data = { version: version, cmi: cmiNow() };
    if (absolute.hash) data.hash = absolute.hash;
    absolute.hash = PREFIX + encodeURIComponent(JSON.stringify(data));
    return absolute.href;
  }
  function handOff(frame) {
    if (frame.__tadribScorm) return;
    frame.__tadribScorm = true;
    var src = frame.getAttribute("src");
    var carried = withData(src);
    if (carried !== src) frame.setAttribute("src", carried);
  }
  function scan(node) {
    if (node.nodeName === "FRAME" || node.nodeName === "IFRAME") handOff(node);
    else if (node.querySelectorAll) Array.prototype.forEach.call(node.querySelectorAll("frame, iframe"), handOff);
  }
  new MutationObserver(function (records) {
    records.forEach(function (record) { Array.prototype.forEach.call(record.addedNodes, scan); });
  }).observe(document, { childList: true, subtree: true });
  var open = window.open;
  window.open = function (url) {
    var args = Array.prototype.slice.call(arguments);
    args[0] = withData(url);
    return open.apply(window, args);
  };
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
