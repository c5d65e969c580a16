/**
 * Request bodies: query string, JSON, urlencoded and multipart (busboy).
 *
 * grammY writes file parts as `filename=2024年 台账.xlsx` — unquoted. busboy silently drops parts
 * whose unquoted filename is not an RFC token (spaces, non-ASCII), and Node's Request.formData()
 * rejects them, while Telegram accepts them. So part headers are quoted before busboy sees them.
 */
import { Readable } from "node:stream";
import busboy from "busboy";
import { ApiError, badRequest } from "./errors.js";
import type { Params, ParsedRequest, UploadedFile } from "./params.js";

export const MAX_BODY_BYTES = 50 * 1024 * 1024;

export type BodySource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string> | undefined;

export async function readAll(body: BodySource, max = MAX_BODY_BYTES): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const b = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    size += b.length;
    if (size > max) throw new ApiError(413, "Request Entity Too Large");
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** Quotes unquoted `filename=` parameters in every part header of a multipart body. */
export function quoteFilenames(buf: Buffer, boundary: string): Buffer {
  const delimiter = Buffer.from(`--${boundary}`);
  const out: Buffer[] = [];
  let copied = 0;
  let i = buf.indexOf(delimiter);
  while (i !== -1) {
    const headerStart = i + delimiter.length;
    const headerEnd = buf.indexOf("\r\n\r\n", headerStart);
    if (headerEnd === -1 || buf[headerStart] !== 0x0d) break;
    const header = buf.toString("latin1", headerStart, headerEnd);
    const fixed = header.replace(/(;\s*filename=)([^"\s;][^;\r\n]*)/gi, (_m, pre: string, name: string) =>
      `${pre}"${name.trim().replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`);
    if (fixed !== header) {
      out.push(buf.subarray(copied, headerStart), Buffer.from(fixed, "latin1"));
      copied = headerEnd;
    }
    i = buf.indexOf(delimiter, headerEnd);
  }
  out.push(buf.subarray(copied));
  return Buffer.concat(out);
}

function parseMultipart(contentType: string, raw: Buffer): Promise<ParsedRequest> {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const b = boundary?.[1] ?? boundary?.[2];
  if (!b) return Promise.reject(badRequest("can't parse multipart/form-data: no boundary"));
  const body = quoteFilenames(raw, b);
  return new Promise((resolve, reject) => {
    const params: Params = {};
    const files = new Map<string, UploadedFile>();
    const pending: Promise<void>[] = [];
    const bb = busboy({
      headers: { "content-type": contentType },
      defParamCharset: "utf8",
      limits: { fieldSize: MAX_BODY_BYTES, fileSize: MAX_BODY_BYTES },
    });
    bb.on("field", (name, value) => { params[name] = value; });
    bb.on("file", (field, stream, info) => {
      pending.push(readAll(stream).then((bytes) => {
        files.set(field, { field, filename: info.filename ?? field, mimeType: info.mimeType, bytes });
      }));
    });
    bb.on("error", (e) => reject(badRequest(`can't parse multipart/form-data: ${(e as Error).message}`)));
    bb.on("close", () => { Promise.all(pending).then(() => resolve({ params, files }), reject); });
    Readable.from([body]).pipe(bb);
  });
}

/** Parses a Bot API request: query parameters, then the body's (which win). */
export async function parseRequest(
  contentType: string | undefined,
  body: BodySource,
  query: URLSearchParams,
): Promise<ParsedRequest> {
  const params: Params = Object.fromEntries(query);
  const ct = (contentType ?? "").toLowerCase();
  const raw = await readAll(body);
  if (raw.length === 0) return { params, files: new Map() };
  if (ct.startsWith("multipart/form-data")) {
    const parsed = await parseMultipart(contentType ?? "", raw);
    return { params: { ...params, ...parsed.params }, files: parsed.files };
  }
  if (ct.startsWith("application/x-www-form-urlencoded")) {
    return { params: { ...params, ...Object.fromEntries(new URLSearchParams(raw.toString("utf8"))) }, files: new Map() };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch {
    throw badRequest("can't parse JSON encoded request body");
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw badRequest("request body must be a JSON object");
  }
  return { params: { ...params, ...(json as Params) }, files: new Map() };
}
