// zipParts packs a .docx's parts again: every zip reader must read back the same parts, in order.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { strToU8, unzipSync } from "fflate";
import { zipParts } from "../../src/render/zipParts.js";
import { listZip } from "./zipReader.js";

const parts = {
  "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types/>'),
  "word/document.xml": strToU8(`<w:document>${"<w:p>附录：第一党支部 2023 年活动台账</w:p>".repeat(20_000)}</w:document>`),
  "word/media/空.bin": new Uint8Array(0),
};

describe("zipParts", () => {
  it("writes a zip that fflate, a plain reader and Python's zipfile read back whole, in order", async () => {
    const zip = await zipParts(parts, new Date(Date.UTC(2026, 11, 1, 8, 30, 14)));
    expect(zip.length).toBeLessThan(parts["word/document.xml"].length / 20);
    const back = unzipSync(zip);
    expect(Object.keys(back)).toEqual(Object.keys(parts));
    for (const [name, data] of Object.entries(parts)) expect(Buffer.from(back[name] ?? []).equals(Buffer.from(data))).toBe(true);
    expect(listZip(zip).map((e) => [e.name, e.method])).toEqual(Object.keys(parts).map((n) => [n, 8]));
    const dir = mkdtempSync(path.join(tmpdir(), "zip-parts-"));
    try {
      writeFileSync(path.join(dir, "a.docx"), zip);
      const check = `import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print("|".join(i.filename+"@"+"%d-%02d-%02d %02d:%02d:%02d" % i.date_time for i in z.infolist()))`;
      const listed = execFileSync("python3", ["-c", check, path.join(dir, "a.docx")], { encoding: "utf8" }).trim();
      expect(listed.split("|")).toEqual(Object.keys(parts).map((n) => `${n}@2026-12-01 08:30:14`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
