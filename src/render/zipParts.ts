// A .docx's parts packed again after one was changed (the summary's appendix): each part deflated by
// node:zlib on libuv's thread pool, in parallel, none on the thread that answers members, and no
// worker isolate to start (fflate's async functions start one per call). Plain zip: no zip64 (a part
// stays far below 4 GB), UTF-8 names, the parts in the order given.
import { promisify } from "node:util";
import { crc32, deflateRaw } from "node:zlib";
import { localClockOf, localDateOf } from "../domain/calendar/index.js";

const deflate = promisify(deflateRaw);

/** DOS date and time of `at` (zip's own format, which names no zone: UTC here). */
function dosTime(at: Date): { time: number; date: number } {
  const { year, month, day } = localDateOf(at, "UTC");
  const { hour, minute } = localClockOf(at, "UTC");
  return {
    time: (hour << 11) | (minute << 5) | Math.floor(at.getUTCSeconds() / 2),
    date: ((Math.max(year, 1980) - 1980) << 9) | (month << 5) | day,
  };
}

/** `parts` (name → content, in order) as a zip archive, each part deflated. */
export async function zipParts(parts: Record<string, Uint8Array>, at: Date = new Date()): Promise<Buffer> {
  const { time, date } = dosTime(at);
  const entries = await Promise.all(
    Object.entries(parts).map(async ([name, data]) => ({
      name: Buffer.from(name, "utf8"),
      data: await deflate(data, { level: 6 }),
      crc: crc32(data),
      size: data.length,
    })),
  );
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed: deflate
    header.writeUInt16LE(0x0800, 6); // names are UTF-8
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(time, 10);
    header.writeUInt16LE(date, 12);
    header.writeUInt32LE(e.crc, 14);
    header.writeUInt32LE(e.data.length, 18);
    header.writeUInt32LE(e.size, 22);
    header.writeUInt16LE(e.name.length, 26);
    header.writeUInt16LE(0, 28);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4); // made by: MS-DOS, zip 2.0
    header.copy(record, 6, 4, 30); // the same fields as the local header, from "version needed" on
    record.writeUInt32LE(offset, 42);
    locals.push(header, e.name, e.data);
    central.push(record, e.name);
    offset += header.length + e.name.length + e.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
