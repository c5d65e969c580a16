// 台账附表: the records behind each figure the text states, grouped by figure in the order of the text.
import { ACTIVITY_KINDS } from "../kinds.js";
import { kindsLabel } from "../tally/labels.js";
import { personTimesFor, recordedNumber, talkPersonTimesRecorded } from "./records.js";
import { bareTitle } from "./wording.js";
import type { AppendixGroup, AppendixRow, FigureKey, SummaryFigure, SummaryRecord } from "./types.js";

function backs(record: SummaryRecord, key: FigureKey): boolean {
  if (key === "first_topic" || key === "central_group" || key === "collective_study") return record.tags?.includes(key) ?? false;
  return record.kinds.includes(key);
}

/** "查找问题12条" when the record states the figure, "查找问题未填写" when it leaves it blank. */
function figureNote(value: number | undefined, stated: (n: number) => string, blank: string): string {
  const n = recordedNumber(value);
  return n !== undefined ? stated(n) : `${blank}未填写`;
}

/** The figures a record adds to (or leaves blank), as a short note for its row. */
function noteFor(record: SummaryRecord, key: FigureKey): string | undefined {
  const d = record.details ?? {};
  const parts: string[] = [];
  if (key === "org_life_meeting") {
    parts.push(figureNote(d.problemsFound, (n) => `查找问题${n}条`, "查找问题"));
    parts.push(figureNote(d.problemsFixed, (n) => `整改${n}条`, "整改"));
  } else if (key === "research") {
    parts.push(figureNote(d.problemsFound, (n) => `发现问题${n}项`, "发现问题"));
    parts.push(figureNote(d.resultsApplied, (n) => `成果转化${n}项`, "成果转化"));
  } else if (key === "disclosure") {
    parts.push(figureNote(d.itemsPublished, (n) => `公开${n}项`, "公开项数"));
  } else if (key === "integrity_education") {
    if (d.films && d.films.length > 0) parts.push(d.films.map((f) => `《${bareTitle(f)}》`).join(""));
    parts.push(figureNote(d.reflections, (n) => `心得${n}篇`, "心得篇数"));
  } else if (key === "talk") {
    if (d.talkPairs && d.talkPairs.length > 0) parts.push(d.talkPairs.join("、"));
    if (talkPersonTimesRecorded(record) === undefined) parts.push("人次未填写");
  }
  return parts.length > 0 ? parts.join("，") : undefined;
}

function canonicalKinds(record: SummaryRecord): string {
  const set = new Set(record.kinds);
  return kindsLabel(ACTIVITY_KINDS.filter((k) => set.has(k)));
}

export function buildAppendix(figures: readonly SummaryFigure[], records: readonly SummaryRecord[]): AppendixGroup[] {
  const groups: AppendixGroup[] = [];
  const seen = new Set<FigureKey>();
  const sorted = [...records].sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
  for (const figure of figures) {
    if (seen.has(figure.key)) continue;
    seen.add(figure.key);
    const rows: AppendixRow[] = sorted
      .filter((r) => backs(r, figure.key))
      .map((r, i) => {
        const note = noteFor(r, figure.key);
        const title = r.title?.trim() || "（未填写标题）";
        return {
          no: i + 1,
          date: r.date,
          kinds: canonicalKinds(r),
          title: r.speaker?.trim() && figure.key === "party_lecture" ? `${title}（${r.speaker.trim()}主讲）` : title,
          personTimes: personTimesFor(r, figure.key),
          ...(note ? { note } : {}),
        };
      });
    groups.push({ figure: figure.key, heading: figure.statement, rows });
  }
  return groups;
}
