// The one label function: the display names of kinds, kind groups and committee roles, in both languages.
// The names themselves are Fluent messages (locales/{zh,en}/kinds.ftl); src/i18n/kindNames.ts reads those
// files once and hands the parsed table to useKindNames, so this module stays pure (no file IO).
// Cards, /stats, /check, the flow's buttons, the ledger and documents all name a kind through kindLabel.
import { ACTIVITY_KINDS, KIND_GROUPS, type ActivityKind, type KindGroup } from "../kinds.js";
import { LANGS, type Lang } from "../lang.js";

export const COMMITTEE_ROLES = ["org", "pub", "disc"] as const;
/** A committee member's duty (支委分工): organisation, publicity, discipline inspection. */
export type CommitteeRole = (typeof COMMITTEE_ROLES)[number];

export interface NameTable {
  kind: Record<ActivityKind, string>;
  group: Record<KindGroup, string>;
  committeeRole: Record<CommitteeRole, string>;
}
export type KindNames = Record<Lang, NameTable>;

/** `key = text` lines of a Fluent file (comments and blank lines skipped); anything fancier is refused. */
function simpleMessages(ftl: string, file: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [i, line] of ftl.split(/\r?\n/).entries()) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    const m = /^([a-zA-Z][\w-]*) *= *(\S.*)$/.exec(line);
    if (!m || m[2]!.includes("{")) throw new Error(`${file}:${i + 1}: expected "key = text", got ${JSON.stringify(line)}`);
    out.set(m[1]!, m[2]!.trimEnd());
  }
  return out;
}

/** The table from the text of each language's kinds.ftl; throws naming what is missing or unknown. */
export function parseKindNames(ftl: Record<Lang, string>): KindNames {
  const parse = (lang: Lang): NameTable => {
    const file = `locales/${lang}/kinds.ftl`;
    const messages = simpleMessages(ftl[lang], file);
    const take = <K extends string>(prefix: string, keys: readonly K[]): Record<K, string> => {
      const entries = keys.map((k) => {
        const text = messages.get(`${prefix}-${k}`);
        if (text === undefined) throw new Error(`${file}: ${prefix}-${k} is missing`);
        messages.delete(`${prefix}-${k}`);
        return [k, text] as const;
      });
      return Object.fromEntries(entries) as Record<K, string>;
    };
    const table = {
      kind: take("kind", ACTIVITY_KINDS),
      group: take("group", KIND_GROUPS),
      committeeRole: take("committee-role", COMMITTEE_ROLES),
    };
    if (messages.size > 0) throw new Error(`${file}: unknown names ${[...messages.keys()].join(", ")}`);
    return table;
  };
  return { zh: parse("zh"), en: parse("en") };
}

let names: KindNames | null = null;

/** Installs the names (src/i18n/kindNames.ts does, once, when imported). */
export function useKindNames(table: KindNames): void {
  names = table;
}

function namesIn(lang: Lang): NameTable {
  if (!names) throw new Error("kind names are not loaded: import src/i18n/kindNames.js first (the app and jest's setup do)");
  return names[lang];
}

export function kindLabel(kind: ActivityKind, lang: Lang = "zh"): string {
  return namesIn(lang).kind[kind];
}

/** "支委会、党课" */
export function kindsLabel(kinds: readonly ActivityKind[], lang: Lang = "zh"): string {
  return kinds.map((k) => kindLabel(k, lang)).join(lang === "zh" ? "、" : ", ");
}

export function groupLabel(group: KindGroup, lang: Lang = "zh"): string {
  return namesIn(lang).group[group];
}

export function committeeRoleLabel(role: CommitteeRole, lang: Lang = "zh"): string {
  return namesIn(lang).committeeRole[role];
}

/** The kind whose name (in either language, any case) this is. */
export function kindNamed(name: string): ActivityKind | undefined {
  const s = name.toLowerCase();
  return ACTIVITY_KINDS.find((k) => LANGS.some((lang) => kindLabel(k, lang).toLowerCase() === s));
}
