// 表决结果 as a member types it: "赞成12票，反对0票，弃权1票", "选举 赞成8 反对0 弃权0", "未表决".
import type { VoteResult } from "../activity.js";

const count = (text: string, word: string): number | null => {
  const m = new RegExp(`(?:${word})\\s*[:：]?\\s*(\\d{1,5})`, "u").exec(text);
  return m ? Number(m[1]) : null;
};

/** The vote a text states, or null when it states none that can be read. */
export function parseVoteText(raw: string): VoteResult | null {
  const text = raw.normalize("NFKC").trim();
  if (/^(?:未|没有|无|不)(?:进行)?表决|^无$|^否$/u.test(text)) return { kind: "none", for: null, against: null, abstain: null };
  const result: VoteResult = {
    kind: /选举|当选|差额|等额/u.test(text) ? "election" : "vote",
    for: count(text, "赞成|同意"),
    against: count(text, "反对|不同意"),
    abstain: count(text, "弃权"),
  };
  return result.for === null && result.against === null && result.abstain === null ? null : result;
}
