// The real bot in-process for the in-process benches (handler.ts, stats.ts): its real store, the Bot API
// answered at once in memory, and private-chat commands as a member sends them.
import type { Update } from "grammy/types";
import { pino } from "pino";
import { createBot } from "../src/bot/createBot.js";
import { loadConfig } from "../src/config.js";
import type { Store } from "../src/db/store.js";

export function inProcessBot(url: string, store: Store, onCall?: (method: string) => void) {
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: "silent" });
  const { bot } = createBot(
    "1000000002:in-process",
    { config, store, logger: pino({ level: "silent" }), now: () => new Date() },
    { throttle: false, botInfo: { id: 1000000002, is_bot: true, first_name: "台账", username: "ledger_bot" } as never },
  );
  let messageId = 1;
  bot.api.config.use(async (_prev, method, payload) => {
    onCall?.(method);
    const chat = (payload as { chat_id?: number }).chat_id ?? 0;
    const result = method.startsWith("send") ? { message_id: messageId++, date: 0, chat: { id: chat, type: "private" }, text: "" } : true;
    return { ok: true, result } as never;
  });
  let updateId = 1;
  /** `text` ("/log …") sent by `from` in their private chat with the bot. */
  const command = (from: number, text: string): Update =>
    ({
      update_id: updateId++,
      message: {
        message_id: updateId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: from, type: "private", first_name: "党员" },
        from: { id: from, is_bot: false, first_name: "党员" },
        text,
        entities: [{ type: "bot_command", offset: 0, length: text.indexOf(" ") > 0 ? text.indexOf(" ") : text.length }],
      },
    }) as unknown as Update;
  return { bot, command };
}
