import { matchesOf } from "./text.js";
import type { Span } from "./types.js";

const TALK_VERB = /(?:进行|开展)?(?:了)?(?:一对一)?(?:谈心谈话|廉政谈话|集体谈话|谈了谈心|谈心|谈话)/;
const WITH = /与|和|同|跟|对/;
/** The reporter, when a line names only the other side of a talk. */
export const SELF = "我";

function side(raw: string): string | null {
  const s = raw
    .replace(/^(?:由|组织|开展|其中|分别|并)+/, "")
    .replace(/(?:分别|逐一|分别地|先后|等|开展|进行|同志|谈了|谈)+$/, "")
    .replace(/同志$/, "")
    .trim();
  return s.length >= 1 && s.length <= 8 && /^[\u4e00-\u9fff·A-Za-z]+$/.test(s) ? s : null;
}

export interface TalkFinding {
  pairs: string[];
  /** The whole "A与B谈话" phrases, which read best kept whole in the title. */
  spans: Span[];
}

/**
 * Who talked with whom: 书记与王某某谈话 → "书记–王某某"; 书记分别与张三、李四谈心 → two pairs;
 * 书记与委员、委员与党员谈心谈话 → "书记–委员", "委员–党员".
 */
export function findTalkPairs(view: string): TalkFinding {
  const found: TalkFinding = { pairs: [], spans: [] };
  for (const { span } of matchesOf(view, TALK_VERB)) {
    let start = span[0];
    while (start > 0 && /[\u4e00-\u9fff·A-Za-z、]/.test(view[start - 1] ?? "")) start--;
    const clause = view.slice(start, span[0]).replace(/^我/, "");
    if (!WITH.test(clause)) continue;
    let left: string | null = null;
    const pairs: string[] = [];
    for (const part of clause.split("、")) {
      const m = /^(.*?)(?:与|和|同|跟|对)(.+)$/.exec(part);
      // 与李明同志开展谈心谈话: the one reporting is the other side ("我").
      const a: string | null = m ? (m[1]?.trim() === "" && pairs.length === 0 ? SELF : side(m[1] ?? "")) : left;
      const b = side(m ? (m[2] ?? "") : part);
      if (!a || !b) continue;
      left = a;
      pairs.push(`${a}–${b}`);
    }
    if (pairs.length === 0) continue;
    for (const p of pairs) if (!found.pairs.includes(p)) found.pairs.push(p);
    found.spans.push([start, span[1]]);
  }
  return found;
}
