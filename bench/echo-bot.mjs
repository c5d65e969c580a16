// The bench's reference bots, in their own process like ours: a bare grammY bot (runner, one handler
// that replies) and the floor for a ledger bot (the same bot storing each /log with one SQLite INSERT).
//   BOT_TOKEN=… TELEGRAM_API_ROOT=… FLOOR_DB=/tmp/floor.db node bench/echo-bot.mjs
import { run } from "@grammyjs/runner";
import Database from "better-sqlite3";
import { Bot } from "grammy";

const db = new Database(process.env.FLOOR_DB ?? ":memory:");
db.pragma("journal_mode = WAL");
db.exec("CREATE TABLE IF NOT EXISTS report (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, text TEXT NOT NULL, at INTEGER NOT NULL)");
const insert = db.prepare("INSERT INTO report (user_id, text, at) VALUES (?, ?, ?)");

const bot = new Bot(process.env.BOT_TOKEN, { client: { apiRoot: process.env.TELEGRAM_API_ROOT } });
bot.on("message:text", async (ctx) => {
  if (ctx.message.text.startsWith("/log ")) {
    const { lastInsertRowid } = insert.run(ctx.from.id, ctx.message.text.slice(5), Date.now());
    await ctx.reply(`✅ 已记录 #${lastInsertRowid}`);
  } else {
    await ctx.reply("ok");
  }
});
await bot.init();
const runner = run(bot);
console.log("echo bot: polling");
const stop = () => void runner.stop().then(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
