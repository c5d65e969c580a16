// Taking updates from Telegram into the durable inbox: stored first, confirmed after.
//  - polling: each getUpdates batch is stored in one transaction; only then does the next getUpdates
//    (with offset = last update_id + 1) confirm it to Telegram.
//  - webhook: the update is stored and answered 200 at once; until then Telegram keeps it and retries.
import type http from "node:http";
import type { Api } from "grammy";
import type { Update } from "grammy/types";
import type { IncomingUpdate, InboxRepo } from "../../db/repos/inbox.js";
import type { Logger } from "../../logger.js";
import { whileBusy, type InboxTarget } from "./worker.js";

export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"] as const;

type Chatty = { chat?: { id: number }; from?: { id: number }; message?: { chat?: { id: number } } };

/** Updates of one key are handled one after another: the chat, else the user, else the update alone. */
export function seqKeyOf(update: Update): string {
  const parts = Object.entries(update)
    .filter(([k]) => k !== "update_id")
    .map(([, v]) => v as Chatty);
  for (const p of parts) {
    const chat = p?.chat ?? p?.message?.chat;
    if (chat) return `chat:${chat.id}`;
  }
  for (const p of parts) if (p?.from) return `user:${p.from.id}`;
  return `update:${update.update_id}`;
}

export const toIncoming = (u: Update): IncomingUpdate => ({ update_id: u.update_id, payload: JSON.stringify(u), seqKey: seqKeyOf(u) });

/**
 * Stores, waiting for a busy database for up to a minute (the updates are not confirmed before); the
 * entries the target took a lease on come back, for `target.stored` once the updates are confirmed.
 */
function storeDurably(inbox: InboxRepo, updates: Update[], target: InboxTarget) {
  const incoming = updates.map(toIncoming);
  return whileBusy(() => inbox.store(incoming, new Date(), () => target.leaseAtStore()), 60_000);
}

export interface Poller {
  stop(): Promise<void>;
}

export function startPolling(opts: { api: Api; inbox: InboxRepo; logger: Logger; target: InboxTarget; timeoutSeconds?: number }): Poller {
  const controller = new AbortController();
  let running = true;
  const loop = async () => {
    let offset: number | undefined;
    let pause = 500;
    while (running) {
      let updates: Update[];
      try {
        updates = await opts.api.getUpdates(
          { ...(offset !== undefined ? { offset } : {}), timeout: opts.timeoutSeconds ?? 30, allowed_updates: [...ALLOWED_UPDATES] },
          controller.signal as unknown as Parameters<Api["getUpdates"]>[1],
        );
        pause = 500;
      } catch (error) {
        if (!running) break;
        opts.logger.warn({ err: error }, "getUpdates failed; trying again");
        await new Promise((r) => setTimeout(r, pause));
        pause = Math.min(pause * 2, 15_000);
        continue;
      }
      if (!updates.length) continue;
      let leased;
      try {
        leased = await storeDurably(opts.inbox, updates, opts.target);
      } catch (error) {
        // Not confirmed: Telegram gives the same batch again.
        opts.logger.error({ err: error }, "could not store updates; they stay with Telegram");
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      offset = updates[updates.length - 1]!.update_id + 1;
      opts.target.stored(leased);
    }
  };
  const done = loop();
  return {
    async stop() {
      running = false;
      controller.abort();
      await done;
    },
  };
}

const MAX_BODY = 1 << 20;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error("body too large"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** The webhook's HTTP handler: 401 for a wrong secret, 400 for a body that is no update, 200 once stored. */
export function inboxWebhook(opts: { inbox: InboxRepo; secretToken: string | undefined; logger: Logger; target: InboxTarget }) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (opts.secretToken && req.headers["x-telegram-bot-api-secret-token"] !== opts.secretToken) {
      res.writeHead(401).end("secret token is wrong");
      return;
    }
    let update: Update;
    try {
      update = JSON.parse(await readBody(req)) as Update;
      if (typeof update?.update_id !== "number" || !Number.isSafeInteger(update.update_id)) throw new Error("no update_id");
    } catch {
      res.writeHead(400).end();
      return;
    }
    let leased;
    try {
      leased = await storeDurably(opts.inbox, [update], opts.target);
    } catch (error) {
      opts.logger.error({ err: error }, "could not store a webhook update; Telegram will send it again");
      res.writeHead(503).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
    opts.target.stored(leased);
  };
}
