/**
 * SCORM packages made for the player's tests (never a package whose licence
 * is unknown): each page talks to the API the way real content does and
 * writes what it got into the page, so a test reads what the content saw.
 *
 * - scorm12Early: one SCO that finds `API` with the ADL discovery algorithm
 *   and calls LMSInitialize and LMSGetValue in an inline <head> script,
 *   before onload; it saves suspend data (long, over SCORM 1.2's 4,096) and a
 *   location, completes, and scores after it completed.
 * - scorm2004Multi: three items of a SCORM 2004 4th edition package: a SCO
 *   whose API user is a frameset's child frame, a SCO in Arabic (its own
 *   direction) that opens a pop-up which finds the API through its opener,
 *   and a hidden SCO reachable only by Next or by the content's own
 *   navigation request.
 */
import { makeZip } from "~/scorm/test-zip";

const DISCOVERY = `
function findAPI(win, name) {
  var tries = 0;
  while (win[name] == null && win.parent != null && win.parent != win && tries < 7) { tries++; win = win.parent; }
  return win[name] || null;
}
function getAPI(name) {
  var api = null;
  try { api = findAPI(window, name); } catch (e) { api = null; }
  if (!api && window.opener) { try { api = findAPI(window.opener, name); } catch (e) { api = null; } }
  return api;
}`;

const page = (lang: string, dir: string, title: string, head: string, body: string) => `<!DOCTYPE html>
<html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"><title>${title}</title>
<script>${DISCOVERY}
${head}
</script></head>
<body><h1>${title}</h1>
${body}
</body></html>`;

const manifest12 = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="org.tadrib.test.early" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Repérer les signes (SCORM 1.2)</title>
      <item identifier="signs" identifierref="res-signs"><title>Les signes</title><adlcp:masteryscore>80</adlcp:masteryscore></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res-signs" type="webcontent" adlcp:scormtype="sco" href="index.html"><file href="index.html"/></resource>
  </resources>
</manifest>`;

const sco12 = page(
  "fr",
  "ltr",
  "Les signes de la traite",
  `var api = getAPI("API");
var early = { found: !!api, init: api ? String(api.LMSInitialize("")) : "", entry: api ? api.LMSGetValue("cmi.core.entry") : "",
  suspend: api ? api.LMSGetValue("cmi.suspend_data") : "", location: api ? api.LMSGetValue("cmi.core.lesson_location") : "",
  name: api ? api.LMSGetValue("cmi.core.student_name") : "", status: api ? api.LMSGetValue("cmi.core.lesson_status") : "" };`,
  `<p>API: <output id="found"></output>; LMSInitialize: <output id="init"></output>; entry: <output id="entry"></output>;
status: <output id="status"></output>; location: <output id="location"></output>; name: <output id="name"></output>;
saved: <output id="suspend-length"></output> characters starting <output id="suspend-start"></output>.</p>
<button id="save" type="button">Save my place</button>
<button id="note" type="button">Note my place, not committed</button>
<button id="complete" type="button">Complete</button>
<button id="score" type="button">Score 85</button>
<button id="fail" type="button">Score 40</button>
<button id="finish" type="button">Finish</button>
<p id="done"></p>
<script>
["found", "init", "entry", "status", "location", "name"].forEach(function (k) { document.getElementById(k).textContent = String(early[k]); });
document.getElementById("suspend-length").textContent = String(early.suspend.length);
document.getElementById("suspend-start").textContent = early.suspend.slice(0, 12);
function did(what) { document.getElementById("done").textContent = what; }
document.getElementById("save").onclick = function () {
  var long = "page=3;" + new Array(6001).join("x");
  api.LMSSetValue("cmi.suspend_data", long);
  api.LMSSetValue("cmi.core.lesson_location", "page-3");
  api.LMSSetValue("cmi.core.lesson_status", "incomplete");
  api.LMSSetValue("cmi.interactions.0.id", "q1");
  api.LMSSetValue("cmi.interactions.0.type", "fill-in");
  api.LMSSetValue("cmi.interactions.0.student_response", new Array(300).join("long answer "));
  did("saved " + api.LMSCommit(""));
};
document.getElementById("note").onclick = function () { api.LMSSetValue("cmi.core.lesson_location", "page-9"); did("noted"); };
document.getElementById("complete").onclick = function () { api.LMSSetValue("cmi.core.lesson_status", "completed"); did("completed " + api.LMSCommit("")); };
document.getElementById("score").onclick = function () { api.LMSSetValue("cmi.core.score.raw", "85"); api.LMSSetValue("cmi.core.score.max", "100"); did("scored " + api.LMSCommit("")); };
document.getElementById("fail").onclick = function () { api.LMSSetValue("cmi.core.score.raw", "40"); api.LMSSetValue("cmi.core.lesson_status", "failed"); did("failed " + api.LMSCommit("")); };
document.getElementById("finish").onclick = function () { api.LMSSetValue("cmi.core.exit", ""); did("finished " + api.LMSFinish("")); };
</script>`,
);

export function scorm12Early(): Buffer {
  return makeZip([
    { name: "imsmanifest.xml", data: manifest12 },
    { name: "index.html", data: sco12 },
  ]);
}

const manifest2004 = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="org.tadrib.test.multi" version="1" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Protéger et orienter (SCORM 2004)</title>
      <item identifier="frames" identifierref="res-frames"><title>Dans un cadre</title></item>
      <item identifier="arabic" identifierref="res-arabic"><title>الحماية</title></item>
      <item identifier="hidden" identifierref="res-hidden" isvisible="false"><title>Conclusion</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res-frames" type="webcontent" adlcp:scormType="sco" href="frames/index.html"><file href="frames/index.html"/><file href="frames/content.html"/></resource>
    <resource identifier="res-arabic" type="webcontent" adlcp:scormType="sco" href="arabic/index.html"><file href="arabic/index.html"/><file href="arabic/popup.html"/></resource>
    <resource identifier="res-hidden" type="webcontent" adlcp:scormType="sco" href="hidden.html"><file href="hidden.html"/></resource>
  </resources>
</manifest>`;

/** A SCO page for 2004: finds API_1484_11, initialises on load, and completes, passes or fails on a click. */
const sco2004Script = `var api = getAPI("API_1484_11");
function did(what) { document.getElementById("done").textContent = what; }
window.addEventListener("load", function () {
  document.getElementById("found").textContent = String(!!api);
  if (!api) return;
  document.getElementById("init").textContent = String(api.Initialize(""));
  document.getElementById("entry").textContent = api.GetValue("cmi.entry");
});
function pass(next) {
  api.SetValue("cmi.completion_status", "completed");
  api.SetValue("cmi.success_status", "passed");
  api.SetValue("cmi.score.scaled", "0.9");
  if (next) api.SetValue("adl.nav.request", "continue");
  did("terminated " + api.Terminate(""));
}`;
const sco2004Body = (lang: "fr" | "ar") => `<p>API: <output id="found"></output>; Initialize: <output id="init"></output>; entry: <output id="entry"></output></p>
<button id="pass" type="button" onclick="pass(false)">${lang === "ar" ? "أنهيت" : "J'ai terminé"}</button>
<button id="pass-next" type="button" onclick="pass(true)">${lang === "ar" ? "أنهيت، التالي" : "J'ai terminé, suite"}</button>
<p id="done"></p>`;

export function scorm2004Multi(): Buffer {
  return makeZip([
    { name: "imsmanifest.xml", data: manifest2004 },
    {
      name: "frames/index.html",
      data: `<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Frameset//EN" "http://www.w3.org/TR/html4/frameset.dtd">
<html><head><title>Frameset</title></head><frameset rows="40,*"><frame name="bar" src="about:blank"><frame name="content" src="content.html"></frameset></html>`,
    },
    { name: "frames/content.html", data: page("fr", "ltr", "Dans un cadre", sco2004Script, sco2004Body("fr")) },
    {
      name: "arabic/index.html",
      data: page(
        "ar",
        "rtl",
        "الحماية والإحالة",
        "",
        `<p>افتح النافذة لإكمال هذا الجزء.</p><button id="open" type="button" onclick="window.open('popup.html', 'sco', 'width=400,height=400')">افتح</button>`,
      ),
    },
    { name: "arabic/popup.html", data: page("ar", "rtl", "النافذة", sco2004Script, sco2004Body("ar")) },
    { name: "hidden.html", data: page("fr", "ltr", "Conclusion", sco2004Script, sco2004Body("fr")) },
  ]);
}
