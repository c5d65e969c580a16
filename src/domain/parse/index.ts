import { todayIn } from "../calendar/index.js";
import { parseCount } from "./numbers.js";
import { findCounts } from "./counts.js";
import { findDateAndTime } from "./dates.js";
import { findKinds } from "./kinds.js";
import { findLocation } from "./location.js";
import { findPeople } from "./people.js";
import { findReportTags } from "./tags.js";
import { findTalkPairs } from "./talk.js";
import { MaskedText } from "./text.js";
import { findQuotes, isFiller, residualTitle, talkTitle } from "./title.js";
import { emptyDraft, type ParseOptions, type ParseProblem, type ParseResult, type Span } from "./types.js";

export type {
  Absentee, ActivityDraft, ClockTime, ParseOptions, ParseProblem, ParseProblemCode, ParseResult, PartOfDay,
} from "./types.js";
export { emptyDraft } from "./types.js";
export { parseChineseDate } from "./dates.js";
export { parseCount, parseCountDetailed, toNumber, type Count } from "./numbers.js";
export { KIND_LEXICON, kindFromLabel, kindsIn, type KindTerm } from "./kinds.js";
export { normalize } from "./text.js";
export { activityDraftSchema } from "./schema.js";

/** 开展春运志愿服务: a verb, then words that say which (not 组织党员…: those are filler). */
const MODIFIED = /(?:开展|举行|举办|组织|进行|参加|参与)(?:了)?([\u4e00-\u9fff]{2,6})$/;
const SERIES_BEFORE = /第[\d一二三四五六七八九十百]+期[\u4e00-\u9fff]{0,4}$/;
const TEAM_AFTER = /^(?:小组|读书班|培训班|专班|班|队)/;

/**
 * Whether a kind word is part of the words that name this activity, and so stays in the topic: a series
 * (第3期青年理论学习), a team (青年理论学习小组, 党员志愿服务队), a theme in quotes before more words
 * (“我为群众办实事”实践活动), or a kind after a verb and words that say which (开展春运志愿服务).
 */
function namesTheActivity(view: string, [start, end]: Span): boolean {
  if (/["“]$/.test(view.slice(0, start)) && /^["”][\u4e00-\u9fff]/.test(view.slice(end))) return true;
  const modifier = MODIFIED.exec(view.slice(Math.max(0, start - 10), start))?.[1];
  if (modifier && !isFiller(modifier)) return true;
  return SERIES_BEFORE.test(view.slice(Math.max(0, start - 12), start)) || TEAM_AFTER.test(view.slice(end));
}

/**
 * One chat message of free Chinese → an activity draft. Order matters: each step masks what it
 * understood, so later steps cannot misread it (a quoted 《…2023…》 is never a date; 8人 is never a day).
 *
 * "2023年5月" or "上周" without a day is not a date: the draft lacks a date (problem no_date) and the
 * bot asks for the day rather than guessing the 1st.
 */
export function parseActivityLine(text: string, opts: ParseOptions): ParseResult {
  const draft = emptyDraft();
  if (!/[\p{L}\p{N}]/u.test(text)) {
    draft.missing = ["date", "kind"];
    return { ok: false, draft, problems: [{ code: "empty" }] };
  }
  const mt = new MaskedText(text);

  const quotes = findQuotes(mt.view());
  mt.consumeAll(quotes.spans);
  if (quotes.films.length > 0) draft.details.films = quotes.films;

  const when = findDateAndTime(mt.view(), todayIn(opts.now, opts.timeZone));
  mt.consumeAll(when.spans);
  draft.date = when.date;
  draft.time = when.time;
  draft.partOfDay = when.partOfDay;

  // Counts and kinds read the same text: 党务公开50余项 is both a kind and an item count.
  const plain = mt.view();
  const counts = findCounts(plain);
  mt.consumeAll(counts.spans);
  Object.assign(draft.details, counts.details);
  draft.expectedCount = counts.expectedCount;
  draft.presentCount = counts.presentCount;
  draft.durationHours = counts.durationHours;
  draft.approximate = counts.approximate;

  const kinds = findKinds(plain);
  draft.kinds = kinds.kinds;
  for (const hit of kinds.hits) {
    // 撰写主题党日活动新闻稿: a publication word inside a phrase stays in the topic.
    const inPhrase = hit.term.kinds.includes("publicity") && /[\u4e00-\u9fff]/.test(plain[hit.span[0] - 1] ?? "");
    if (!hit.term.weak && !inPhrase && !namesTheActivity(plain, hit.span)) mt.consume(hit.span);
  }

  const tagged = findReportTags(plain, draft.kinds);
  Object.assign(draft.details, tagged.details);
  mt.consumeAll(tagged.spans);

  const talk = findTalkPairs(plain);
  if (talk.pairs.length > 0) draft.details.talkPairs = talk.pairs;

  const people = findPeople(mt.normal, mt.view());
  mt.consumeAll(people.spans);
  draft.speaker = people.speaker;
  draft.host = people.host;
  draft.recorder = people.recorder;
  draft.everyone = people.everyone;
  draft.participants = people.participants;
  // 缺席2人（张三出差）: the nameless count covers the named ones.
  draft.absentees = [...people.absentees, ...counts.absentees.slice(people.absentees.length)];
  // 应到7人，缺席2人: 实到 5
  if (draft.presentCount === null && draft.expectedCount !== null && draft.absentees.length > 0 && draft.absentees.length <= draft.expectedCount) {
    draft.presentCount = draft.expectedCount - draft.absentees.length;
  }

  const place = findLocation(mt.view());
  mt.consumeAll(place.spans);
  draft.location = place.location;

  // A talk reads best as its whole phrase (书记与王某某谈话), ahead of what else is left.
  mt.consumeAll(talk.spans);
  draft.title = quotes.title ?? residualTitle(mt.original, mt.freeRuns(), talk.spans.map((s) => talkTitle(mt.original, s)));
  // 观看警示教育片《零容忍》: the films watched are the subject when nothing else is (or only an episode: 第三集).
  // 观看红色电影《长津湖》: the words for what was watched keep the film's name after them.
  const episode = draft.title !== null && /^第[\d一二三四五六七八九十百]+[集期讲章节课]$/.test(draft.title) ? draft.title : null;
  const onlyWatching = draft.title !== null && /^观看[\u4e00-\u9fff]{0,8}(?:片|电影|影片)$/.test(draft.title);
  if ((draft.title === null || episode || onlyWatching) && quotes.films.length > 0) {
    draft.title = `${onlyWatching ? draft.title : "观看"}${quotes.films.map((f) => `《${f}》`).join("")}${episode ?? ""}`;
  }

  const problems: ParseProblem[] = [];
  if (draft.date === null) {
    draft.missing.push("date");
    problems.push(when.problem ?? { code: "no_date" });
  }
  if (draft.kinds.length === 0) {
    draft.missing.push("kind");
    problems.push({ code: "no_kind" });
  }
  return problems.length === 0 ? { ok: true, draft } : { ok: false, draft, problems };
}

/**
 * A headcount as typed in the 人数 screen: "12", "12人", "应到13 实到12", "应到7 缺席2".
 * Null when it says no number of people.
 */
export function parseHeadcount(text: string): { expected: number | null; present: number | null } | null {
  const plain = parseCount(text);
  if (plain !== null) return plain >= 0 && plain <= 100000 ? { expected: null, present: plain } : null;
  const found = findCounts(new MaskedText(text).view());
  let present = found.presentCount;
  if (present === null && found.expectedCount !== null && found.absentees.length > 0) present = found.expectedCount - found.absentees.length;
  if (found.expectedCount === null && present === null) return null;
  return { expected: found.expectedCount, present };
}
