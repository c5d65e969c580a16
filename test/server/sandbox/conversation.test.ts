import { conversations, createConversation, type Conversation, type ConversationFlavor } from "@grammyjs/conversations";
import { Bot, InlineKeyboard, type Context } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { createSandbox, type Sandbox } from "../../../src/server/sandbox/index.js";
import { TOKEN } from "./helpers.js";

type Ctx = ConversationFlavor<Context>;

/** @grammyjs/conversations replays recorded API results, so they must be realistic Messages. */
describe("sandbox with @grammyjs/conversations", () => {
  let sandbox: Sandbox;
  let bot: Bot<Ctx>;
  let running: Promise<void>;

  beforeEach(async () => {
    sandbox = await createSandbox();
    bot = new Bot<Ctx>(TOKEN, { client: { apiRoot: sandbox.apiRoot }, botInfo: sandbox.botInfo as unknown as UserFromGetMe });
    bot.use(conversations());
    async function record(conversation: Conversation<Ctx, Context>, ctx: Context): Promise<void> {
      const question = await ctx.reply("活动名称？");
      const title = await conversation.waitFor("message:text");
      const card = await ctx.reply(`「${title.message.text}」确认保存？`, {
        reply_parameters: { message_id: title.message.message_id },
        reply_markup: new InlineKeyboard().text("保存", "save").text("取消", "cancel"),
      });
      const press = await conversation.waitForCallbackQuery(["save", "cancel"]);
      await press.answerCallbackQuery(press.callbackQuery.data === "save" ? "已保存" : "已取消");
      await ctx.api.editMessageText(card.chat.id, card.message_id, `已保存：${title.message.text}（问题 #${question.message_id}）`);
    }
    bot.use(createConversation(record, "record"));
    bot.command("log", (ctx) => ctx.conversation.enter("record"));
    let ready!: () => void;
    const started = new Promise<void>((r) => { ready = r; });
    running = bot.start({ onStart: () => ready(), timeout: 10 });
    await started;
  });
  afterEach(async () => {
    await bot.stop();
    await running;
    await sandbox.close();
  });

  it("runs a multi-step conversation with a reply and a button", async () => {
    const u = sandbox.user({ id: 77, first_name: "党员" });
    await u.command("log");
    const q = await u.next();
    expect(q.text).toBe("活动名称？");
    const answer = await u.say("主题党日");
    const card = await u.next();
    expect(card.reply_to).toBe(answer.message_id);
    expect(card.text).toBe("「主题党日」确认保存？");
    const pressed = await u.press("保存");
    if (pressed.kind !== "callback") throw new Error("expected a callback button");
    expect(await pressed.answer()).toEqual({ text: "已保存" });
    const saved = await u.next();
    expect(saved).toMatchObject({ kind: "edit", message_id: card.message_id, text: `已保存：主题党日（问题 #${q.message_id}）` });
  });
});
