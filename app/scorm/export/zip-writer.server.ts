import { crc32, deflateRawSync } from "node:zlib";

/**
 * A deterministic zip writer: entries in the order given, every timestamp
 * 1980-01-01 00:00, deflated at a fixed level, names in UTF-8. The same files
 * give the same bytes, so an exported package can be compared and cached.
 * assembleZip writes whatever headers it is given, which the SCORM tests'
 * hostile zips (app/scorm/test-zip.ts) rely on.
 */
export type ZipFile = { name: string; data: Uint8Array };

/** One entry exactly as it is written: the headers may lie about the body (test-zip.ts makes them). */
export type ZipRecord = {
  name: string;
  /** The bytes stored after the local header (already deflated when method is 8). */
  body: Uint8Array;
  method: number;
  crc: number;
  /** The uncompressed size written in both headers. */
  size: number;
  /** General-purpose flags; 0x800 says the name is UTF-8. */
  flags: number;
  /** Unix mode in the external attributes (0o100644 a file, 0o120777 a symlink). */
  mode: number;
  dosDate: number;
};

export const UTF8_NAMES = 0x800;
export const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;

export function assembleZip(records: readonly ZipRecord[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const record of records) {
    const name = Buffer.from(record.name, "utf8");
    const body = Buffer.from(record.body);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(record.flags, 6);
    local.writeUInt16LE(record.method, 8);
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(record.dosDate, 12);
    local.writeUInt32LE(record.crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(record.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the external attributes hold a mode
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(record.flags, 8);
    central.writeUInt16LE(record.method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(record.dosDate, 14);
    central.writeUInt32LE(record.crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(record.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((record.mode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(records.length, 8);
  end.writeUInt16LE(records.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export function writeZip(files: readonly ZipFile[]): Buffer {
  return assembleZip(
    files.map((file) => {
      const raw = Buffer.from(file.data);
      return {
        name: file.name,
        body: deflateRawSync(raw, { level: 9 }),
        method: 8,
        crc: crc32(raw),
        size: raw.length,
        flags: UTF8_NAMES,
        mode: 0o100644,
        dosDate: DOS_DATE_1980_01_01,
      };
    }),
  );
}
