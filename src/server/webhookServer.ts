import http from "node:http";
import { webhookCallback, type Bot } from "grammy";
import type { BotContext } from "../bot/context.js";
import type { Logger } from "../logger.js";

export interface HttpServerOptions {
  port: number;
  host?: string;
  /** Serve Telegram's webhook at this path, checking the secret header. */
  webhook?: { bot: Bot<BotContext>; path: string; secretToken: string | undefined };
  logger: Logger;
}

/** The process's HTTP endpoint: /healthz always, and the webhook in webhook mode. */
export async function startHttpServer(opts: HttpServerOptions): Promise<http.Server> {
  const webhook = opts.webhook;
  const handleWebhook = webhook
    ? webhookCallback(webhook.bot, "http", {
        ...(webhook.secretToken ? { secretToken: webhook.secretToken } : {}),
        onTimeout: "return",
        timeoutMilliseconds: 55_000,
      })
    : undefined;
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/healthz") {
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      return;
    }
    if (handleWebhook && webhook && req.method === "POST" && path === webhook.path) {
      handleWebhook(req, res).catch((error: unknown) => {
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
