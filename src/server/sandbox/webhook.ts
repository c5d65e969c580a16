/**
 * Webhook delivery: queued updates are POSTed to the configured URL in order, one at a time, with
 * the X-Telegram-Bot-Api-Secret-Token header. Failures (any non-2xx status, refused connection,
 * timeout) are recorded and retried with exponential backoff; nothing here throws.
 * A JSON answer with a "method" field is executed like Telegram's "webhook reply".
 */
import http, { STATUS_CODES } from "node:http";
import https from "node:https";
import type { UpdateQueue } from "../botapi/updates.js";
import type { Update } from "../botapi/types.js";
import type { WebhookAttempt } from "./types.js";

export interface WebhookConfig {
  url: string;
  secret_token?: string;
  max_connections: number;
  allowed_updates?: string[];
  last_error_date?: number;
  last_error_message?: string;
}

export interface WebhookOptions {
  /** First retry delay after a failed delivery (doubles up to retryMaxMs). Default 500 ms. */
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** How long to wait for the webhook's answer. Default 10 s. */
  timeoutMs?: number;
}

interface PostResult { ok: boolean; status?: number; error?: string; reply?: Record<string, unknown> }

const MAX_ATTEMPTS_KEPT = 1000;

export class WebhookDeliverer {
  config: WebhookConfig | undefined;
  readonly attempts: WebhookAttempt[] = [];
  private running = false;
  private closed = false;
  private backoff: number;
  private sleeping: { timer: NodeJS.Timeout; resolve: () => void } | undefined;
  private inFlight: http.ClientRequest | undefined;
  private readonly agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  private readonly opts: Required<WebhookOptions>;

  constructor(
    private readonly queue: UpdateQueue,
    opts: WebhookOptions,
    private readonly executeReply: (body: Record<string, unknown>) => Promise<void>,
    private readonly onAttempt: (a: WebhookAttempt) => void,
  ) {
    this.opts = { retryInitialMs: 500, retryMaxMs: 10_000, timeoutMs: 10_000, ...opts };
    this.backoff = this.opts.retryInitialMs;
  }

  set(config: WebhookConfig | undefined): void {
    this.config = config;
    this.inFlight?.destroy();
    this.backoff = this.opts.retryInitialMs;
    this.wakeUp();
    this.kick();
  }

  kick(): void {
    if (!this.running && !this.closed && this.config && this.queue.peek()) void this.loop();
  }

  close(): void {
    this.closed = true;
    this.inFlight?.destroy();
    this.wakeUp();
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private wakeUp(): void {
    const s = this.sleeping;
    this.sleeping = undefined;
    if (s) { clearTimeout(s.timer); s.resolve(); }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.sleeping = { timer: setTimeout(() => { this.sleeping = undefined; resolve(); }, ms), resolve };
    });
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      for (let update = this.queue.peek(); update && this.config && !this.closed; update = this.queue.peek()) {
        const config = this.config;
        const res = await this.post(config, update);
        if (this.closed) break;
        const attempt: WebhookAttempt = {
          update_id: update.update_id, url: config.url, time: Date.now(), ok: res.ok,
          ...(res.status !== undefined ? { status: res.status } : {}),
          ...(res.error !== undefined ? { error: res.error } : {}),
        };
        this.attempts.push(attempt);
        if (this.attempts.length > MAX_ATTEMPTS_KEPT) this.attempts.shift();
        this.onAttempt(attempt);
        if (config !== this.config) continue;
        if (res.ok) {
          this.queue.ack(update.update_id);
          this.backoff = this.opts.retryInitialMs;
          if (res.reply) await this.executeReply(res.reply).catch(() => undefined);
        } else {
          config.last_error_date = Math.floor(Date.now() / 1000);
          config.last_error_message = res.error ?? `Wrong response from the webhook: ${res.status} ${STATUS_CODES[res.status ?? 0] ?? ""}`.trim();
          await this.sleep(this.backoff);
          this.backoff = Math.min(this.backoff * 2, this.opts.retryMaxMs);
        }
      }
    } finally {
      this.running = false;
    }
    this.kick();
  }

  private post(config: WebhookConfig, update: Update): Promise<PostResult> {
    return new Promise((resolve) => {
      let url: URL;
      try {
        url = new URL(config.url);
      } catch {
        resolve({ ok: false, error: "Invalid webhook URL" });
        return;
      }
      const body = Buffer.from(JSON.stringify(update));
      const secure = url.protocol === "https:";
      const req = (secure ? https : http).request(url, {
        method: "POST",
        agent: secure ? this.agents.https : this.agents.http,
        headers: {
          "content-type": "application/json",
          "content-length": body.length,
          ...(config.secret_token ? { "x-telegram-bot-api-secret-token": config.secret_token } : {}),
        },
        timeout: this.opts.timeoutMs,
      });
      this.inFlight = req;
      const finish = (r: PostResult): void => {
        if (this.inFlight === req) this.inFlight = undefined;
        resolve(r);
      };
      req.on("timeout", () => req.destroy(new Error("Read timeout expired")));
      req.on("error", (e: NodeJS.ErrnoException) => {
        finish({ ok: false, error: e.code === "ECONNREFUSED" ? "Connection refused" : e.message });
      });
      req.on("response", (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", () => finish({ ok: false, status: res.statusCode ?? 0, error: "Connection reset" }));
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          const ok = status >= 200 && status < 300;
          let reply: Record<string, unknown> | undefined;
          if (ok && /json/.test(String(res.headers["content-type"]))) {
            try {
              const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
              if (parsed && typeof parsed === "object" && typeof (parsed as { method?: unknown }).method === "string") {
                reply = parsed as Record<string, unknown>;
              }
            } catch { /* not a webhook reply */ }
          }
          finish({ ok, status, ...(reply ? { reply } : {}) });
        });
      });
      req.end(body);
    });
  }
}
