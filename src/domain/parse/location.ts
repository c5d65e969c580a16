import { matchesOf } from "./text.js";
import type { Span } from "./types.js";

/** A place name ends in one of these; without one, 在/到/赴 + text is not taken as a place. */
const PLACE_END =
  /会议室|活动室|党员之家|服务中心|服务站|基地|纪念馆|博物馆|展览馆|陈列馆|图书馆|体育馆|馆|社区|街道|村|镇|乡|学校|小学|中学|大学|学院|医院|公园|广场|礼堂|报告厅|厅|室|楼|中心|站|园|院|所|旧址|故居|遗址|会场|车间|工地|项目部|现场|公司|工厂|厂|景区|纪念碑|陵园|营地|局/g;
/** Where the place stops and the activity starts: 赴养老服务站|开展反诈宣传. */
const PLACE_STOP = /召开|开展|举行|举办|组织|参加|进行|学习|观看|参观|集中|开会|听取|聆听|重温|缅怀|接受|的|和|与|及/;

function placeIn(candidate: string): string | null {
  const stop = PLACE_STOP.exec(candidate);
  const text = stop ? candidate.slice(0, stop.index) : candidate;
  let end = 0;
  for (const m of text.matchAll(PLACE_END)) end = Math.max(end, m.index + m[0].length);
  const place = text.slice(0, end).trim();
  return place.length >= 2 ? place : null;
}

export interface LocationFinding {
  location: string | null;
  spans: Span[];
}

const SEG = "([^\\s,;。、!?()\\u0000]{2,30})";
const LABELLED = /(?:会议|活动)?地点\s*:?\s*([^,;。!?\u0000]{2,30})/;
const AT_PLACE = new RegExp(`(?<![关对属基由至等终善勇存现正实所好自做达收])(?:在|于|赴|到|前往|走进|来到|深入|(?<![过失出回上下进离])去了?)\\s*${SEG}`);
const VISITING = new RegExp(`(?:参观|走访|瞻仰)(?:了)?\\s*${SEG}`);

/**
 * Where the activity took place. 地点：X takes X as written; 在/于/赴/到/前往/走进 + X needs a place
 * ending (会议室, 服务站, 基地…) and the phrase leaves the title; 参观/走访/瞻仰 + X sets the location but
 * stays in the title, because the visit is what the activity was. 线上/腾讯会议 is the location "线上"/…
 */
export function findLocation(view: string): LocationFinding {
  const labelled = LABELLED.exec(view);
  if (labelled?.[1]) {
    return { location: labelled[1].trim(), spans: [[labelled.index, labelled.index + labelled[0].length]] };
  }
  for (const { m, span } of matchesOf(view, AT_PLACE)) {
    const place = placeIn(m[1] ?? "");
    if (!place) continue;
    const placeStart = span[0] + m[0].indexOf(place);
    // 赴革命纪念馆参观, 去烈士陵园祭扫: with only a short verb after it, the place is what the activity was.
    const after = /^[\u4e00-\u9fff]*/.exec(view.slice(placeStart + place.length))?.[0] ?? "";
    if (after.length >= 1 && after.length <= 2 && !/^(?:召开|开展|举行|举办|组织|进行|参加|集中|开会|学习|做|搞|干)/.test(after)) return { location: place, spans: [] };
    return { location: place, spans: [[span[0], placeStart + place.length]] };
  }
  for (const { m } of matchesOf(view, VISITING)) {
    const place = placeIn(m[1] ?? "");
    if (place) return { location: place, spans: [] };
  }
  const online = [...view.matchAll(/(?:通过)?(线上|腾讯会议|视频会议|钉钉会议|云端)(?:方式|形式)?/g)];
  if (online[0]?.[1]) {
    return { location: online[0][1], spans: online.map((m): Span => [m.index, m.index + m[0].length]) };
  }
  return { location: null, spans: [] };
}
