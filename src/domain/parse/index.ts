import { todayIn } from "../calendar/index.js";
import { findCounts } from "./counts.js";
import { findDateAndTime } from "./dates.js";
import { findKinds } from "./kinds.js";
import { findLocation } from "./location.js";
import { findPeople } from "./people.js";
import { findReportTags } from "./tags.js";
import { findTalkPairs } from "./talk.js";
import { MaskedText } from "./text.js";
import { findQuotes, residualTitle } from "./title.js";
import { emptyDraft, type ParseOptions, type ParseProblem, type ParseResult } from "./types.js";

export type {
  Absentee, ActivityDraft, ClockTime, ParseOptions, ParseProblem, ParseProblemCode, ParseResult, PartOfDay,
} from "./types.js";
export { emptyDraft } from "./types.js";
export { parseChineseDate } from "./dates.js";
export { parseCount, parseCountDetailed, toNumber, type Count } from "./numbers.js";
export { KIND_LABELS_EN, KIND_LABELS_ZH, KIND_LEXICON, kindFromLabel, kindsIn, type KindTerm } from "./kinds.js";
export { normalize } from "./text.js";
export { activityDraftSchema } from "./schema.js";

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
  for (const hit of kinds.hits) if (!hit.term.weak) mt.consume(hit.span);

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
  draft.absentees = people.absentees;

  const place = findLocation(mt.view());
  mt.consumeAll(place.spans);
  draft.location = place.location;

  for (const span of talk.spans) mt.release(span);
  draft.title = quotes.title ?? residualTitle(mt.original, mt.freeRuns());

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
