// Input and output of the year-end summary (党建工作总结) composer.
import type { ActivityDetails } from "../activity.js";
import type { ActivityKind } from "../kinds.js";
import type { KindTally } from "../tally/types.js";
import type { SummaryGaps } from "./gaps.js";

/** Sub-figures of 理论学习 a record may back besides its kinds. */
export type SummaryTag = "first_topic" | "central_group" | "collective_study";

/** A figure the summary states; every one traces back to records. */
export type FigureKey = Exclude<ActivityKind, "other"> | SummaryTag;

/** A record behind the figures, for the appendix. */
export interface SummaryRecord {
  id: number;
  /** Local date in the branch's time zone, "YYYY-MM-DD". */
  date: string;
  kinds: ActivityKind[];
  title: string | null;
  speaker?: string | null;
  personTimes: number;
  tags?: readonly SummaryTag[];
  /** Figures the record adds to the sums (problems found/fixed, items published, 心得, films …). */
  details?: ActivityDetails;
}

export interface LectureTitle {
  title: string;
  speaker: string | null;
}

export interface SummaryLists {
  /** 党课 titles with speakers. */
  lectures: readonly LectureTitle[];
  /** 宣讲 topics. */
  briefingTopics: readonly string[];
  /** 主题党日 themes. */
  themeDayThemes: readonly string[];
  /** 警示教育片 watched. */
  films: readonly string[];
  /** 调研 topics. */
  researchTopics: readonly string[];
  /** 志愿服务 / 我为群众办实事 titles. */
  volunteerTopics?: readonly string[];
}

/**
 * A figure summed over the details of one kind's records. `recorded` says how many of the kind's records
 * state it: the others left it blank, so `total` is a sum over `recorded` records only, never a guess for the rest.
 */
export interface DetailSum {
  total: number;
  recorded: number;
}

/** Sums over the details of the year's records. */
export interface SummarySums {
  /** 组织生活会 查找问题 / 整改 (条). */
  orgLifeProblemsFound: DetailSum;
  orgLifeProblemsFixed: DetailSum;
  /** 调查研究 发现问题 / 成果转化 (项). */
  researchProblemsFound: DetailSum;
  researchResultsApplied: DetailSum;
  /** 党务公开 items (项). */
  disclosureItems: DetailSum;
  /** 心得体会 collected at 廉政教育/警示教育 (篇). */
  reflections: DetailSum;
  /** 谈心谈话 人次, each record's by talkPersonTimesOf. */
  talkPersonTimes: DetailSum;
}

export interface SummaryInput {
  branchName: string;
  year: number;
  /** Defaults to year + 1. */
  nextYear?: number;
  /** 次 and 人次 per kind for the year (branch events only). */
  tallies: readonly KindTally[];
  /** 理论学习 records that were “第一议题” study (a subset of study). */
  firstTopicStudies?: number;
  /** 理论中心组学习 records (a subset of study). */
  centralGroupStudies?: number;
  /** 集中学习: records with study content across kinds (三会一课, 主题党日, 理论学习…), their 人次. */
  collectiveStudy?: { events: number; personTimes: number };
  /** 组织生活会 named as recorded ("2022年度组织生活会", "专题组织生活会"); null where unnamed. */
  orgLifeNames?: readonly (string | null)[];
  lists: SummaryLists;
  sums: SummarySums;
  records: readonly SummaryRecord[];
  /** The year's /check gaps, for 存在的问题 (absent: 【待补充】). */
  gaps?: SummaryGaps;
}

export interface SummaryPart {
  /** "一、…" */
  heading: string;
  paragraphs: string[];
}

export interface ClosingSection {
  /** "（一）存在的问题" */
  heading: string;
  paragraphs: string[];
  /** Template wording for the secretary to rewrite (false: drafted from the ledger). */
  template: boolean;
}

export interface ClosingPart {
  /** "五、存在的问题及2024年工作思路" */
  heading: string;
  sections: ClosingSection[];
}

/** A number the draft states, with the words it is stated in. */
export interface SummaryFigure {
  key: FigureKey;
  /** e.g. "召开支委会15次"; caveats such as "（另有9次党务公开未填写项数）" are part of it. */
  statement: string;
  events: number;
  personTimes: number;
}

export interface AppendixRow {
  no: number;
  date: string;
  kinds: string;
  title: string;
  personTimes: number;
  /** e.g. "查找问题12条，整改12条" */
  note?: string;
}

export interface AppendixGroup {
  figure: FigureKey;
  /** The statement the rows back, e.g. "召开支委会15次". */
  heading: string;
  rows: AppendixRow[];
}

export interface SummaryDocument {
  branchName: string;
  year: number;
  nextYear: number;
  /** "2023年XX党支部党建工作总结" */
  title: string;
  intro: string;
  /** 一 to 四 */
  parts: SummaryPart[];
  /** 五、存在的问题及下年工作思路 (from the gaps) */
  closing: ClosingPart;
  figures: SummaryFigure[];
  /** 台账附表: the records behind each figure, grouped by figure in the order of the text. */
  appendix: AppendixGroup[];
  /** True when some point still says 【待补充】. */
  hasPlaceholders: boolean;
}
