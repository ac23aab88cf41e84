/**
 * The script every exported package ships (runtime.js), as source text: plain
 * ES2015 for any LMS's browser, no dependency. It finds the SCORM 1.2 API with
 * the ADL discovery algorithm (window.parent chain, then opener), restores the
 * lessons read from cmi.suspend_data and the place from cmi.core.lesson_location,
 * marks a lesson read when it is shown, and sets lesson_status to completed once
 * the completion rule's lessons are all read. Without an API it only navigates.
 */
export const PACKAGE_RUNTIME_JS = `(function () {
  "use strict";
  function findAPI(win) {
    var tries = 0;
    while (win && !win.API && win.parent && win.parent !== win && tries < 500) { tries++; win = win.parent; }
    return win && win.API ? win.API : null;
  }
  var api = null;
  try { api = findAPI(window); } catch (e) { api = null; }
  if (!api) { try { if (window.opener) api = findAPI(window.opener); } catch (e) { api = null; } }
  var config = JSON.parse(document.getElementById("tadrib-package").textContent);
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.lesson"));
  var read = {};
  var live = false;
  if (api && String(api.LMSInitialize("")) === "true") {
    live = true;
    try { JSON.parse(api.LMSGetValue("cmi.suspend_data") || "{}").r.forEach(function (id) { read[id] = true; }); } catch (e) { /* nothing saved yet */ }
  } else {
    var note = document.getElementById("no-tracking");
    if (note) note.hidden = false;
  }
  function set(name, value) { if (live) api.LMSSetValue(name, value); }
  function save() {
    if (!live) return;
    set("cmi.suspend_data", JSON.stringify({ v: 1, r: Object.keys(read).sort() }));
    var done = config.required.every(function (id) { return read[id]; });
    var status = api.LMSGetValue("cmi.core.lesson_status");
    if (status !== "passed" && status !== "failed" && status !== "completed") set("cmi.core.lesson_status", done && !config.quizDecides ? "completed" : "incomplete");
    api.LMSCommit("");
  }
  function show(id) {
    var found = false;
    sections.forEach(function (s) { var on = s.id === "lesson-" + id; s.hidden = !on; if (on) found = true; });
    if (!found) return show(config.lessons[0]);
    read[id] = true;
    set("cmi.core.lesson_location", id);
    save();
  }
  function fromHash() { var h = location.hash.replace(/^#lesson-/, ""); return h && config.lessons.indexOf(h) >= 0 ? h : null; }
  window.addEventListener("hashchange", function () { var id = fromHash(); if (id) show(id); });
  var start = fromHash() || (live && api.LMSGetValue("cmi.core.lesson_location")) || config.lessons[0];
  show(config.lessons.indexOf(start) >= 0 ? start : config.lessons[0]);
  var finished = false;
  function finish() { if (!live || finished) return; finished = true; save(); api.LMSFinish(""); }
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
})();
`;

export const PACKAGE_CSS = `*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Naskh Arabic",Tahoma,sans-serif;line-height:1.6;color:#1b1b1b;background:#fff}
header,main,nav.pager{max-inline-size:48rem;margin-inline:auto;padding-inline:1rem}
img,video{max-inline-size:100%;block-size:auto}
nav.toc ol{padding-inline-start:1.25rem}
a{color:#0b4f8a}
a:focus-visible{outline:3px solid #0b4f8a;outline-offset:2px}
.pager{display:flex;justify-content:space-between;gap:1rem;padding-block:1rem}
.island-note{border:1px solid #888;border-radius:.25rem;padding:.75rem;background:#f4f4f4}
.notice{background:#fff4d6;padding:.5rem 1rem}
`;
