import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import { localesDir } from "../paths.js";

export const SUPPORTED_LOCALES = ["zh", "en"] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

export function toSupportedLocale(value: string | null | undefined, fallback: SupportedLocale): SupportedLocale {
  return value === "zh" || value === "en" ? value : fallback;
}

/**
 * One I18n for the whole process. The locale comes from what the member chose (stored in the
 * database, put on ctx.member by the member middleware); otherwise the configured default.
 */
export function createI18n<C extends Context>(
  defaultLocale: SupportedLocale,
  localeOf: (ctx: C) => string | null | undefined | Promise<string | null | undefined>,
) {
  const i18n = new I18n<C>({
    defaultLocale,
    directory: localesDir,
    useSession: false,
    // Without this, U+2068/U+2069 marks surround every placeable in messages.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: async (ctx) => toSupportedLocale(await localeOf(ctx), defaultLocale),
  });
  return i18n;
}
