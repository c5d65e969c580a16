/**
 * A fetch-compatible function that hands grammY's requests to a Bot API world in-process, without
 * the network: `new Bot(token, { client: { apiRoot: sandbox.apiRoot, fetch: sandbox.fetch } })`.
 * Only Bot API and file paths are served this way.
 */
import type { BodySource } from "./body.js";
import type { CoreResponse } from "./http.js";

export interface FetchInit {
  method?: string;
  headers?: Record<string, string> | Headers | [string, string][];
  body?: unknown;
  signal?: AbortSignal | null;
  [other: string]: unknown;
}

export type SandboxFetch = (input: string | URL | { url: string }, init?: FetchInit) => Promise<Response>;

type Handle = (url: URL, contentType: string | undefined, body: BodySource, signal?: AbortSignal) =>
  Promise<CoreResponse | undefined>;

function contentTypeOf(headers: FetchInit["headers"]): string | undefined {
  if (!headers) return undefined;
  const entries: [string, string][] = headers instanceof Headers ? [...headers.entries()]
    : Array.isArray(headers) ? headers : Object.entries(headers);
  return entries.find(([k]) => k.toLowerCase() === "content-type")?.[1];
}

function bodyOf(body: unknown): BodySource {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string" || body instanceof Uint8Array) return [body];
  if (body instanceof ArrayBuffer) return [new Uint8Array(body)];
  if (typeof (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === "function") {
    return body as AsyncIterable<Uint8Array>;
  }
  throw new TypeError("sandbox.fetch: unsupported body type");
}

export function createSandboxFetch(handle: Handle, isClosed: () => boolean): SandboxFetch {
  return async (input, init = {}) => {
    if (isClosed()) throw new TypeError("fetch failed: the sandbox is closed");
    const href = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const url = new URL(href);
    const res = await handle(url, contentTypeOf(init.headers), bodyOf(init.body), init.signal ?? undefined);
    if (!res) return new Response("Not Found", { status: 404 });
    return new Response(typeof res.body === "string" ? res.body : new Uint8Array(res.body), {
      status: res.status, headers: res.headers,
    });
  };
}
