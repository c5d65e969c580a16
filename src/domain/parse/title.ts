import { KIND_LEXICON } from "./kinds.js";
import { matchesOf } from "./text.js";
import type { Span } from "./types.js";

const QUOTED = /《([^《》]{1,80})》|“([^“”]{1,80})”|"([^"]{1,80})"|「([^「」]{1,80})」|『([^『』]{1,80})』|‘([^‘’]{1,80})’/;
const FILM_BEFORE = /(?:观看|收看|观影|看了|(?<!参)观|放映)(?:了)?(?:[\u4e00-\u9fff]{0,4}?(?:警示教育片|警示片|电影|影片|专题片|纪录片|廉政片))?\s*$/;
const FILM_AFTER = /^\s*(?:等)?\s*(?:警示教育片|警示片|电影|影片|专题片|纪录片|廉政片)/;
const KIND_TERMS = new Set(KIND_LEXICON.map((k) => k.term));

export interface QuoteFinding {
  title: string | null;
  films: string[];
  spans: Span[];
}

/**
 * Quoted text: films (观看《永远在路上》, 《坚如磐石》等警示教育片) go to details.films, the first other
 * quote is the title. A quote that only names a kind (落实“第一议题”) is neither and stays in the text.
 */
export function findQuotes(view: string): QuoteFinding {
  const found: QuoteFinding = { title: null, films: [], spans: [] };
  let previousFilmEnd = -1;
  for (const { m, span } of matchesOf(view, QUOTED)) {
    const inner = (m.slice(1).find((g) => g !== undefined) ?? "").trim();
    // A quoted kind (落实“第一议题”) or a short word (“七一”前夕) is part of the sentence, not a title.
    if ((inner.length < 3 && !m[0].startsWith("《")) || KIND_TERMS.has(inner)) continue;
    const before = view.slice(Math.max(0, span[0] - 14), span[0]).split(/[,;。!?]/).pop() ?? "";
    const chained = previousFilmEnd >= 0 && /^[\s、,和及与]*$/.test(view.slice(previousFilmEnd, span[0]));
    const isFilm = chained || FILM_BEFORE.test(before) || FILM_AFTER.test(view.slice(span[1]));
    if (isFilm) {
      found.films.push(inner);
      previousFilmEnd = span[1];
    } else if (found.title === null) {
      found.title = inner;
    }
    found.spans.push(span);
  }
  return found;
}

/** Words that carry no topic of their own: a leftover made only of them is not a title. */
const FILLER = [
  "组织召开", "组织开展", "组织党员", "召开了", "举行了", "举办了", "开展了", "进行了", "参加了", "组织了",
  "全体党员", "我支部", "本支部", "党支部", "同志们", "会议内容", "学习内容", "主题为", "主题是", "内容为",
  "都到了", "都参加了", "都来了", "都去了", "都在", "刚开完", "开完", "开的", "听众", "讲的", "讲了", "做了", "讲的", "一篇", "的事", "支委",
  "开了个", "开了一个", "搞了个", "搞了", "干了", "忙了", "用了", "花了", "大约", "大概", "左右", "记一下", "记录一下", "前两天", "前几天", "这两天", "这几天", "最近", "时长", "历时", "用时", "党员干部", "参评", "扩大", "来了", "去了", "到了", "都来了", "一下", "一场", "一期", "一个", "今天", "大伙",
  "召开", "开了", "举行", "举办", "组织", "开展", "进行", "参加", "参与", "集中", "全体", "党员", "支部",
  "活动", "会议", "大会", "专题会", "工作会", "一次", "其中", "本次", "此次", "会上", "期间", "大家", "我们",
  "主题", "题目", "议题", "内容", "相关", "完成", "以及", "同时", "线下", "各位", "一起", "共同", "如下",
  "情况", "开会", "观看", "参观", "开", "会", "了", "的", "和", "及", "与", "暨", "并", "后", "时", "在",
  "于", "共", "由", "上", "中", "等", "为", "是", "有", "次", "人", "名", "场",
].sort((a, b) => b.length - a.length);

export function isFiller(piece: string): boolean {
  let rest = piece.replace(/[\s\-~～—.·、]/g, "");
  let changed = true;
  while (changed && rest !== "") {
    changed = false;
    for (const word of FILLER) {
      if (rest.startsWith(word)) {
        rest = rest.slice(word.length);
        changed = true;
        break;
      }
    }
  }
  return rest === "";
}

/** 与李明同志开展谈心谈话 → 与李明同志谈心谈话: a talk phrase without its filler verbs. */
export function talkTitle(original: string, span: Span): string {
  return original.slice(span[0], span[1]).replace(/(?:开展了?|进行了?|组织)(?=(?:一对一)?(?:谈心|谈话|集体谈话|廉政谈话))/g, "")
    .replace(/谈了谈心|谈了个心|谈了心/, "谈心").replace(/^我/, "").replace(/^(?:跟|同|和)/, "与").trim();
}

/** The title from what no other part of the parser took: the pieces that say something, joined. */
export function residualTitle(original: string, runs: readonly Span[], first: readonly string[] = []): string | null {
  const pieces: string[] = [...first];
  for (const [s, e] of runs) {
    for (const raw of original.slice(s, e).split(/[,;:!?，；：！？。()（）【】[\]]+/)) {
      const piece = raw
        .replace(/^[\s、,.\-~～—和及与并暨]+|[\s、,.\-~～—和及与并暨]+$/g, "")
        .replace(/^(?:我|本)?(?:党支部|支部)(?=召开)/, "")
        .replace(/^(?:召开了|召开|开了个|开了一个|开了|搞了个|搞了|举行了|举行|举办了|举办|组织开展了|组织开展|开展了|进行了|去了|来了)/, "")
        .replace(/(?:活动|工作)?(?:的)?$/, (m) => (m === "" ? "" : m.startsWith("的") ? "" : m));
      const words = piece.split(" ").filter((w) => !isFiller(w));
      const cleaned = words.join(" ")
        .replace(/^(?:了(?!解|结)|的)+/, "")
        .replace(/(?:开展|进行|组织)$/, "")
        .replace(/(?<![第一二两三四五六七八九十\d])[一二两三四五六七八九十\d]+(?:篇|份|期)$/, "")
        .replace(/^(?:内容包括|内容有|内容是|内容为|主题是|主题为|题目是|题目为|议题是|议题为|讲的是|讲的|组织大家|组织党员干部|组织党员|带领大家|带领党员)/, "")
        .replace(/^(学习|参观|观看|研究|讨论|开展|组织|传达|审议|交流|撰写|慰问|去看)了(?:一下|下)?/, "$1");

      // 11月份, xx党支部 (the branch reporting): when and who, not what.
      if (/^(?:\d{1,2}|[一二三四五六七八九十]{1,3})月份?$/.test(cleaned) || /^\d{4}年度?第[\d一二三四五六七八九十]{1,3}次$/.test(cleaned) || /^[\u4e00-\u9fffA-Za-z\d]{0,12}(?:党支部|党总支)$/.test(cleaned)) continue;
      if (cleaned.length < 2 || cleaned === "学习" || !/[\u4e00-\u9fffA-Za-z]/.test(cleaned) || isFiller(cleaned) || /^第[一二三四五六七八九十\d]{1,3}次?$/.test(cleaned)) continue;
      pieces.push(cleaned);
    }
  }
  return pieces.length > 0 ? pieces.join("，") : null;
}
