import type { ActivityDetails } from "../activity.js";
import { COUNT_NUM, DEC_NUM, PLAIN_NUM, readCount, toNumber } from "./numbers.js";
import { maskSpans, matchesOf } from "./text.js";
import type { Absentee, Span } from "./types.js";

export interface CountFinding {
  expectedCount: number | null;
  /** Absent people given only as a number (缺席1人（出差）): one nameless entry each. */
  absentees: Absentee[];
  presentCount: number | null;
  durationHours: number | null;
  details: ActivityDetails;
  approximate: boolean;
  spans: Span[];
}

type NumericDetail = "problemsFound" | "problemsFixed" | "resultsApplied" | "itemsPublished" | "reflections" | "personTimes";

interface CountRule {
  re: RegExp;
  /** Records what the match says; false when the match turns out not to be this count. */
  apply: (m: RegExpExecArray, f: CountFinding) => boolean;
}

const APPROX = "(约|近|大约)?\\s*";
const LOOSE = "\\s*(余|多)?";
const PEOPLE = "(?:人|名|位)";

/** Reads groups (approx, number, loose) at `at`; flags approximate counts. */
function countAt(m: RegExpExecArray, at: number, f: CountFinding): number | null {
  const c = readCount(m[at + 1] ?? "", `${m[at] ?? ""}${m[at + 2] ?? ""}${/左右/.test(m[0]) ? "左右" : ""}`);
  if (!c) return null;
  if (c.approximate) f.approximate = true;
  return c.value;
}

function field(key: "expectedCount" | "presentCount", at = 1): CountRule["apply"] {
  return (m, f) => {
    const n = countAt(m, at, f);
    if (n === null) return false;
    if (f[key] === null) f[key] = n;
    return true;
  };
}

function detail(key: NumericDetail, needs?: RegExp): CountRule["apply"] {
  return (m, f) => {
    if (needs && !needs.test(m[0])) return false;
    const n = countAt(m, 1, f);
    if (n === null) return false;
    if (f.details[key] === undefined) f.details[key] = n;
    return true;
  };
}

function hours(value: number): CountRule["apply"] {
  return (_m, f) => {
    if (f.durationHours === null) f.durationHours = value;
    return true;
  };
}

const P = PLAIN_NUM;
/** 发展党员3名, 接收预备党员2名 are members admitted, not members present. */
const NOT_PRESENT = "(?<!发展|吸收|接收|转正|推荐|确定|培养|考察|预备|新|列为|转为|优秀|评出|选出|评为)";
const PIECES = "(?:条|项|个|处)";

/** A reason in brackets after an absence count: 出差, 病假, 因公外出. */
const REASON = "(?:因[^()\\s,;。、\\u0000]{0,3}?)?(?:出差|病假|事假|请假|休假|产假|公出|外出|培训|值班|住院|年休假|生病|有事|病)";

function absent(f: CountFinding, raw: string | undefined, reason: string | null): boolean {
  const n = toNumber(raw ?? "");
  if (n === null || n < 0 || n > 200) return false;
  for (let i = 0; i < n; i++) f.absentees.push({ name: "", reason });
  return true;
}

const REASON_ALONE = new RegExp(`^${REASON}$`);
const REASON_IN = new RegExp(REASON);
const REASON_COUNT = new RegExp(`^(${REASON})\\s*${P}\\s*(?:人|名|位)$`);

/** `raw` absentees, named in `note` ("李明,病假", "张三、李四"): names first, the rest nameless. */
function namedAbsent(f: CountFinding, raw: string | undefined, note: string, fallback: string | null): boolean {
  const n = toNumber(raw ?? "");
  const items = note.split(/[、,;\s]+/).filter((i) => i !== "");
  // 请假2人（出差1人、病假1人）: how many for each reason
  const perReason = items.map((i) => REASON_COUNT.exec(i));
  if (n !== null && perReason.every((r) => r !== null)) {
    const counts = perReason.map((r) => ({ reason: r?.[1] ?? null, count: toNumber(r?.[2] ?? "") ?? 0 }));
    if (counts.reduce((sum, c) => sum + c.count, 0) !== n) return false;
    for (const c of counts) for (let i = 0; i < c.count; i++) f.absentees.push({ name: "", reason: c.reason });
    return true;
  }
  const reason = items.find((i) => REASON_ALONE.test(i)) ?? fallback;
  const names = items.filter((i) => !REASON_ALONE.test(i));
  if (n === null || names.length === 0 || names.length > n || names.some((x) => !/^[\u4e00-\u9fff·]{2,4}$/.test(x) || /党员|同志|人员|干部/.test(x) || REASON_IN.test(x))) return false;
  for (const name of names) f.absentees.push({ name, reason });
  for (let i = names.length; i < n; i++) f.absentees.push({ name: "", reason });
  return true;
}

/** In order: a later rule cannot reuse what an earlier one took. */
const RULES: CountRule[] = [
  // details
  {
    re: new RegExp(`(?:已|均已|全部)?(?:整改完成|完成整改|整改落实|整改到位|整改)(?:了)?(?:问题)?(?:共|共计)?\\s*${APPROX}${P}${LOOSE}\\s*${PIECES}(?:问题)?`),
    apply: detail("problemsFixed"),
  },
  {
    re: new RegExp(`(?:查找|查摆|发现|梳理|找出|检视|征集|排查|剖析)(?:出)?(?:了)?(?:各类|存在|突出|主要)?(?:问题)?(?:清单)?(?:共|共计)?\\s*${APPROX}${P}${LOOSE}\\s*${PIECES}(?:问题)?`),
    apply: detail("problemsFound", /问题/),
  },
  { re: new RegExp(`问题(?:清单)?(?:共|共计)?\\s*${APPROX}${P}${LOOSE}\\s*${PIECES}`), apply: detail("problemsFound") },
  {
    re: new RegExp(`(?:推动|实现)?(?:成果(?:转化|转换|运用|应用)(?:运用|应用)?|转化(?:运用)?成果)(?:了)?(?:共)?\\s*${APPROX}${P}${LOOSE}\\s*(?:项|个|条)`),
    apply: detail("resultsApplied"),
  },
  {
    re: new RegExp(`公开(?:了)?(?:党务)?(?:各类)?(?:事项|信息|内容)?(?:共|共计)?\\s*${APPROX}${P}${LOOSE}\\s*(?:项|条|次|件|期)`),
    apply: detail("itemsPublished"),
  },
  {
    re: new RegExp(`(?:收集|收到|撰写|提交|形成|交流|上交|征集)?(?:了)?(?:学习)?(?:心得体会|心得|体会|感悟|读书笔记|学习笔记)(?:文章)?(?:共|共计)?\\s*${APPROX}${P}${LOOSE}\\s*(?:篇|份)`),
    apply: detail("reflections"),
  },
  {
    re: new RegExp(`(?:收集|收到|撰写|提交|形成)?(?:了)?${APPROX}${COUNT_NUM}${LOOSE}\\s*(?:篇|份)(?:学习)?(?:心得体会|心得|体会|感悟|读书笔记)`),
    apply: detail("reflections"),
  },
  // attendance
  {
    re: new RegExp(`(?:覆盖|涉及|教育|参与|惠及|服务|受教育|累计|共计|合计|共|达)?(?:人员|党员干部|党员|群众|干部|职工|居民)?\\s*${APPROX}${COUNT_NUM}${LOOSE}\\s*人次(?:左右)?`),
    apply: detail("personTimes"),
  },
  // 7人应到 6人实到: the number first
  { re: new RegExp(`(?<=^|[\\s,;。、])${APPROX}${P}${LOOSE}\\s*${PEOPLE}\\s*应到(?!\\s*\\d)`), apply: field("expectedCount") },
  { re: new RegExp(`(?<=^|[\\s,;。、])${APPROX}${P}${LOOSE}\\s*${PEOPLE}\\s*实到(?!\\s*\\d)`), apply: field("presentCount") },
  { re: new RegExp(`应(?:到|参会|参加|出席|到会)(?:会)?(?:人数|人员|党员)?\\s*:?\\s*${APPROX}${P}${LOOSE}\\s*${PEOPLE}?`), apply: field("expectedCount") },
  { re: new RegExp(`实(?:际)?(?:到|参会|参加|出席|到会)(?:会)?(?:人数|人员|党员)?\\s*:?\\s*${APPROX}${P}${LOOSE}\\s*${PEOPLE}?`), apply: field("presentCount") },
  // 请假1名（李明，病假）, 缺席2人（张三、李四）: the bracket names them (and may say why)
  {
    re: new RegExp(`(缺席|请假|缺勤|未到|未参加)(?:人数)?\\s*:?\\s*${P}\\s*${PEOPLE}\\s*\\(([^()]{2,40})\\)`),
    apply: (m, f) => namedAbsent(f, m[2], m[3] ?? "", m[1] === "请假" ? "请假" : null),
  },
  {
    re: new RegExp(`(缺席|请假|缺勤|未到|未参加)(?:人数)?\\s*:?\\s*${P}\\s*${PEOPLE}(?:\\s*\\(\\s*(${REASON})\\s*\\))?`),
    apply: (m, f) => absent(f, m[2], m[3] ?? (m[1] === "请假" ? "请假" : null)),
  },
  // duration (学时 are recorded as hours: the yearly 32-学时 rule counts them one for one)
  // 1h30min, 1小时30分钟: hours and minutes
  {
    re: new RegExp(`(?:时长|用时|历时|共计|累计)?\\s*:?\\s*${DEC_NUM}\\s*(?:个)?\\s*(?:小时|钟头|h)\\s*${DEC_NUM}\\s*(?:分钟|分|min|m(?![a-z]))`, "i"),
    apply: (m, f) => {
      const [h, min] = [toNumber(m[1] ?? ""), toNumber(m[2] ?? "")];
      return h !== null && min !== null && min < 60 && hours(Math.round((h + min / 60) * 100) / 100)(m, f);
    },
  },
  {
    re: new RegExp(`(?:时长|用时|历时|共计|累计)?\\s*:?\\s*${DEC_NUM}\\s*(?:个)?\\s*(半)?\\s*(?:小时|学时|课时|钟头|h(?![a-z]))`, "i"),
    apply: (m, f) => {
      const n = toNumber(m[1] ?? "");
      if (n === null) return false;
      return hours(n + (m[2] ? 0.5 : 0))(m, f);
    },
  },
  { re: /半(?:个)?(?:小时|钟头)/, apply: hours(0.5) },
  // 半天 is half a working day: 4 hours; a day is 8.
  { re: /半天|半日/, apply: hours(4) },
  { re: /全天|一整天|整天/, apply: hours(8) },
  {
    re: new RegExp(`(?<![前后近这那每])${DEC_NUM}\\s*(?:个)?\\s*(?:天|日)(?![\\d])`),
    apply: (m, f) => {
      const n = toNumber(m[1] ?? "");
      return n !== null && n > 0 && n <= 30 && hours(n * 8)(m, f);
    },
  },
  {
    re: new RegExp(`${DEC_NUM}\\s*分钟`),
    apply: (m, f) => {
      const n = toNumber(m[1] ?? "");
      return n !== null && hours(Math.round((n / 60) * 100) / 100)(m, f);
    },
  },
  // 参加人数12 (the unit may be left out after 人数), 参会12人, 出席党员13名
  {
    re: new RegExp(`(?:参加|参会|出席|到会|参与)(?:人数|人员)\\s*(?:为|:)?\\s*${APPROX}${P}${LOOSE}\\s*${PEOPLE}?(?![\\d次])(?:左右)?`),
    apply: field("presentCount"),
  },
  {
    // (8人到会 1人请假: the 1 belongs to the absent)
    re: new RegExp(`(?<![\\d一二三四五六七八九十]\\s*(?:人|名|位))(?:参加|参会|出席|到会|参与)(?:党员|同志)?\\s*(?:共|共计)?\\s*${APPROX}${P}${LOOSE}\\s*${PEOPLE}(?!次)(?:左右)?`),
    apply: field("presentCount"),
  },
  // 1人因病请假, 2人出差: nameless absentees with their reason
  {
    re: new RegExp(`${P}\\s*${PEOPLE}\\s*(因[^\\s,;。、()]{1,6}?)?(请假|缺席|出差|病假|事假|休假|未参加|未到会|未出席|未到)(?:\\s*\\(\\s*(${REASON})\\s*\\))?`),
    apply: (m, f) => {
      const verb = m[3] ?? "";
      const reason = m[4] ?? (`${m[2] ?? ""}${/缺席|未/.test(verb) ? "" : verb}` || null);
      return absent(f, m[1], reason);
    },
  },
  // 来了6个 (people, from the verb)
  { re: new RegExp(`(?<=来了|到了|去了)\\s*${APPROX}${COUNT_NUM}${LOOSE}\\s*个(?:人)?`), apply: field("presentCount") },
  // 8人, 共12名党员参加, 十二人, 20余名同志
  {
    re: new RegExp(
      `${NOT_PRESENT}(?:共有|共计|总计|共|有)?\\s*${APPROX}${COUNT_NUM}${LOOSE}\\s*(?:名|位|个)?\\s*(?:党员干部|党员同志|党员|同志|支委委员|支委|委员|人员|人|职工|群众|干部|志愿者|居民|听众|观众)(?!次)(?:左右)?(?:\\s*(?:参加|参会|出席|到会|参与)(?:了)?)?`,
    ),
    apply: field("presentCount"),
  },
  // 党员20余名参加, 志愿者12人, 支委5人
  {
    re: new RegExp(`${NOT_PRESENT}(?:党员干部|党员|同志|志愿者|群众|职工|居民|支委委员|支委|听众|观众)\\s*(?:共)?\\s*${APPROX}${P}${LOOSE}\\s*${PEOPLE}(?!次)(?:左右)?(?:\\s*(?:参加|参会|出席|到会|参与)(?:了)?)?`),
    apply: field("presentCount"),
  },
  // 20余次: there is no field for it, but its looseness is noted (第10次 is an ordinal: not from its last digit either)
  {
    re: new RegExp(`(?<![第\\d])${APPROX}${COUNT_NUM}${LOOSE}\\s*次`),
    apply: (m, f) => countAt(m, 1, f) !== null,
  },
  // 宣传稿1篇, 3项: a count with no field of its own is still not part of the title (第3期 is an ordinal: it is)
  { re: new RegExp(`(?<![第\\d])${APPROX}${COUNT_NUM}${LOOSE}\\s*(?:篇|份|条|项|期|件)`), apply: (m, f) => countAt(m, 1, f) !== null },
];

/** Attendance, duration and kind-specific figures. */
export function findCounts(view: string): CountFinding {
  const f: CountFinding = {
    expectedCount: null, presentCount: null, durationHours: null, details: {}, approximate: false, spans: [], absentees: [],
  };
  let rest = view;
  for (const rule of RULES) {
    for (const { m, span } of matchesOf(rest, rule.re)) {
      if (!rule.apply(m, f)) continue;
      f.spans.push(span);
      rest = maskSpans(rest, [span]);
    }
  }
  return f;
}
