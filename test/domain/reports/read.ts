// A report as the bot reads it: the line parsed, its people read against a branch roster.
import type { RosterPerson } from "../../../src/domain/participants.js";
import { resolvePeople } from "../../../src/domain/participants.js";
import { formatAbsentees } from "../../../src/domain/describe.js";
import { parseActivityLine } from "../../../src/domain/parse/index.js";

/** Wednesday 5 July 2023, 10:00 in Shanghai. */
export const NOW = new Date("2023-07-05T02:00:00Z");

/** A branch of seven: the secretary, two committee members, a group leader and three members. */
export const ROSTER: RosterPerson[] = [
  { memberId: 1, name: "王建国", role: "secretary" },
  { memberId: 2, name: "张华", role: "member" },
  { memberId: 3, name: "李明", role: "committee", committeeTitle: "组织委员" },
  { memberId: 4, name: "赵丽", role: "committee", committeeTitle: "宣传委员" },
  { memberId: 5, name: "陈刚", role: "member" },
  { memberId: 6, name: "刘洋", role: "member" },
  { memberId: 7, name: "孙悦", role: "group_leader" },
];
/** Every report is sent by 张华. */
export const REPORTER = { memberId: 2, name: "张华" };

export interface Read {
  /** kinds, joined with "," */
  k: string;
  /** "MM-DD" (the year is the most recent), or null */
  d: string | null;
  t: string | null;
  e: number | null;
  p: number | null;
  /** 缺席及原因 as the ledger writes it */
  a: string;
  /** participants' names in roster order, joined with 、 */
  who: string;
}

export function read(line: string): Read {
  const { draft } = parseActivityLine(line, { now: NOW, timeZone: "Asia/Shanghai" });
  const people = resolvePeople(draft, ROSTER, REPORTER);
  const d = draft.date;
  return {
    k: draft.kinds.join(","),
    d: d ? `${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}` : null,
    t: draft.title,
    e: people.expectedCount,
    p: people.presentCount,
    a: formatAbsentees(people.absentees),
    who: people.attendeeIds.map((id) => ROSTER.find((r) => r.memberId === id)?.name ?? `#${id}`).join("、"),
  };
}
