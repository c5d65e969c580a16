// featureComposer() tests predicates in place of grammY's branch → lazy: the same handlers must run, in
// the same order, as with grammY's own Composer.
import { Composer, Context } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import { featureComposer } from "../../src/bot/featureComposer.js";
import type { BotContext } from "../../src/bot/context.js";

const me = { id: 1, is_bot: true, first_name: "台账", username: "ledger_bot" } as UserFromGetMe;
const message = (text: string): Update => ({
  update_id: 1,
  message: {
    message_id: 1,
    date: 0,
    chat: { id: 7, type: "private", first_name: "党员" },
    from: { id: 7, is_bot: false, first_name: "党员" },
    text,
    ...(text.startsWith("/") ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] } : {}),
  },
});

/** The same feature on a given Composer: which handlers ran, in order. */
function build(feature: Composer<BotContext>, ran: string[]) {
  feature.command("stats", (ctx, next) => {
    ran.push(`stats:${String(ctx.match)}`);
    return next();
  });
  feature.command("stats").use(() => void ran.push("stats again"));
  feature.filter(
    async (ctx) => ctx.msg?.text === "async",
    () => void ran.push("async filter"),
  );
  feature.on("message:text").filter(
    (ctx) => ctx.msg.text.includes("党课"),
    () => void ran.push("党课"),
  );
  feature.drop(
    (ctx) => ctx.msg?.text === "drop",
    () => void ran.push("not dropped"),
  );
  feature.use(() => void ran.push("fallthrough"));
  return feature;
}

async function run(feature: Composer<BotContext>, text: string) {
  const ran: string[] = [];
  await build(feature, ran).middleware()(new Context(message(text), {} as never, me) as BotContext, async () => void ran.push("next"));
  return ran;
}

describe("featureComposer", () => {
  it.each(["/stats 2023", "/stats", "async", "开展党课", "drop", "随便说说", "/help"])(
    "runs what grammY's Composer runs for %s",
    async (text) => {
      const ours = await run(featureComposer(), text);
      expect(ours).toEqual(await run(new Composer<BotContext>(), text));
      expect(ours.length).toBeGreaterThan(0);
    },
  );
});
