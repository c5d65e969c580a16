// Builds SummaryInput from the year's activity rows, so that every figure is a sum over those rows.
import type { LocalDate } from "../activity.js";
import type { ActivityKind } from "../kinds.js";
import { formatLocalDate, localDateOf } from "../calendar/index.js";
import { distinctKinds, tallyFacts } from "../tally/tally.js";
import type { ActivityFact } from "../tally/types.js";
import { recordedNumber, talkPersonTimesRecorded } from "./records.js";
import { hasStudyContent } from "../rules/study.js";
import type { SummaryGaps } from "./gaps.js";
import type { DetailSum, SummaryInput, SummaryRecord, SummaryTag } from "./types.js";

export { talkPersonTimesOf } from "./records.js";

export interface SummaryFactsInput {
  branchName: string;
  year: number;
  timeZone: string;
  /** The branch's activity rows (others years and personal self-study are left out here). */
  facts: readonly ActivityFact[];
  /** The branch's study kinds (集中学习 besides meetings whose topic is study). */
  studyKinds?: readonly ActivityKind[];
  /** The year's /check gaps (存在的问题). */
  gaps?: SummaryGaps;
}

/**
 * Study sub-figures of a record: “第一议题” and 理论中心组学习 as the report tagged them (the parser keeps
 * them in details.tags, since the words leave the title), or as the title still says; 集中学习 for every
 * record with study content, whatever its kind.
 */
export function studyTagsOf(fact: Pick<ActivityFact, "kinds" | "title"> & { details?: ActivityFact["details"] }, studyKinds?: readonly ActivityKind[]): SummaryTag[] {
  const title = fact.title ?? "";
  const stated = fact.details?.tags ?? [];
  const tags: SummaryTag[] = [];
  if (stated.includes("first_topic") || title.includes("第一议题")) tags.push("first_topic");
  if (stated.includes("central_group") || title.includes("中心组")) tags.push("central_group");
  if (tags.length > 0 || hasStudyContent({ kinds: fact.kinds, title: fact.title, tags: stated }, studyKinds)) tags.push("collective_study");
  return tags;
}

/** "2022年度组织生活会", "专题组织生活会": the record's own name for its 组织生活会, or null. */
function orgLifeName(f: ActivityFact): string | null {
  const title = f.title?.trim() ?? "";
  const covers = f.details.coversYear;
  if (title.includes("生活会")) return `${covers && !title.includes("年度") ? `${covers}年度` : ""}${title}`;
  if (covers) return `${covers}年度组织生活会`;
  return null;
}

export function summaryInputFromFacts(input: SummaryFactsInput): SummaryInput {
  // Each record's local date and study tags are worked out once (a year holds thousands of records).
  const byId = new Map<number, ActivityFact>();
  const dateOf = new Map<number, LocalDate>();
  for (const f of input.facts) {
    if (f.personal || f.kinds.length === 0) continue;
    const date = localDateOf(f.occurredAt, input.timeZone);
    if (date.year !== input.year) continue;
    byId.set(f.id, f);
    dateOf.set(f.id, date);
  }
  const facts = [...byId.values()].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.id - b.id);
  const tagsOf = new Map(facts.map((f) => [f.id, studyTagsOf(f, input.studyKinds)]));
  const tagged = (tag: SummaryTag) => facts.filter((f) => tagsOf.get(f.id)?.includes(tag));
  const ofKind = new Map<ActivityKind, ActivityFact[]>();
  const having = (kind: ActivityKind): readonly ActivityFact[] => {
    let found = ofKind.get(kind);
    if (!found) ofKind.set(kind, (found = facts.filter((f) => f.kinds.includes(kind))));
    return found;
  };
  /** Sum over the kind's records that state the figure, and how many do. */
  const sum = (kind: ActivityKind, pick: (f: ActivityFact) => number | undefined): DetailSum => {
    let total = 0;
    let recorded = 0;
    for (const f of having(kind)) {
      const n = recordedNumber(pick(f));
      if (n === undefined) continue;
      total += n;
      recorded += 1;
    }
    return { total, recorded };
  };
  const titles = (kind: ActivityKind) => having(kind).flatMap((f) => (f.title?.trim() ? [f.title.trim()] : []));

  const records: SummaryRecord[] = facts.map((f) => {
    const kinds = distinctKinds(f.kinds);
    const tags = tagsOf.get(f.id) ?? [];
    return {
      id: f.id,
      date: formatLocalDate(dateOf.get(f.id) ?? localDateOf(f.occurredAt, input.timeZone)),
      kinds,
      title: f.title,
      speaker: f.speaker,
      // The record's own 人次; its row under 谈心谈话 reads talkPersonTimesOf (records.ts), as the sum does.
      personTimes: f.personTimes,
      ...(tags.length > 0 ? { tags } : {}),
      details: f.details,
    };
  });

  return {
    branchName: input.branchName,
    year: input.year,
    tallies: tallyFacts(facts),
    firstTopicStudies: tagged("first_topic").length,
    centralGroupStudies: tagged("central_group").length,
    collectiveStudy: (() => {
      const study = tagged("collective_study");
      return { events: study.length, personTimes: study.reduce((n, f) => n + f.personTimes, 0) };
    })(),
    orgLifeNames: having("org_life_meeting").map(orgLifeName),
    ...(input.gaps ? { gaps: input.gaps } : {}),
    lists: {
      lectures: having("party_lecture").flatMap((f) => (f.title?.trim() ? [{ title: f.title.trim(), speaker: f.speaker }] : [])),
      briefingTopics: titles("briefing"),
      themeDayThemes: titles("theme_day"),
      films: having("integrity_education").flatMap((f) => f.details.films ?? []),
      researchTopics: titles("research"),
      volunteerTopics: titles("volunteer"),
    },
    sums: {
      orgLifeProblemsFound: sum("org_life_meeting", (f) => f.details.problemsFound),
      orgLifeProblemsFixed: sum("org_life_meeting", (f) => f.details.problemsFixed),
      researchProblemsFound: sum("research", (f) => f.details.problemsFound),
      researchResultsApplied: sum("research", (f) => f.details.resultsApplied),
      disclosureItems: sum("disclosure", (f) => f.details.itemsPublished),
      // 心得 are stated with 廉政教育/警示教育 and listed under its figure in the appendix.
      reflections: sum("integrity_education", (f) => f.details.reflections),
      talkPersonTimes: sum("talk", talkPersonTimesRecorded),
    },
    records,
  };
}
