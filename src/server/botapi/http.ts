/**
 * The Bot API over HTTP, transport-free: `/bot<token>/<method>` and `/file/bot<token>/<path>`,
 * used by node:http servers and by the in-process fetch alike.
 */
import type { ServerResponse } from "node:http";
import { parseRequest, type BodySource } from "./body.js";
import { ApiError, unauthorized } from "./errors.js";
import type { ParsedRequest } from "./params.js";

export interface CoreResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

/** A downloadable file: its bytes and MIME type. */
export interface FileBody {
  bytes: Buffer;
  mimeType?: string;
}

export interface BotApiDeps {
  dispatcher: { call(method: string, req: ParsedRequest, signal?: AbortSignal): Promise<{ status: number; body: Record<string, unknown> }> };
  /** When set, only this token is accepted (others get 401). */
  token: string | undefined;
  /** The file at a getFile path, or undefined (404). */
  file(path: string): Promise<FileBody | undefined> | FileBody | undefined;
}

export const json = (status: number, body: unknown): CoreResponse => ({
  status, headers: { "content-type": "application/json" }, body: JSON.stringify(body),
});

/** Handles Bot API and file download paths; undefined for any other path. */
export async function handleBotApi(
  deps: BotApiDeps, url: URL, contentType: string | undefined, body: BodySource, signal?: AbortSignal,
): Promise<CoreResponse | undefined> {
  const api = /^\/bot([^/]*)\/(?:test\/)?([^/]+)\/?$/.exec(url.pathname);
  const file = /^\/file\/bot([^/]*)\/(.+)$/.exec(url.pathname);
  if (!api && !file) return undefined;
  const token = decodeURIComponent((api ?? file)?.[1] ?? "");
  if (token === "" || (deps.token !== undefined && token !== deps.token)) {
    return json(401, file ? { ok: false, error_code: 401, description: "Unauthorized" } : unauthorized().toJSON());
  }
  if (file) {
    const stored = await deps.file(decodeURIComponent(file[2] ?? ""));
    if (!stored) return json(404, { ok: false, error_code: 404, description: "Not Found" });
    return { status: 200, headers: { "content-type": stored.mimeType ?? "application/octet-stream" }, body: stored.bytes };
  }
  let parsed;
  try {
    parsed = await parseRequest(contentType, body, url.searchParams);
  } catch (e) {
    if (e instanceof ApiError) return json(e.code, e.toJSON());
    throw e;
  }
  const reply = await deps.dispatcher.call(decodeURIComponent(api?.[2] ?? ""), parsed, signal);
  return json(reply.status, reply.body);
}

export function sendCore(res: ServerResponse, r: CoreResponse): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(r.status, { ...r.headers, "content-length": Buffer.byteLength(r.body) });
  res.end(r.body);
}
