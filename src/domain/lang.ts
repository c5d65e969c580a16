// The two languages the bot speaks: the one type for them everywhere.
export const LANGS = ["zh", "en"] as const;
export type Lang = (typeof LANGS)[number];
