// One type for the bot's two languages (Lang, src/domain/lang.ts) and one way to learn an update's
// language (langOf, src/bot/i18n.ts): a second alias or a second langOf fails here.
import { sourcesUnder } from "./sources.js";

const RULES = [
  { what: 'a "zh" | "en" type (use Lang from src/domain/lang.ts)', pattern: /"(zh|en)"\s*\|\s*"(zh|en)"/, home: null },
  { what: "a check that a value is zh or en (use toLang)", pattern: /=== "(zh|en)" \|\| \w+ === "(zh|en)"/, home: "src/domain/lang.ts" },
  {
    what: "a read of the update's locale (use langOf from src/bot/i18n.ts)",
    pattern: /\.getLocale\(\)\s*\)\s*===/,
    home: "src/bot/i18n.ts",
  },
  {
    what: "a type derived from a list of languages (use Lang)",
    pattern: /\(typeof \w*(LOCALES|LANGS)\)\[number\]/,
    home: "src/domain/lang.ts",
  },
] as const;

describe("one Lang, one langOf", () => {
  const sources = sourcesUnder("src");

  it.each(RULES.map((r) => [r.what, r] as const))("only its home has %s", (_, rule) => {
    const homes = sources.filter((s) => rule.pattern.test(s.text)).map((s) => s.file);
    expect(homes).toEqual(rule.home ? [rule.home] : []);
  });
});
