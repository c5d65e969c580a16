// The figures of the reference year-end summary (/work/shared/reference/sample-annual-summary.zh.txt) as SummaryInput.
import type { ActivityKind } from "../../../src/domain/kinds.js";
import type { SummaryInput, SummaryRecord } from "../../../src/domain/summary/types.js";
import type { KindTally } from "../../../src/domain/tally/types.js";

const TALLIES: [ActivityKind, number, number][] = [
  ["study", 20, 260],
  ["briefing", 1, 27],
  ["ideology_meeting", 6, 0],
  ["publicity", 23, 0],
  ["org_life_meeting", 2, 26],
  ["branch_committee", 15, 70],
  ["general_assembly", 11, 140],
  ["theme_day", 12, 150],
  ["party_lecture", 5, 60],
  ["disclosure", 10, 0],
  ["integrity_education", 4, 13],
  ["research", 3, 15],
  ["integrity_meeting", 4, 20],
  ["talk", 20, 20],
  ["volunteer", 1, 8],
];

const LECTURES = [
  { title: "学习贯彻党的二十大报告精神", speaker: "李书记" },
  { title: "学习新思想奋进新征程建设新重庆", speaker: null },
  { title: "深入学习贯彻新时代中国特色社会主义思想", speaker: null },
  { title: "传承好家风筑牢廉洁‘墙’", speaker: null },
  { title: "市委六届三次全会精神宣讲", speaker: null },
];

/** One record per counted event, dated through the year, so the appendix has rows behind every figure. */
function recordsFor(tallies: KindTally[]): SummaryRecord[] {
  const records: SummaryRecord[] = [];
  let id = 1;
  for (const t of tallies) {
    for (let i = 0; i < t.events; i++) {
      const month = (i % 12) + 1;
      const share = Math.floor(t.personTimes / t.events) + (i < t.personTimes % t.events ? 1 : 0);
      const record: SummaryRecord = {
        id: id++,
        date: `2023-${String(month).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`,
        kinds: [t.kind],
        title: t.kind === "party_lecture" ? (LECTURES[i]?.title ?? null) : `${t.kind} ${i + 1}`,
        personTimes: share,
      };
      if (t.kind === "study") record.tags = i < 4 ? ["first_topic", "central_group"] : ["first_topic"];
      // Details as the ledger records them, so that every summed figure is a sum over all of the kind's records.
      if (t.kind === "org_life_meeting") record.details = { problemsFound: i === 0 ? 12 : 11, problemsFixed: i === 0 ? 12 : 11 };
      if (t.kind === "research") record.details = i === 0 ? { problemsFound: 3, resultsApplied: 2 } : { problemsFound: 0, resultsApplied: 0 };
      if (t.kind === "disclosure") record.details = { itemsPublished: 5 };
      if (t.kind === "integrity_education") record.details = i === 0 ? { reflections: 1, films: ["永远在路上", "坚如磐石"] } : { reflections: 1 };
      records.push(record);
    }
  }
  return records;
}

export function referenceYearInput(): SummaryInput {
  const tallies = TALLIES.map(([kind, events, personTimes]) => ({ kind, events, personTimes }));
  return {
    branchName: "审计法务部党支部",
    year: 2023,
    tallies,
    firstTopicStudies: 20,
    centralGroupStudies: 4,
    lists: {
      lectures: LECTURES,
      briefingTopics: ["学习贯彻党的二十大报告精神"],
      themeDayThemes: ["传承好家风 筑牢廉洁墙"],
      films: ["永远在路上", "坚如磐石"],
      researchTopics: ["合同管理流程优化"],
      volunteerTopics: ["防诈宣传进社区 安全防范入人心"],
    },
    sums: {
      orgLifeProblemsFound: { total: 23, recorded: 2 },
      orgLifeProblemsFixed: { total: 23, recorded: 2 },
      researchProblemsFound: { total: 3, recorded: 3 },
      researchResultsApplied: { total: 2, recorded: 3 },
      disclosureItems: { total: 50, recorded: 10 },
      reflections: { total: 4, recorded: 4 },
      talkPersonTimes: { total: 20, recorded: 20 },
    },
    records: recordsFor(tallies),
  };
}

/** A figure no record states. */
export const NONE = { total: 0, recorded: 0 } as const;

export function emptyYearInput(): SummaryInput {
  return {
    branchName: "审计法务部党支部",
    year: 2023,
    tallies: [],
    lists: { lectures: [], briefingTopics: [], themeDayThemes: [], films: [], researchTopics: [] },
    sums: {
      orgLifeProblemsFound: NONE,
      orgLifeProblemsFixed: NONE,
      researchProblemsFound: NONE,
      researchResultsApplied: NONE,
      disclosureItems: NONE,
      reflections: NONE,
      talkPersonTimes: NONE,
    },
    records: [],
  };
}
