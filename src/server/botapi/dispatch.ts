/**
 * Runs Bot API methods by name, turns results and errors into Telegram replies, records calls.
 * Generic over the world the methods act on: the sandbox's simulated Telegram or a channel bridge.
 */
import { ApiError, notFound } from "./errors.js";
import type { Params, ParsedRequest, UploadedFile } from "./params.js";
import type { RequestRecorder } from "./recorder.js";

export interface CallContext<E> {
  engine: E;
  params: Params;
  files: Map<string, UploadedFile>;
  signal?: AbortSignal;
}

export type MethodHandler<E> = (c: CallContext<E>) => unknown;

export interface ApiReply {
  status: number;
  body: Record<string, unknown>;
}

const INT_FIELDS = new Set(["chat_id", "message_id", "user_id", "offset", "limit", "timeout", "reply_to_message_id"]);

/** The parameters as tests want to see them: JSON strings decoded, uploads described. */
function describeParams(req: ParsedRequest): Params {
  const out: Params = {};
  for (const [key, value] of Object.entries(req.params)) {
    let v: unknown = value;
    if (typeof v === "string" && /^\s*[[{]/.test(v)) {
      try { v = JSON.parse(v); } catch { /* keep the string */ }
    } else if (typeof v === "string" && INT_FIELDS.has(key) && /^-?\d+$/.test(v)) {
      v = Number(v);
    }
    if (typeof v === "string" && v.startsWith("attach://")) {
      const f = req.files.get(v.slice("attach://".length));
      if (f) v = { filename: f.filename, size: f.bytes.length, mime_type: f.mimeType };
    }
    out[key] = v;
  }
  for (const [field, f] of req.files) {
    if (!(field in out) && !Object.values(req.params).includes(`attach://${field}`)) {
      out[field] = { filename: f.filename, size: f.bytes.length, mime_type: f.mimeType };
    }
  }
  return out;
}

export class Dispatcher<E> {
  private readonly handlers = new Map<string, [string, MethodHandler<E>]>();
  readonly counts: Record<string, number> = {};

  constructor(
    private readonly engine: E,
    tables: Record<string, MethodHandler<E>>[],
    private readonly recorder: RequestRecorder,
    private readonly onInternalError: (method: string, e: unknown) => void,
  ) {
    for (const table of tables) {
      for (const [name, handler] of Object.entries(table)) this.handlers.set(name.toLowerCase(), [name, handler]);
    }
  }

  async call(method: string, req: ParsedRequest, signal?: AbortSignal): Promise<ApiReply> {
    const entry = this.handlers.get(method.toLowerCase());
    const name = entry?.[0] ?? method;
    this.counts[name] = (this.counts[name] ?? 0) + 1;
    const time = Date.now();
    let reply: ApiReply;
    let result: unknown;
    try {
      if (!entry) throw notFound();
      result = await entry[1]({ engine: this.engine, params: req.params, files: req.files, ...(signal ? { signal } : {}) });
      reply = { status: 200, body: { ok: true, result } };
    } catch (e) {
      let err: ApiError;
      if (e instanceof ApiError) err = e;
      else {
        this.onInternalError(name, e);
        err = new ApiError(500, `Internal Server Error: ${e instanceof Error ? e.message : String(e)}`);
      }
      reply = { status: err.code, body: err.toJSON() };
    }
    if (this.recorder.enabled) {
      const body = reply.body as { ok: boolean; error_code?: number; description?: string };
      this.recorder.add({
        method: name,
        params: describeParams(req),
        time,
        ok: body.ok,
        ...(body.ok ? { result } : { error_code: body.error_code ?? 0, description: body.description ?? "" }),
      });
    }
    return reply;
  }

  /** Executes a webhook reply (`{ method, ...params }` answered to an update). */
  async callWebhookReply(body: Record<string, unknown>): Promise<void> {
    const { method, ...params } = body;
    await this.call(String(method), { params, files: new Map() });
  }
}
