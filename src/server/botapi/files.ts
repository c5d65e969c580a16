/** Files kept by the sandbox: ids, paths, MIME types, image sizes. */
import { randomBytes } from "node:crypto";
import type { PhotoSize, StoredFile, TgDocument } from "./types.js";

const MIME_BY_EXT: Record<string, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf", csv: "text/csv", txt: "text/plain", json: "application/json",
  zip: "application/zip", png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg",
  gif: "image/gif", webp: "image/webp", svg: "image/svg+xml", html: "text/html",
  xls: "application/vnd.ms-excel", doc: "application/msword", md: "text/markdown",
};

export function mimeFor(filename: string | undefined, declared?: string): string | undefined {
  const ext = filename?.split(".").pop()?.toLowerCase();
  const byExt = ext ? MIME_BY_EXT[ext] : undefined;
  if (byExt) return byExt;
  if (declared && declared !== "application/octet-stream") return declared;
  return declared;
}

/** Width and height of a PNG, JPEG or GIF, or undefined. */
export function imageSize(b: Buffer): { width: number; height: number } | undefined {
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47) {
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  }
  if (b.length >= 10 && b.toString("latin1", 0, 3) === "GIF") {
    return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) { i++; continue; }
      const marker = b[i + 1] ?? 0;
      const len = b.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: b.readUInt16BE(i + 7), height: b.readUInt16BE(i + 5) };
      }
      i += 2 + len;
    }
  }
  return undefined;
}

export type FileKind = "document" | "photo";

export class FileStore {
  private byId = new Map<string, StoredFile>();
  private byPath = new Map<string, StoredFile>();
  private counter = 0;

  add(bytes: Buffer, kind: FileKind, name?: string, declaredMime?: string): StoredFile {
    const n = ++this.counter;
    const prefix = kind === "photo" ? "AgACAgIAAxkBAA" : "BQACAgIAAxkBAA";
    const unique = randomBytes(6).toString("base64url");
    const ext = (name?.includes(".") ? name.split(".").pop() : kind === "photo" ? "jpg" : "dat") ?? "dat";
    const size = kind === "photo" ? imageSize(bytes) : undefined;
    const file: StoredFile = {
      file_id: `${prefix}${n.toString(36)}_${unique}`,
      file_unique_id: `AQAD${n.toString(36)}${unique.slice(0, 4)}`,
      file_path: `${kind === "photo" ? "photos" : "documents"}/file_${n}.${ext}`,
      bytes,
      ...(name !== undefined ? { file_name: name } : {}),
      ...(size ?? {}),
    };
    const mime = kind === "photo" ? mimeFor(name, declaredMime) ?? "image/jpeg" : mimeFor(name, declaredMime);
    if (mime !== undefined) file.mime_type = mime;
    this.byId.set(file.file_id, file);
    this.byPath.set(file.file_path, file);
    return file;
  }

  get(fileId: string): StoredFile | undefined {
    return this.byId.get(fileId);
  }

  getByPath(path: string): StoredFile | undefined {
    return this.byPath.get(path);
  }

  clear(): void {
    this.byId.clear();
    this.byPath.clear();
  }
}

export function documentOf(f: StoredFile): TgDocument {
  return {
    file_id: f.file_id,
    file_unique_id: f.file_unique_id,
    ...(f.file_name !== undefined ? { file_name: f.file_name } : {}),
    ...(f.mime_type !== undefined ? { mime_type: f.mime_type } : {}),
    file_size: f.bytes.length,
  };
}

export function photoOf(f: StoredFile): PhotoSize[] {
  return [{
    file_id: f.file_id,
    file_unique_id: f.file_unique_id,
    width: f.width ?? 0,
    height: f.height ?? 0,
    file_size: f.bytes.length,
  }];
}
