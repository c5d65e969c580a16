// Which party group a 党小组会 record names ("第一党小组学习…", "一组党小组会").
import type { PartyGroupRef } from "./types.js";

/** The group whose name appears in the text (the longest name wins: 第十一党小组 over 第一党小组), or null. */
export function groupNamedIn(text: string, groups: readonly PartyGroupRef[]): PartyGroupRef | null {
  const plain = text.normalize("NFKC");
  const found = groups.filter((g) => g.name.trim().length > 0 && plain.includes(g.name.normalize("NFKC").trim()));
  return found.sort((a, b) => b.name.length - a.name.length)[0] ?? null;
}
