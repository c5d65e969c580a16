import { InlineKeyboard } from "grammy";
import { z } from "zod";
import type { Lang } from "../../domain/lang.js";
import { featureComposer } from "../featureComposer.js";

const langData = z.string().regex(/^lang:(zh|en)$/).transform((s) => s.slice(5) as Lang);

export function langFeature() {
  const feature = featureComposer();

  feature.command("lang", (ctx) =>
    ctx.reply(ctx.t("lang-choose"), { reply_markup: new InlineKeyboard().text("中文", "lang:zh").text("English", "lang:en") }),
  );

  feature.callbackQuery(/^lang:/, async (ctx) => {
    const parsed = langData.safeParse(ctx.callbackQuery.data);
    if (!parsed.success || !ctx.member) {
      await ctx.answerCallbackQuery({ text: ctx.t("error-bad-button") });
      return;
    }
    await ctx.deps.store.members.setLocale(ctx.member.id, parsed.data);
    ctx.member.locale = parsed.data;
    await ctx.i18n.renegotiateLocale();
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("lang-set"));
  });
  return feature;
}
