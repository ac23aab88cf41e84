import { DOMParser, onErrorStopParsing, type Element } from "@xmldom/xmldom";
import { resolveLaunch, type Launch } from "./launch-url";
import { problem, type ScormProblem } from "./problems";

/**
 * imsmanifest.xml of SCORM 1.2 and SCORM 2004 (2nd, 3rd, 4th edition), read
 * into what the player and the course need. Elements are matched by their
 * local name, whatever prefix or namespace version a tool wrote; xmldom never
 * reads a DTD or an external entity, and an entity it does not know (one a
 * DOCTYPE declares) is an error, so nothing is ever expanded.
 */

export type ScormVersion = "1.2" | "2004";

/** An <organization>: one table of contents of the package (not a Tadrib organisation). */
export type ScormOrganization = { identifier: string; title: string; items: ScormItem[] };

export type ScormItem = {
  identifier: string;
  title: string;
  /** False for isvisible="false": launchable, but not listed in the table of contents. */
  visible: boolean;
  /** Null for an item that only groups others. */
  launch: Launch | null;
  resource: string | null;
  /** "sco" talks to the SCORM API; "asset" is plain content. */
  scormType: "sco" | "asset" | null;
  /** SCORM 1.2 adlcp:masteryscore, 0–100. */
  masteryScore: number | null;
  /** SCORM 2004 primary objective's minNormalizedMeasure when it is satisfied by measure, −1–1. */
  scaledPassingScore: number | null;
  /** SCORM 2004 adlcp:completionThreshold (3rd edition text, 4th edition minProgressMeasure), 0–1. */
  completionThreshold: number | null;
  /** adlcp:dataFromLMS / adlcp:datafromlms: the SCO's cmi.launch_data. */
  launchData: string | null;
  children: ScormItem[];
};

export type PackageManifest = {
  version: ScormVersion;
  /** SCORM 2004's edition when the manifest says it; null for 1.2 and for 2004 manifests that do not. */
  edition: 2 | 3 | 4 | null;
  identifier: string;
  /** The default organisation's title (the package's name as its author gave it). */
  title: string;
  defaultOrganization: string;
  organizations: ScormOrganization[];
};

export type ManifestResult = { ok: true; manifest: PackageManifest } | { ok: false; problems: ScormProblem[] };

const XML_NS = "http://www.w3.org/XML/1998/namespace";

/** Decodes by byte-order mark, then by the XML declaration's encoding (older packages write ISO-8859-1), else UTF-8. */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(new TextDecoder("latin1").decode(bytes.subarray(0, 200)));
  let label = declared?.[1] ?? "utf-8";
  if (/^utf-?16/i.test(label)) label = "utf-8"; // a UTF-16 declaration without a BOM is a lie the bytes tell us about
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

function elementChildren(parent: Element, localName?: string): Element[] {
  const out: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === node.ELEMENT_NODE) {
      const element = node as Element;
      if (!localName || element.localName === localName) out.push(element);
    }
  }
  return out;
}

function child(parent: Element | undefined, localName: string): Element | undefined {
  return parent ? elementChildren(parent, localName)[0] : undefined;
}

function text(element: Element | undefined): string | null {
  const value = element?.textContent?.trim();
  return value ? value : null;
}

function attribute(element: Element, name: string): string | null {
  const value = element.getAttribute(name)?.trim();
  return value ? value : null;
}

/** An attribute from the ADL namespace of either version, whatever its prefix, spelled scormtype (1.2) or scormType (2004). */
function adlAttribute(element: Element, localName: string): string | null {
  const wanted = localName.toLowerCase();
  for (let i = 0; i < element.attributes.length; i++) {
    const attr = element.attributes.item(i);
    if (attr && attr.localName?.toLowerCase() === wanted && attr.value.trim()) return attr.value.trim();
  }
  return null;
}

function xmlBase(element: Element | undefined): string | null {
  return element ? element.getAttributeNS(XML_NS, "base") || null : null;
}

function number(value: string | null | undefined, min: number, max: number): number | null {
  if (value == null || !/^[-+]?\d*\.?\d+$/.test(value.trim())) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

function parseXml(source: string): { ok: true; root: Element } | { ok: false; problem: ScormProblem } {
  try {
    const document = new DOMParser({ onError: onErrorStopParsing }).parseFromString(source, "text/xml");
    const root = document.documentElement;
    if (!root) return { ok: false, problem: problem("invalidXml", { line: 1 }) };
    return { ok: true, root };
  } catch (error) {
    const line = (error as { locator?: { lineNumber?: number } }).locator?.lineNumber;
    return { ok: false, problem: problem("invalidXml", { line: typeof line === "number" && line > 0 ? line : 1 }) };
  }
}

function namespacesIn(root: Element): Set<string> {
  const found = new Set<string>();
  const visit = (element: Element) => {
    if (element.namespaceURI) found.add(element.namespaceURI);
    for (let i = 0; i < element.attributes.length; i++) {
      const attr = element.attributes.item(i);
      if (attr?.namespaceURI) found.add(attr.namespaceURI);
      if (attr && (attr.name === "xmlns" || attr.name.startsWith("xmlns:"))) found.add(attr.value);
    }
    for (const c of elementChildren(element)) visit(c);
  };
  visit(root);
  return found;
}

/** schemaversion first ("1.2", "CAM 1.3", "2004 3rd Edition", "2004 4th Edition"), then the ADL namespace in use. */
function detectVersion(root: Element): { version: ScormVersion; edition: PackageManifest["edition"] } | null {
  const schemaVersion = text(child(child(root, "metadata"), "schemaversion"))?.toLowerCase() ?? "";
  if (/^1\.2$/.test(schemaVersion)) return { version: "1.2", edition: null };
  if (/^cam 1\.3$/.test(schemaVersion) || /2004\s*2nd/.test(schemaVersion)) return { version: "2004", edition: 2 };
  if (/2004\s*3rd/.test(schemaVersion)) return { version: "2004", edition: 3 };
  if (/2004\s*4th/.test(schemaVersion)) return { version: "2004", edition: 4 };
  const namespaces = [...namespacesIn(root)].map((ns) => ns.toLowerCase());
  if (namespaces.some((ns) => /adlcp_v1p3|adlseq_v1p3|adlnav_v1p3|imsss/.test(ns))) return { version: "2004", edition: null };
  if (namespaces.some((ns) => /adlcp_rootv1p2|imscp_rootv1p1p2/.test(ns))) return { version: "1.2", edition: null };
  return null;
}

type Resource = { identifier: string; href: string | null; base: string | null; scormType: "sco" | "asset" | null };

function readResources(root: Element): { base: (string | null)[]; byId: Map<string, Resource> } {
  const resources = child(root, "resources");
  const byId = new Map<string, Resource>();
  for (const element of resources ? elementChildren(resources, "resource") : []) {
    const identifier = attribute(element, "identifier");
    if (!identifier || byId.has(identifier)) continue;
    const type = adlAttribute(element, "scormType")?.toLowerCase();
    byId.set(identifier, {
      identifier,
      href: attribute(element, "href"),
      base: xmlBase(element),
      scormType: type === "sco" || type === "asset" ? type : null,
    });
  }
  return { base: [xmlBase(root), xmlBase(resources)], byId };
}

function completionThreshold(item: Element): number | null {
  const element = child(item, "completionThreshold");
  if (!element) return null;
  // 4th edition: <adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="0.8"/>; 3rd: the number as text.
  return number(attribute(element, "minProgressMeasure") ?? text(element), 0, 1);
}

function scaledPassingScore(item: Element): number | null {
  const primary = child(child(child(item, "sequencing"), "objectives"), "primaryObjective");
  if (!primary || attribute(primary, "satisfiedByMeasure") !== "true") return null;
  return number(text(child(primary, "minNormalizedMeasure")) ?? "1", -1, 1);
}

function readItems(parent: Element, resources: ReturnType<typeof readResources>, problems: ScormProblem[]): ScormItem[] {
  const items: ScormItem[] = [];
  for (const element of elementChildren(parent, "item")) {
    const identifier = attribute(element, "identifier") ?? "";
    const title = text(child(element, "title")) ?? identifier;
    const resourceId = attribute(element, "identifierref");
    let launch: Launch | null = null;
    let scormType: ScormItem["scormType"] = null;
    if (resourceId) {
      const resource = resources.byId.get(resourceId);
      if (!resource) problems.push(problem("missingResource", { item: title, resource: resourceId }));
      else if (!resource.href) problems.push(problem("resourceWithoutHref", { resource: resourceId }));
      else {
        launch = resolveLaunch([...resources.base, resource.base], resource.href, attribute(element, "parameters"));
        if (!launch) problems.push(problem("externalLaunch", { href: resource.href }));
        // SCORM 1.2 made scormtype optional on resources that are plain content.
        scormType = resource.scormType ?? "asset";
      }
    }
    items.push({
      identifier,
      title,
      visible: attribute(element, "isvisible") !== "false",
      launch,
      resource: resourceId,
      scormType,
      masteryScore: number(text(child(element, "masteryscore")), 0, 100),
      scaledPassingScore: scaledPassingScore(element),
      completionThreshold: completionThreshold(element),
      launchData: text(child(element, "dataFromLMS") ?? child(element, "datafromlms")),
      children: readItems(element, resources, problems),
    });
  }
  return items;
}

/** Every item a learner can open, in the table of contents' order. */
export function launchableItems(items: readonly ScormItem[]): ScormItem[] {
  return items.flatMap((item) => [...(item.launch ? [item] : []), ...launchableItems(item.children)]);
}

export function parseManifest(bytes: Uint8Array): ManifestResult {
  const parsed = parseXml(decodeXml(bytes));
  if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
  const root = parsed.root;
  if (root.localName !== "manifest") return { ok: false, problems: [problem("notAManifest")] };
  const detected = detectVersion(root);
  if (!detected) return { ok: false, problems: [problem("unknownVersion")] };

  const problems: ScormProblem[] = [];
  const resources = readResources(root);
  const organizationsElement = child(root, "organizations");
  const organizations: ScormOrganization[] = (organizationsElement ? elementChildren(organizationsElement, "organization") : []).map((element) => {
    const identifier = attribute(element, "identifier") ?? "";
    return { identifier, title: text(child(element, "title")) ?? identifier, items: readItems(element, resources, problems) };
  });
  if (problems.length > 0) return { ok: false, problems };

  // A default naming no organisation is a slip of the author's: the first one is what every LMS opens then.
  const wanted = organizationsElement ? attribute(organizationsElement, "default") : null;
  const chosen = organizations.find((o) => o.identifier === wanted) ?? organizations[0];
  if (!chosen || launchableItems(chosen.items).length === 0) return { ok: false, problems: [problem("nothingToLaunch")] };

  return {
    ok: true,
    manifest: {
      ...detected,
      identifier: attribute(root, "identifier") ?? "",
      title: chosen.title,
      defaultOrganization: chosen.identifier,
      organizations,
    },
  };
}

/** The files every item of every organisation launches: each must be in the package. */
export function launchFiles(manifest: PackageManifest): string[] {
  return [...new Set(manifest.organizations.flatMap((o) => launchableItems(o.items).flatMap((item) => (item.launch ? [item.launch.file] : []))))];
}
