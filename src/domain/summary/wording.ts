// Shared wording helpers of the summary: placeholders, ordinals, quoted lists, figure collection.
import type { ActivityKind } from "../kinds.js";
import { tallyOf } from "../tally/tally.js";
import { personTimesFor } from "./records.js";
import type { DetailSum, FigureKey, SummaryFigure, SummaryInput } from "./types.js";

/** What the draft says where the ledger has no data. */
export const TO_FILL = "【待补充】";
/** Marks template paragraphs the secretary is expected to rewrite. */
export const TEMPLATE_MARK = "【参考表述，请结合实际修改】";

const ORDINALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"] as const;

export function ordinal(index: number): string {
  return ORDINALS[index] ?? String(index + 1);
}

/** Strips quotes and book-title marks someone typed around a title. */
const PAIRS: Record<string, string> = { "“": "”", '"': '"', "'": "'", "‘": "’", "《": "》", "「": "」", "『": "』" };

export function bareTitle(title: string): string {
  let t = title.trim();
  for (;;) {
    const close = PAIRS[t.charAt(0)];
    if (!close || t.length < 2 || !t.endsWith(close)) return t;
    t = t.slice(1, -1).trim();
  }
}

function uniq(items: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of items) {
    const t = bareTitle(raw);
    if (t && !seen.has(t)) {
      seen.add(t);
      out.push(t);
    }
  }
  return out;
}

/** “A”、“B”、“C” — at most `max` titles; `more` is true when some were left out. */
export function quoted(items: readonly string[], max = 5): { text: string; more: boolean; count: number } {
  const all = uniq(items);
  return { text: all.slice(0, max).map((t) => `“${t}”`).join("、"), more: all.length > max, count: all.length };
}

/** 《A》、《B》 */
export function bookTitles(items: readonly string[], max = 5): { text: string; more: boolean; count: number } {
  const all = uniq(items);
  return { text: all.slice(0, max).map((t) => `《${t}》`).join("、"), more: all.length > max, count: all.length };
}

const TITLE_SUFFIX = /(?:同志|支部书记|副书记|书记|组织委员|宣传委员|纪检委员|委员|支委|主任|老师)$/u;

/**
 * A 主讲人 as a summary names them: "王建国书记" → "王建国同志"; a surname with a title ("李书记") stays
 * as recorded, since the full name is not known.
 */
export function speakerName(raw: string): string {
  const name = raw.trim();
  const bare = name.replace(TITLE_SUFFIX, "");
  if (bare === name) return `${name}同志`;
  return bare.length >= 2 ? `${bare}同志` : name;
}

/** A point of a part: "一是{lead}。{sentences}" when backed by data, else "一是{topic}：【待补充】。" */
export interface Point {
  lead: string;
  topic: string;
  /** Sentences stating facts; empty means no data. Each ends with 。 */
  sentences: string[];
}

export function renderPoints(points: readonly Point[]): { paragraph: string; placeholders: boolean } {
  let placeholders = false;
  const text = points
    .map((p, i) => {
      const head = `${ordinal(i)}是`;
      if (p.sentences.length === 0) {
        placeholders = true;
        return `${head}${p.topic}：${TO_FILL}。`;
      }
      if (p.sentences.some((s) => s.includes(TO_FILL))) placeholders = true;
      return `${head}${p.lead}。${p.sentences.join("")}`;
    })
    .join("");
  return { paragraph: text, placeholders };
}

/** Reads counts from the input and records every figure the text states. */
export class FigureBook {
  readonly figures: SummaryFigure[] = [];

  constructor(readonly input: SummaryInput) {}

  events(kind: ActivityKind): number {
    return tallyOf(this.input.tallies, kind).events;
  }

  personTimes(kind: ActivityKind): number {
    return tallyOf(this.input.tallies, kind).personTimes;
  }

  /** Records of `kind` whose 人次 is blank (0): the kind's 人次 is a sum over the others only. */
  personTimesMissing(kind: ActivityKind): number {
    return this.input.records.filter((r) => r.kinds.includes(kind) && !(personTimesFor(r, kind) > 0)).length;
  }

  /** "，覆盖60人次", "，覆盖12人次（另有1次党课未填写人次）", or "" when no record states 人次. */
  personTimesClause(kind: ActivityKind, verb: string, label: string): string {
    return personTimesClause(verb, this.personTimes(kind), this.personTimesMissing(kind), label);
  }

  /** Records that the text states `statement` for `key`, and returns the statement. */
  state(key: FigureKey, statement: string, events: number, personTimes = 0): string {
    this.figures.push({ key, statement, events, personTimes });
    return statement;
  }
}

/** "【另有9次党务公开未填写项数】": a tool note on records left out of a sum because they leave the figure blank. */
export function blankNote(missing: number, label: string, what: string): string {
  return missing > 0 ? `【另有${missing}次${label}未填写${what}】` : "";
}

/** "，涉及27人次" when known (with a note on the records that leave it blank), else "". */
export function personTimesClause(verb: string, personTimes: number, missing = 0, label = ""): string {
  return personTimes > 0 ? `，${verb}${personTimes}人次${blankNote(missing, label, "人次")}` : "";
}

/**
 * A figure summed over some of the kind's `events` records: `stated(total)` as it is, with a note on how
 * many records leave it blank; null when no record states it (the caller says 【待补充】 instead).
 */
export function summed(sum: DetailSum, events: number, stated: (n: number) => string, label: string, what: string): string | null {
  if (sum.recorded <= 0) return null;
  return `${stated(sum.total)}${blankNote(events - sum.recorded, label, what)}`;
}
