import http from "node:http";
import type { Logger } from "../logger.js";

export interface Health {
  ok: boolean;
  [detail: string]: unknown;
}

export interface HttpServerOptions {
  port: number;
  host?: string;
  /** Telegram's webhook at this path (the handler checks the secret and stores the update). */
  webhook?: { path: string; handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> };
  /** What /healthz reports; 503 when not ok. */
  health?: () => Promise<Health>;
  logger: Logger;
}

/** The process's HTTP endpoint: /healthz always, and the webhook in webhook mode. */
export async function startHttpServer(opts: HttpServerOptions): Promise<http.Server> {
  const webhook = opts.webhook;
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/healthz") {
      const health = opts.health ? opts.health() : Promise.resolve<Health>({ ok: true });
      void health
        .catch((error: unknown) => ({ ok: false, error: String((error as Error)?.message ?? error) }))
        .then((h) => res.writeHead(h.ok ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify(h)));
      return;
    }
    if (webhook && req.method === "POST" && path === webhook.path) {
      webhook.handle(req, res).catch((error: unknown) => {
        opts.logger.error({ err: error }, "webhook handling failed");
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host ?? "0.0.0.0", () => resolve());
  });
  return server;
}
