// CJK font for server-side chart rendering (resvg needs real font files).
// Debian/Ubuntu: `apt-get install fonts-wqy-zenhei` (what CI installs) or `fonts-noto-cjk`.
//
// Why a subset: resvg-js 2.6 takes font *paths* only, and re-reads the font file for every
// glyph it outlines. With the 16 MB wqy-zenhei.ttc that costs ~1.3 ms per glyph (~250 ms per
// chart). So we load the font once, keep the buffer, and write a small TrueType file (~0.4 MB)
// that keeps glyph ids, metrics and cmap intact but empties every outline the chart does not
// use. It grows (is rewritten) when a render needs characters it does not yet cover.

import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface CjkFont {
  /** Absolute path to the font file (.ttc/.otf/.ttf). */
  path: string;
  /** The font's real family name, used both in the SVG and as resvg's default family. */
  family: string;
  /** Face within a collection (.ttc); 0 otherwise. */
  face?: number;
}

/** Known locations, best first. The family names are the fonts' own (name table) family names. */
export const KNOWN_CJK_FONTS: readonly CjkFont[] = [
  { path: "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", family: "WenQuanYi Zen Hei", face: 0 },
  { path: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", family: "Noto Sans CJK SC" },
  { path: "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf", family: "Noto Sans CJK SC" },
  { path: "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", family: "Noto Sans CJK SC" },
  { path: "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", family: "Noto Sans CJK SC" },
  { path: "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", family: "WenQuanYi Micro Hei", face: 0 },
];

/** First existing font of `candidates`, or null. Pure lookup, no caching, no logging. */
export function findCjkFont(candidates: readonly CjkFont[] = KNOWN_CJK_FONTS): CjkFont | null {
  for (const candidate of candidates) {
    if (existsSync(candidate.path)) return candidate;
  }
  return null;
}

let lookedUp: { font: CjkFont | null } | undefined;

/** The CJK font to use, looked up once per process. */
export function cjkFont(): CjkFont | null {
  if (!lookedUp) lookedUp = { font: findCjkFont() };
  return lookedUp.font;
}

// ---- subsetting ------------------------------------------------------------------------------

type Tables = Map<string, Buffer>;

/** Tables of one face of a .ttf/.ttc (views into `file`, no copies). */
export function readFaceTables(file: Buffer, face = 0): Tables {
  const base = file.toString("latin1", 0, 4) === "ttcf" ? file.readUInt32BE(12 + 4 * face) : 0;
  const tables: Tables = new Map();
  const count = file.readUInt16BE(base + 4);
  for (let i = 0; i < count; i++) {
    const record = base + 12 + 16 * i;
    const offset = file.readUInt32BE(record + 8);
    tables.set(file.toString("latin1", record, record + 4), file.subarray(offset, offset + file.readUInt32BE(record + 12)));
  }
  return tables;
}

/** Glyph ids for code points, via the cmap's format 12 (preferred) or format 4 subtable. */
export function glyphIds(cmap: Buffer, codePoints: Iterable<number>): Set<number> {
  const subtables = new Map<number, number>(); // format → offset (Unicode encodings only)
  for (let i = 0; i < cmap.readUInt16BE(2); i++) {
    const platform = cmap.readUInt16BE(4 + 8 * i);
    const encoding = cmap.readUInt16BE(6 + 8 * i);
    const offset = cmap.readUInt32BE(8 + 8 * i);
    if (platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10))) {
      const format = cmap.readUInt16BE(offset);
      if (!subtables.has(format)) subtables.set(format, offset);
    }
  }
  const ids = new Set<number>();
  const f12 = subtables.get(12);
  const f4 = subtables.get(4);
  for (const cp of codePoints) {
    let gid = 0;
    if (f12 !== undefined) {
      for (let g = 0, n = cmap.readUInt32BE(f12 + 12); g < n; g++) {
        const at = f12 + 16 + 12 * g;
        const start = cmap.readUInt32BE(at);
        if (cp >= start && cp <= cmap.readUInt32BE(at + 4)) { gid = cmap.readUInt32BE(at + 8) + cp - start; break; }
      }
    } else if (f4 !== undefined && cp <= 0xffff) {
      const segX2 = cmap.readUInt16BE(f4 + 6);
      const ends = f4 + 14, starts = ends + segX2 + 2, deltas = starts + segX2, ranges = deltas + segX2;
      for (let s = 0; s < segX2; s += 2) {
        if (cmap.readUInt16BE(ends + s) < cp) continue;
        const start = cmap.readUInt16BE(starts + s);
        if (cp < start) break;
        const delta = cmap.readUInt16BE(deltas + s);
        const rangeOffset = cmap.readUInt16BE(ranges + s);
        if (rangeOffset === 0) gid = (cp + delta) & 0xffff;
        else {
          const raw = cmap.readUInt16BE(ranges + s + rangeOffset + 2 * (cp - start));
          gid = raw === 0 ? 0 : (raw + delta) & 0xffff;
        }
        break;
      }
    }
    if (gid !== 0) ids.add(gid);
  }
  return ids;
}

function checksum(data: Buffer): number {
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) {
    const word = (data[i]! << 24) | ((data[i + 1] ?? 0) << 16) | ((data[i + 2] ?? 0) << 8) | (data[i + 3] ?? 0);
    sum = (sum + (word >>> 0)) >>> 0;
  }
  return sum;
}

function writeSfnt(tables: Tables): Buffer {
  const tags = [...tables.keys()].sort();
  const headerSize = 12 + 16 * tags.length;
  const chunks: Buffer[] = [];
  const header = Buffer.alloc(headerSize);
  const pow2 = 2 ** Math.floor(Math.log2(tags.length));
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(tags.length, 4);
  header.writeUInt16BE(pow2 * 16, 6);
  header.writeUInt16BE(Math.log2(pow2), 8);
  header.writeUInt16BE(tags.length * 16 - pow2 * 16, 10);
  let offset = headerSize;
  let headOffset = -1;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const padded = Buffer.alloc((data.length + 3) & ~3);
    data.copy(padded);
    if (tag === "head") { padded.writeUInt32BE(0, 8); headOffset = offset; }
    header.write(tag, 12 + 16 * i, 4, "latin1");
    header.writeUInt32BE(checksum(padded), 12 + 16 * i + 4);
    header.writeUInt32BE(offset, 12 + 16 * i + 8);
    header.writeUInt32BE(data.length, 12 + 16 * i + 12);
    chunks.push(padded);
    offset += padded.length;
  });
  const out = Buffer.concat([header, ...chunks]);
  if (headOffset >= 0) out.writeUInt32BE((0xb1b0afba - checksum(out)) >>> 0, headOffset + 8);
  return out;
}

/**
 * A TrueType font with the same glyph ids as `tables`' face but outlines only for the glyphs of
 * `codePoints` (plus .notdef and composite components). Null for fonts without glyf/loca (CFF).
 */
export function subsetTrueType(tables: Tables, codePoints: Iterable<number>): Buffer | null {
  const glyf = tables.get("glyf"), loca = tables.get("loca"), head = tables.get("head"), cmap = tables.get("cmap");
  const post = tables.get("post");
  if (!glyf || !loca || !head || !cmap) return null;
  const long = head.readInt16BE(50) === 1;
  const glyphCount = long ? loca.length / 4 - 1 : loca.length / 2 - 1;
  const at = (gid: number) => (long ? loca.readUInt32BE(4 * gid) : 2 * loca.readUInt16BE(2 * gid));
  const keep = new Set<number>([0, ...glyphIds(cmap, codePoints)]);
  for (const gid of keep) { // composite glyphs: keep their components too (the set grows while iterating)
    if (gid >= glyphCount || at(gid + 1) - at(gid) < 10 || glyf.readInt16BE(at(gid)) >= 0) continue;
    let p = at(gid) + 10;
    for (let more = true; more;) {
      const flags = glyf.readUInt16BE(p);
      keep.add(glyf.readUInt16BE(p + 2));
      p += 4 + (flags & 0x1 ? 4 : 2) + (flags & 0x8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
      more = (flags & 0x20) !== 0;
    }
  }
  const newLoca = Buffer.alloc(4 * (glyphCount + 1));
  const parts: Buffer[] = [];
  let size = 0;
  for (let gid = 0; gid < glyphCount; gid++) {
    newLoca.writeUInt32BE(size, 4 * gid);
    if (!keep.has(gid)) continue;
    const data = glyf.subarray(at(gid), at(gid + 1));
    const padded = Buffer.alloc((data.length + 3) & ~3);
    data.copy(padded);
    parts.push(padded);
    size += padded.length;
  }
  newLoca.writeUInt32BE(size, 4 * glyphCount);
  const newHead = Buffer.from(head);
  newHead.writeInt16BE(1, 50);
  const out: Tables = new Map();
  for (const [tag, data] of tables) {
    if (!["BDF ", "EBDT", "EBLC", "EBSC", "vhea", "vmtx", "post", "DSIG"].includes(tag)) out.set(tag, data);
  }
  out.set("glyf", Buffer.concat(parts, size));
  out.set("loca", newLoca);
  out.set("head", newHead);
  if (post && post.length >= 32) { // version 3: no glyph names
    const newPost = Buffer.from(post.subarray(0, 32));
    newPost.writeUInt32BE(0x00030000, 0);
    out.set("post", newPost);
  }
  return writeSfnt(out);
}

// ---- per-process cache -----------------------------------------------------------------------

interface SubsetState {
  font: CjkFont;
  tables: Tables | null; // null: not subsettable, use the original file
  covered: Set<number>;
  dir?: string;
  file?: string;
  generation: number;
}
let state: SubsetState | undefined;

/** Printable ASCII is always included, so most renders reuse the file. */
const BASE_CODE_POINTS = Array.from({ length: 95 }, (_, i) => 32 + i);

/**
 * Path of a font file that can render every character of `text` with `font`: a cached subset
 * when possible (rewritten only when new characters appear), otherwise the original file.
 */
export function fontFileFor(font: CjkFont, text: string): string {
  if (!state || state.font !== font) {
    let tables: Tables | null;
    try {
      tables = readFaceTables(readFileSync(font.path), font.face ?? 0);
      if (!tables.has("glyf")) tables = null;
    } catch {
      tables = null;
    }
    state = { font, tables, covered: new Set(BASE_CODE_POINTS), generation: 0 };
  }
  const s = state;
  if (!s.tables) return font.path;
  let grown = s.file === undefined;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp > 32 && !s.covered.has(cp)) { s.covered.add(cp); grown = true; }
  }
  if (!grown && s.file) return s.file;
  try {
    const subset = subsetTrueType(s.tables, s.covered);
    if (!subset) throw new Error("not a TrueType font");
    if (!s.dir) {
      s.dir = mkdtempSync(join(tmpdir(), "branch-ledger-fonts-"));
      process.once("exit", releaseChartFonts);
    }
    const file = join(s.dir, `chart-${++s.generation}.ttf`);
    writeFileSync(file, subset);
    if (s.file) unlinkSync(s.file);
    s.file = file;
    return file;
  } catch {
    s.tables = null; // give up on subsetting for this font; correct, just slower
    return font.path;
  }
}

/** Deletes the subset file and forgets the cached font (it is rebuilt on the next render). */
export function releaseChartFonts(): void {
  if (state?.dir) rmSync(state.dir, { recursive: true, force: true });
  state = undefined;
}
