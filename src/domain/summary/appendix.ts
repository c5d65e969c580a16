// 台账附表: the records behind each figure the text states, grouped by figure in the order of the text.
import { ACTIVITY_KINDS } from "../kinds.js";
import { kindsLabel } from "../tally/labels.js";
import { bareTitle } from "./wording.js";
import type { AppendixGroup, AppendixRow, FigureKey, SummaryFigure, SummaryRecord } from "./types.js";

function backs(record: SummaryRecord, key: FigureKey): boolean {
  if (key === "first_topic" || key === "central_group") return record.tags?.includes(key) ?? false;
  return record.kinds.includes(key);
}

/** The figures a record adds to, as a short note for its row. */
function noteFor(record: SummaryRecord, key: FigureKey): string | undefined {
  const d = record.details;
  if (!d) return undefined;
  const parts: string[] = [];
  if (key === "org_life_meeting") {
    if (d.problemsFound) parts.push(`查找问题${d.problemsFound}条`);
    if (d.problemsFixed) parts.push(`整改${d.problemsFixed}条`);
  } else if (key === "research") {
    if (d.problemsFound) parts.push(`发现问题${d.problemsFound}项`);
    if (d.resultsApplied) parts.push(`成果转化${d.resultsApplied}项`);
  } else if (key === "disclosure") {
    if (d.itemsPublished) parts.push(`公开${d.itemsPublished}项`);
  } else if (key === "integrity_education") {
    if (d.films && d.films.length > 0) parts.push(d.films.map((f) => `《${bareTitle(f)}》`).join(""));
  } else if (key === "talk") {
    if (d.talkPairs && d.talkPairs.length > 0) parts.push(d.talkPairs.join("、"));
  }
  if (d.reflections && (key === "integrity_education" || parts.length > 0)) parts.push(`心得${d.reflections}篇`);
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
          personTimes: r.personTimes,
          ...(note ? { note } : {}),
        };
      });
    groups.push({ figure: figure.key, heading: figure.statement, rows });
  }
  return groups;
}
