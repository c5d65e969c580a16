/** A tiny grammY bot for the sandbox tests, and small HTTP helpers. */
import { Bot, InlineKeyboard, InputFile, Keyboard } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Sandbox, SandboxFetch } from "../../../src/server/sandbox/index.js";

export const TOKEN = "123456:TEST-token";

export interface EchoBot {
  bot: Bot;
  stop(): Promise<void>;
}

/** Replies "echo: <text>", shows keyboards, answers buttons, sends files. */
export function buildEchoBot(sandbox: Sandbox, client: { apiRoot: string; fetch?: SandboxFetch } = { apiRoot: sandbox.apiRoot }): Bot {
  const bot = new Bot(TOKEN, {
    client,
    botInfo: sandbox.botInfo as unknown as UserFromGetMe,
  });
  bot.command("start", (ctx) => ctx.reply("欢迎使用！请选择：", {
    reply_markup: new InlineKeyboard().text("确认", "ok").text("取消", "cancel").row().url("帮助", "https://example.com/help"),
  }));
  bot.command("menu", (ctx) => ctx.reply("请选择类型", {
    reply_markup: new Keyboard().text("支委会").text("党课").resized().oneTime(),
  }));
  bot.command("hide", (ctx) => ctx.reply("键盘已收起", { reply_markup: { remove_keyboard: true } }));
  bot.command("file", (ctx) => ctx.replyWithDocument(
    new InputFile(Buffer.from("台账内容 ledger bytes"), "2024年 台账 (草稿).xlsx"), { caption: "导出完成" },
  ));
  bot.command("html", (ctx) => ctx.reply("<b>粗体</b> 与 <a href=\"https://example.com\">链接</a> &amp; 1 &lt; 2", { parse_mode: "HTML" }));
  bot.callbackQuery("ok", async (ctx) => {
    await ctx.answerCallbackQuery({ text: "已确认" });
    await ctx.editMessageText("已确认 ✅");
  });
  bot.callbackQuery("cancel", async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.deleteMessage();
  });
  bot.on("message:photo", async (ctx) => {
    const photo = ctx.message.photo.at(-1);
    const file = await ctx.api.getFile(photo?.file_id ?? "");
    const res = await fetch(`${sandbox.apiRoot}/file/bot${TOKEN}/${file.file_path}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    await ctx.reply(`收到图片 ${photo?.width}x${photo?.height}，${bytes.length} 字节`);
  });
  bot.on("message:text", (ctx) => ctx.reply(`echo: ${ctx.message.text}`));
  bot.on("edited_message:text", (ctx) => ctx.reply(`edited: ${ctx.editedMessage.text}`));
  bot.on("my_chat_member", (ctx) => {
    if (ctx.myChatMember.new_chat_member.status === "member" && ctx.chat.type !== "private") {
      return ctx.reply(`大家好，我加入了 ${ctx.chat.title}`);
    }
  });
  bot.catch((err) => { console.error("echo bot error", err.error); });
  return bot;
}

/** Starts long polling and resolves once the bot polls. */
export async function startEchoBot(sandbox: Sandbox, client?: { apiRoot: string; fetch?: SandboxFetch }): Promise<EchoBot> {
  const bot = buildEchoBot(sandbox, client);
  let started!: () => void;
  const ready = new Promise<void>((r) => { started = r; });
  const running = bot.start({ onStart: () => started(), timeout: 10 });
  await ready;
  return {
    bot,
    stop: async () => { await bot.stop(); await running; },
  };
}

export interface ApiResult { status: number; body: { ok: boolean; result?: unknown; error_code?: number; description?: string; parameters?: { retry_after?: number } } }

/** Calls the sandbox's Bot API with a JSON body. */
export async function call(sandbox: Sandbox, method: string, params: Record<string, unknown> = {}, token = TOKEN): Promise<ApiResult> {
  const res = await fetch(`${sandbox.apiRoot}/bot${token}/${method}`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(params),
  });
  return { status: res.status, body: await res.json() as ApiResult["body"] };
}

/** A 1x1 PNG. */
export const PNG_1x1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64",
);
