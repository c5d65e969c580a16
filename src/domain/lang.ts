// The two languages the bot speaks: the one type for them everywhere.
export const LANGS = ["zh", "en"] as const;
export type Lang = (typeof LANGS)[number];

/** The language a stored or negotiated locale names, or the fallback when it names neither. */
export function toLang(value: string | null | undefined, fallback: Lang): Lang {
  return value === "zh" || value === "en" ? value : fallback;
}
