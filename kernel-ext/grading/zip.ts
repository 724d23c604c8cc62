// A minimal ZIP writer for the Gradescope autograder.zip (PKWARE APPNOTE 6.3: local headers,
// central directory, end record; deflate or store; no ZIP64, so under 4 GiB). Flat entries with
// Unix permission bits, so run_autograder and setup.sh stay executable after Gradescope unzips
// them. The timestamp is fixed (1980-01-01, DOS epoch): the same bundle gives the same bytes.
import zlib from "node:zlib";

/** One file in the archive. */
export interface ZipEntry {
  /** Path inside the archive, "/"-separated, relative. */
  name: string;
  data: Buffer;
  /** Unix permission bits (default 0o644). */
  mode?: number;
}

const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
const UTF8_NAMES = 0x0800;
const MADE_BY_UNIX_2_0 = (3 << 8) | 20;
const REGULAR_FILE = 0o100000;

// The fields a local header (from byte 4) and a central directory header (from byte 6) share, in
// the same order: version needed (2.0), flags, method, time, date, CRC-32, sizes, name length.
function fileFields(b: Buffer, at: number, method: number, crc: number, packed: number, size: number, nameLength: number): void {
  b.writeUInt16LE(20, at);
  b.writeUInt16LE(UTF8_NAMES, at + 2);
  b.writeUInt16LE(method, at + 4);
  b.writeUInt16LE(0, at + 6);
  b.writeUInt16LE(DOS_DATE_1980_01_01, at + 8);
  b.writeUInt32LE(crc, at + 10);
  b.writeUInt32LE(packed, at + 14);
  b.writeUInt32LE(size, at + 18);
  b.writeUInt16LE(nameLength, at + 22);
}

/**
 * The bytes of a ZIP archive holding `entries` (deflated unless that would not save space).
 * Throws for names that are absolute, contain "..", repeat, or for an archive too big for ZIP32.
 * @example zipBytes([{ name: "run_autograder", data: Buffer.from("#!/bin/sh\n"), mode: 0o755 }]).readUInt32LE(0) // => 0x04034b50
 */
export function zipBytes(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [], centrals: Buffer[] = [];
  const seen = new Set<string>();
  let offset = 0;
  for (const e of entries) {
    if (!e.name || e.name.startsWith("/") || e.name.split("/").includes("..") || e.name.includes("\\")) throw new Error(`zip: entry name ${JSON.stringify(e.name)} must be a relative path with "/" separators and no ".."`);
    if (seen.has(e.name)) throw new Error(`zip: entry ${JSON.stringify(e.name)} appears twice`);
    seen.add(e.name);
    const name = Buffer.from(e.name, "utf8");
    const deflated = zlib.deflateRawSync(e.data, { level: 9 });
    const method = deflated.length < e.data.length ? 8 : 0;
    const body = method === 8 ? deflated : e.data;
    const crc = zlib.crc32(e.data);
    if (offset + 30 + name.length + body.length > 0xffffffff) throw new Error("zip: the archive would exceed 4 GiB (ZIP64 is not supported)");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fileFields(local, 4, method, crc, body.length, e.data.length, name.length);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(MADE_BY_UNIX_2_0, 4);
    fileFields(central, 6, method, crc, body.length, e.data.length, name.length);
    // extra, comment, disk number, internal attributes: all zero
    central.writeUInt32LE((((REGULAR_FILE | (e.mode ?? 0o644)) << 16) >>> 0), 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
