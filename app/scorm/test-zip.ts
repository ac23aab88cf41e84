import { crc32, deflateRawSync } from "node:zlib";
import { assembleZip, UTF8_NAMES } from "./export/zip-writer.server";

/**
 * Zips for the SCORM tests, written by the export's zip writer
 * (export/zip-writer.server.ts) with headers no honest writer produces:
 * names with "../" or "C:\", symlink modes, sizes that lie.
 */
export type ZipEntry = {
  name: string;
  data?: string | Uint8Array;
  /** Unix mode written in the external attributes (0o120777 is a symlink). */
  mode?: number;
  /** Stored instead of deflated. */
  store?: boolean;
  /** The uncompressed size written in the headers, when it must lie. */
  declaredSize?: number;
  /** General-purpose flag bit 0: the entry claims to be encrypted. */
  encrypted?: boolean;
  compressionMethod?: number;
};

export function makeZip(entries: readonly ZipEntry[]): Buffer {
  return assembleZip(
    entries.map((entry) => {
      const raw = typeof entry.data === "string" ? Buffer.from(entry.data, "utf8") : Buffer.from(entry.data ?? new Uint8Array());
      const method = entry.compressionMethod ?? (entry.store ? 0 : 8);
      return {
        name: entry.name,
        body: method === 8 ? deflateRawSync(raw) : raw,
        method,
        crc: crc32(raw),
        size: entry.declaredSize ?? raw.length,
        flags: UTF8_NAMES | (entry.encrypted ? 1 : 0),
        mode: entry.mode ?? (entry.name.endsWith("/") ? 0o40755 : 0o100644),
        dosDate: 0,
      };
    }),
  );
}

const SCORM12_NAMESPACES = `xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"`;

/** The smallest complete SCORM 1.2 package: one SCO, launched from index.html. */
export function scorm12Manifest({ href = "index.html", title = "Repérer les signes de la traite" } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="com.example.traite" version="1.0" ${SCORM12_NAMESPACES}>
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org1">
    <organization identifier="org1">
      <title>${title}</title>
      <item identifier="item1" identifierref="res1" isvisible="true">
        <title>Module 1</title>
        <adlcp:masteryscore>80</adlcp:masteryscore>
        <adlcp:datafromlms>mode=formation</adlcp:datafromlms>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res1" type="webcontent" adlcp:scormtype="sco" href="${href}">
      <file href="${href}"/>
    </resource>
  </resources>
</manifest>`;
}

export function scorm12Package(extra: readonly ZipEntry[] = [], manifest = scorm12Manifest()): Buffer {
  return makeZip([
    { name: "imsmanifest.xml", data: manifest },
    { name: "index.html", data: "<!doctype html><title>SCO</title><script src='scorm.js'></script>" },
    { name: "scorm.js", data: "window.API && window.API.LMSInitialize('');" },
    ...extra,
  ]);
}
