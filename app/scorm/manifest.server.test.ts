import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { launchableItems, launchFiles, parseManifest, type PackageManifest } from "./manifest.server";
import { SCORM2004_FILES, SCORM2004_MULTI_SCO } from "./test-manifests";
import { scorm12Manifest } from "./test-zip";

const bytes = (xml: string) => new TextEncoder().encode(xml);

function parsed(xml: string): PackageManifest {
  const result = parseManifest(bytes(xml));
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return result.manifest;
}

function refusal(xml: string | Uint8Array) {
  const result = parseManifest(typeof xml === "string" ? bytes(xml) : xml);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems;
}

/** A 2004 manifest around the given items and resources, for the refusal cases. */
function manifest2004(items: string, resources: string) {
  return `<manifest identifier="m" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
    <metadata><schema>ADL SCORM</schema><schemaversion>2004 3rd Edition</schemaversion></metadata>
    <organizations default="o"><organization identifier="o"><title>T</title>${items}</organization></organizations>
    <resources>${resources}</resources></manifest>`;
}

describe("SCORM 1.2", () => {
  test("a single-SCO package: version, title, launch, mastery score and launch data", () => {
    const manifest = parsed(scorm12Manifest());
    expect(manifest).toMatchObject({ version: "1.2", edition: null, identifier: "com.example.traite", title: "Repérer les signes de la traite", defaultOrganization: "org1" });
    const [item] = launchableItems(manifest.organizations[0].items);
    expect(item).toMatchObject({
      identifier: "item1",
      title: "Module 1",
      launch: { href: "index.html", file: "index.html" },
      scormType: "sco",
      masteryScore: 80,
      launchData: "mode=formation",
      visible: true,
    });
    expect(launchFiles(manifest)).toEqual(["index.html"]);
  });

  test("without schemaversion, the ADL 1.2 namespace says the version; a resource without scormtype is an asset", () => {
    const manifest = parsed(`<manifest identifier="m" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
      <organizations default="o"><organization identifier="o"><title>Sans version</title>
        <item identifier="i" identifierref="r"><title>Page</title></item></organization></organizations>
      <resources><resource identifier="r" type="webcontent" href="page.html"/></resources></manifest>`);
    expect(manifest.version).toBe("1.2");
    expect(manifest.organizations[0].items[0].scormType).toBe("asset");
  });

  test("an ISO-8859-1 manifest (older tools) keeps its accents", () => {
    const xml = scorm12Manifest({ title: "Séance d'été" }).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    const result = parseManifest(Buffer.from(xml, "latin1"));
    expect(result.ok && result.manifest.title).toBe("Séance d'été");
  });

  test("a UTF-16 manifest with its byte-order mark", () => {
    const xml = scorm12Manifest({ title: "تحديد علامات الاتجار" }).replace('encoding="UTF-8"', 'encoding="UTF-16"');
    const result = parseManifest(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, "utf16le")]));
    expect(result.ok && result.manifest.title).toBe("تحديد علامات الاتجار");
  });
});

describe("SCORM 2004", () => {
  const manifest = parsed(SCORM2004_MULTI_SCO);
  const organization = manifest.organizations.find((o) => o.identifier === manifest.defaultOrganization)!;

  test("4th edition with prefixed namespaces; the default organisation is the one named, not the first", () => {
    expect(manifest).toMatchObject({ version: "2004", edition: 4, identifier: "org.example.donnees", title: "Les données sur les migrations", defaultOrganization: "parcours" });
    expect(manifest.organizations.map((o) => o.identifier)).toEqual(["brouillon", "parcours"]);
  });

  test("nested items, in order, each SCO launched through every xml:base and its parameters", () => {
    expect(organization.items.map((i) => i.identifier)).toEqual(["partie1", "glossaire"]);
    expect(organization.items[0]).toMatchObject({ title: "Partie 1 : les sources", launch: null, scormType: null });
    const items = launchableItems(organization.items);
    expect(items.map((i) => [i.identifier, i.launch?.href, i.scormType])).toEqual([
      ["intro", "contenu/scos/intro/index.html?mode=normal&lang=fr", "sco"],
      ["enquetes", "contenu/scos/enquetes/d%C3%A9but.html#page2", "sco"],
      ["glossaire", "contenu/scos/glossaire.html", "asset"],
    ]);
    expect(items.map((i) => i.launch?.file)).toEqual(SCORM2004_FILES);
  });

  test("completion threshold, scaled passing score, launch data and visibility", () => {
    const [intro, enquetes, glossaire] = launchableItems(organization.items);
    expect(intro).toMatchObject({ completionThreshold: 0.75, scaledPassingScore: null });
    expect(enquetes).toMatchObject({ completionThreshold: null, scaledPassingScore: 0.6, launchData: "niveau=1" });
    expect(glossaire.visible).toBe(false);
  });

  test("launchFiles covers every organisation, once each", () => {
    expect(launchFiles(manifest).sort()).toEqual([...SCORM2004_FILES].sort());
  });

  test.each([
    ["CAM 1.3", 2],
    ["2004 3rd Edition", 3],
    ["2004 4th Edition", 4],
  ])("schemaversion %s is edition %i", (schemaVersion, edition) => {
    const xml = manifest2004(`<item identifier="i" identifierref="r"><title>P</title></item>`, `<resource identifier="r" adlcp:scormType="sco" href="p.html"/>`);
    expect(parsed(xml.replace("2004 3rd Edition", schemaVersion))).toMatchObject({ version: "2004", edition });
  });

  test("without schemaversion, the ADL 2004 namespace says 2004 of an unknown edition", () => {
    const xml = manifest2004(`<item identifier="i" identifierref="r"><title>P</title></item>`, `<resource identifier="r" adlcp:scormType="sco" href="p.html"/>`);
    expect(parsed(xml.replace(/<metadata>.*<\/metadata>/, ""))).toMatchObject({ version: "2004", edition: null });
  });

  test("3rd edition's completion threshold is the element's text", () => {
    const xml = manifest2004(
      `<item identifier="i" identifierref="r"><title>P</title><adlcp:completionThreshold>0.8</adlcp:completionThreshold></item>`,
      `<resource identifier="r" adlcp:scormType="sco" href="p.html"/>`,
    );
    expect(launchableItems(parsed(xml).organizations[0].items)[0].completionThreshold).toBe(0.8);
  });
});

describe("refused manifests", () => {
  const sco = `<resource identifier="r" adlcp:scormType="sco" href="p.html"/>`;

  test("XML that is not well formed, with the line of the fault", () => {
    expect(refusal(`<manifest>\n<organizations/>\n<resources></resource>\n</manifest>`)).toEqual([{ code: "invalidXml", params: { line: 3 } }]);
  });

  test("an undeclared namespace prefix is not XML either", () => {
    expect(refusal(`<manifest><adlcp:masteryscore>1</adlcp:masteryscore></manifest>`)[0].code).toBe("invalidXml");
  });

  test("an external entity (XXE) is never resolved: the manifest is refused and the file's content appears nowhere", () => {
    const secret = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "xxe-")), "secret.txt");
    fs.writeFileSync(secret, "TOP-SECRET-CONTENT");
    const xml = `<?xml version="1.0"?>
<!DOCTYPE manifest [ <!ENTITY xxe SYSTEM "file://${secret}"> ]>
${scorm12Manifest({ title: "&xxe;" }).replace(/^<\?xml[^>]*>/, "")}`;
    const result = parseManifest(bytes(xml));
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain("TOP-SECRET");
    expect(result.ok ? null : result.problems[0].code).toBe("invalidXml");
  });

  test("an internal entity bomb (billion laughs) is not expanded", () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join("\n");
    const xml = `<?xml version="1.0"?><!DOCTYPE manifest [ <!ENTITY l0 "lol"> ${levels} ]>
${scorm12Manifest({ title: "&l9;" }).replace(/^<\?xml[^>]*>/, "")}`;
    const started = performance.now();
    const result = parseManifest(bytes(xml));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.ok ? "" : result.problems[0].code).toBe("invalidXml");
  });

  test("a root that is not <manifest>", () => {
    expect(refusal(`<html><body/></html>`)).toEqual([{ code: "notAManifest" }]);
  });

  test("a content package that is not SCORM", () => {
    expect(refusal(`<manifest identifier="m" xmlns="http://www.imsglobal.org/xsd/imscc/imscp_v1p1"><organizations/><resources/></manifest>`)).toEqual([
      { code: "unknownVersion" },
    ]);
  });

  test("an item pointing at a resource that does not exist", () => {
    expect(refusal(manifest2004(`<item identifier="i" identifierref="nope"><title>Module 2</title></item>`, sco))).toEqual([
      { code: "missingResource", params: { item: "Module 2", resource: "nope" } },
    ]);
  });

  test("an item's resource without href", () => {
    expect(refusal(manifest2004(`<item identifier="i" identifierref="r"><title>P</title></item>`, `<resource identifier="r" adlcp:scormType="sco"/>`))).toEqual([
      { code: "resourceWithoutHref", params: { resource: "r" } },
    ]);
  });

  test.each(["https://tracker.example.com/course.html", "javascript:alert(document.cookie)", "//cdn.example.com/x.html"])("a launch outside the package: %s", (href) => {
    expect(refusal(manifest2004(`<item identifier="i" identifierref="r"><title>P</title></item>`, `<resource identifier="r" adlcp:scormType="sco" href="${href}"/>`))).toEqual([
      { code: "externalLaunch", params: { href } },
    ]);
  });

  test("no organisation, or only items that launch nothing", () => {
    expect(refusal(manifest2004("", sco))).toEqual([{ code: "nothingToLaunch" }]);
    expect(refusal(manifest2004(`<item identifier="i"><title>Vide</title></item>`, sco))).toEqual([{ code: "nothingToLaunch" }]);
  });
});
