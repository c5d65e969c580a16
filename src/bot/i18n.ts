import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import { toLang, type Lang } from "../domain/lang.js";
import { localesDir } from "../paths.js";
// Installs the names of kinds (locales/*/kinds.ftl) for the domain's kindLabel.
import "../i18n/kindNames.js";

/** The language of this update's answer: the one langOf (the member's choice, else the configured default). */
export async function langOf(ctx: { i18n: { getLocale(): Promise<string> } }): Promise<Lang> {
  return (await ctx.i18n.getLocale()) === "en" ? "en" : "zh";
}

/**
 * One I18n for the whole process. The locale comes from what the member chose (stored in the
 * database, put on ctx.member by the member middleware); otherwise the configured default.
 */
export function createI18n<C extends Context>(
  defaultLocale: Lang,
  localeOf: (ctx: C) => string | null | undefined | Promise<string | null | undefined>,
) {
  const i18n = new I18n<C>({
    defaultLocale,
    directory: localesDir,
    useSession: false,
    // Without this, U+2068/U+2069 marks surround every placeable in messages.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: async (ctx) => toLang(await localeOf(ctx), defaultLocale),
  });
  return i18n;
}

/**
 * Numbers as plain digits: Fluent would format 2023 as "2,023" and #1234 as "#1,234", which reads
 * wrong in Chinese text (years, record numbers, counts).
 */
export function plainNumbers<V extends Record<string, unknown> | undefined>(vars: V): V {
  if (!vars) return vars;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(vars)) out[k] = typeof v === "number" ? String(v) : v;
  return out as V;
}

/** Middleware: ctx.t with plain numbers. */
export function plainNumberTranslations<C extends Context & { t: (key: string, vars?: Record<string, never>) => string }>() {
  return (ctx: C, next: () => Promise<void>) => {
    const t = ctx.t.bind(ctx);
    const wrapped = ((key: string, vars?: Record<string, never>) => t(key, plainNumbers(vars))) as C["t"];
    ctx.t = wrapped;
    (ctx as unknown as { translate: C["t"] }).translate = wrapped;
    return next();
  };
}
