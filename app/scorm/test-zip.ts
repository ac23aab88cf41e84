import { crc32, deflateRawSync } from "node:zlib";

/**
 * A zip writer for the SCORM tests. Hand-made rather than yazl because the
 * tests need zips no honest writer produces: names with "../" or "C:\",
 * symlink modes, sizes that lie.
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
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const raw = typeof entry.data === "string" ? Buffer.from(entry.data, "utf8") : Buffer.from(entry.data ?? new Uint8Array());
    const method = entry.compressionMethod ?? (entry.store ? 0 : 8);
    const body = method === 8 ? deflateRawSync(raw) : raw;
    const size = entry.declaredSize ?? raw.length;
    const flags = 0x800 | (entry.encrypted ? 1 : 0); // names in UTF-8
    const crc = crc32(raw);
    const mode = entry.mode ?? (entry.name.endsWith("/") ? 0o40755 : 0o100644);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(0, 10); // time, date
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the external attributes hold a mode
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(0, 30); // extra
    central.writeUInt16LE(0, 32); // comment
    central.writeUInt16LE(0, 34); // disk
    central.writeUInt16LE(0, 36); // internal attributes
    central.writeUInt32LE((mode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
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
