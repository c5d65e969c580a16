/**
 * Reading Bot API parameters. Telegram accepts every parameter either typed (JSON bodies) or as a
 * string (query, urlencoded, multipart; objects JSON-encoded), so every reader takes both.
 */
import { badRequest } from "./errors.js";

export type Params = Record<string, unknown>;

/** A file part of a multipart request. */
export interface UploadedFile {
  field: string;
  filename: string;
  mimeType: string;
  bytes: Buffer;
}

export interface ParsedRequest {
  params: Params;
  files: Map<string, UploadedFile>;
}

export function optInt(p: Params, key: string): number | undefined {
  const v = p[key];
  if (v === undefined || v === null || v === "") return undefined;
  const n = typeof v === "number" ? v : Number(v);
  if (!Number.isFinite(n) || !Number.isInteger(n)) {
    throw badRequest(`invalid ${key} specified`);
  }
  return n;
}

export function reqInt(p: Params, key: string, emptyMessage = `${key} is empty`): number {
  const n = optInt(p, key);
  if (n === undefined) throw badRequest(emptyMessage);
  return n;
}

export function optStr(p: Params, key: string): string | undefined {
  const v = p[key];
  if (v === undefined || v === null) return undefined;
  return typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);
}

export function optBool(p: Params, key: string): boolean | undefined {
  const v = p[key];
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v === "boolean") return v;
  return v === "true" || v === "1" || v === 1;
}

/** An object or array parameter, possibly sent JSON-encoded. */
export function optJson<T>(p: Params, key: string, error = `can't parse ${key} JSON object`): T | undefined {
  const v = p[key];
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v !== "string") return v as T;
  try {
    return JSON.parse(v) as T;
  } catch {
    throw badRequest(error);
  }
}

/** chat_id: an integer (or a numeric string). "@username" chats do not exist in the sandbox. */
export function chatId(p: Params): number {
  const v = p.chat_id;
  if (v === undefined || v === null || v === "") throw badRequest("chat_id is empty");
  const n = typeof v === "number" ? v : Number(v);
  if (!Number.isInteger(n)) throw badRequest("chat not found");
  return n;
}
