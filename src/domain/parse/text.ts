import type { Span } from "./types.js";

/** Stands in for a consumed character, so later patterns cannot match across or into it. */
export const MASK = "\u0000";

/**
 * Full-width ASCII (１２, ：, （）, ，, ；) becomes half-width and the ideographic space a plain one.
 * Every replacement is one UTF-16 unit for one, so offsets in the result are offsets in the original.
 */
export function normalize(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (ch.length === 1 && code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (ch === "\u3000" || ch === "\u00a0" || ch === "\t" || ch === "\r" || ch === "\n") out += " ";
    else if (ch === "\u2014" || ch === "\u2013" || ch === "\u2212") out += "-";
    else out += ch;
  }
  // A typo members make (same length: spans still match the original).
  return out.replace(/书计/g, "书记");
}

/** The message with a mask over what has been understood so far. */
export class MaskedText {
  readonly original: string;
  readonly normal: string;
  private readonly used: boolean[];

  constructor(original: string) {
    this.original = original;
    this.normal = normalize(original);
    this.used = new Array<boolean>(this.normal.length).fill(false);
  }

  consume(span: Span): void {
    for (let i = Math.max(0, span[0]); i < Math.min(span[1], this.used.length); i++) this.used[i] = true;
  }

  /** Gives characters back, e.g. for a phrase that should read whole in the title. */
  release(span: Span): void {
    for (let i = Math.max(0, span[0]); i < Math.min(span[1], this.used.length); i++) this.used[i] = false;
  }

  consumeAll(spans: readonly Span[]): void {
    for (const span of spans) this.consume(span);
  }

  /** The normalised text with consumed characters replaced by MASK. */
  view(): string {
    let out = "";
    for (let i = 0; i < this.normal.length; i++) out += this.used[i] ? MASK : this.normal[i];
    return out;
  }

  /** Unconsumed runs of the original text, as [start, end) spans. */
  freeRuns(): Span[] {
    const runs: Span[] = [];
    let start = -1;
    for (let i = 0; i <= this.used.length; i++) {
      const free = i < this.used.length && !this.used[i];
      if (free && start < 0) start = i;
      if (!free && start >= 0) {
        runs.push([start, i]);
        start = -1;
      }
    }
    return runs;
  }
}

/** Replace the given spans of `text` by MASK (same length, so offsets still hold). */
export function maskSpans(text: string, spans: readonly Span[]): string {
  let out = text;
  for (const [s, e] of spans) out = out.slice(0, s) + MASK.repeat(Math.max(0, e - s)) + out.slice(e);
  return out;
}

/** Each pattern's global twin, made once (compiling a RegExp per call cost more than the matching). */
const GLOBAL = new WeakMap<RegExp, RegExp>();

/** All matches of a regex in `text` as { match, span }, found before the caller sees the first. */
export function matchesOf(text: string, re: RegExp): { m: RegExpExecArray; span: Span }[] {
  let g = GLOBAL.get(re);
  if (!g) GLOBAL.set(re, (g = new RegExp(re.source, re.flags.includes("g") ? re.flags : re.flags + "g")));
  g.lastIndex = 0;
  const found: { m: RegExpExecArray; span: Span }[] = [];
  let m: RegExpExecArray | null;
  while ((m = g.exec(text)) !== null) {
    if (m[0].length === 0) {
      g.lastIndex++;
      continue;
    }
    found.push({ m, span: [m.index, m.index + m[0].length] });
  }
  return found;
}
