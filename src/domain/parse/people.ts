import { MASK, maskSpans, matchesOf } from "./text.js";
import type { Absentee, Span } from "./types.js";

const ROLE_PREFIX =
  /^(?:党支部书记|支部书记|支部副书记|副书记|组织委员|宣传委员|纪检委员|支委委员|支部委员|党小组组长|党小组长|书记|委员|组长|党员|同志)+/;
const ROLE_SUFFIX =
  "(?:副书记|书记|组织委员|宣传委员|纪检委员|委员|副主任|主任|同志|副部长|部长|总经理|经理|老师|教授|局长|处长|科长|组长|主席|院长|校长|站长|所长|队长|支书|行长|董事长|总监|专家|博士)";
const WITH_ROLE = new RegExp(`^[\\u4e00-\\u9fff]{1,3}?${ROLE_SUFFIX}$`);
const FULL_NAME_WITH_ROLE = new RegExp(`^([\\u4e00-\\u9fff]{2,3}?)${ROLE_SUFFIX}$`);
const ROLE_WORD_PART = /支委|支部|党支|组织|宣传|纪检|党小|小组|副|总|委员|书记/;
/** Words that do not occur in a person's name but do in the phrases around one. */
const NOT_NAME =
  /党员|支部|组织|全体|全员|无人|会议|活动|学习|工作|群众|干部|职工|大家|我们|单位|部门|人员|社区|开展|参加|参观|集中|主题|专题|宣传|教育|本次|此次|其他|其余|其中|期间|同时|会上|会前|会后|另外|另有/;
/** Words that end a name written before more text (主讲人李书记围绕…). */
const NAME_STOP = /主持|主讲|讲授|授课|宣讲|记录|参加|出席|带领|领学|围绕|结合|就|为大家|为全体|作|做|讲|在|于|和|与|等|以|对|从|并/;

/**
 * A person as written: 张三, 欧阳娜娜, 王某某, 李书记; a role prefix is dropped when a name follows
 * (支部书记张三 → 张三) and kept when it is all there is (书记). Null when it does not look like a name.
 */
export function cleanName(raw: string): string | null {
  let s = raw.trim().replace(/^(?:由|请|邀请|特邀|是|为|:|会议由|本次会议由|活动由)+/, "").replace(/同志$/, "").trim();
  const stripped = s.replace(ROLE_PREFIX, "");
  if (stripped.length >= 2) s = stripped;
  if (s === "") return null;
  // 王建国书记 is 王建国; 李书记 (a surname and a title) stays as written.
  const titled = FULL_NAME_WITH_ROLE.exec(s);
  if (titled?.[1] && !NOT_NAME.test(titled[1]) && !ROLE_WORD_PART.test(titled[1])) return titled[1];
  if (WITH_ROLE.test(s) || /^[\u4e00-\u9fff]某某?$/.test(s)) return s;
  if (/^(?:书记|副书记|支部书记|党支部书记|组织委员|宣传委员|纪检委员)$/.test(s)) return s;
  if (/^[\u4e00-\u9fff·]{2,4}$/.test(s) && !NOT_NAME.test(s)) return s;
  if (/^[A-Za-z][A-Za-z .'-]{1,29}$/.test(s)) return s;
  return null;
}

const NAME_CHAR = /[\u4e00-\u9fff·、A-Za-z]/;

/**
 * The run of name characters (and 、) ending at `end`, back to punctuation, a space or a mask;
 * `bounded` is false when the run is longer than any name list and was cut.
 */
function runBefore(view: string, end: number, max = 16): { text: string; start: number; bounded: boolean } {
  let start = end;
  while (start > 0 && end - start < max && NAME_CHAR.test(view[start - 1] ?? "")) start--;
  return { text: view.slice(start, end), start, bounded: start === 0 || !NAME_CHAR.test(view[start - 1] ?? "") };
}

/** Two or more names of 2–3 characters written with spaces between them (张三 李四 王五), before `end`. */
const SPACED_NAMES = /(?:^|[\s,;:。\u0000])((?:[\u4e00-\u9fff]{2,3}\s+){2,40})$/;
function spacedNamesBefore(view: string, end: number): { names: string[]; start: number } | null {
  const m = SPACED_NAMES.exec(view.slice(0, end));
  if (!m?.[1]) return null;
  const names = m[1].trim().split(/\s+/);
  if (names.some((n) => NOT_NAME.test(n) || cleanName(n) !== n)) return null;
  return { names, start: end - m[1].length };
}

const SPACED_AFTER = /^((?:[\u4e00-\u9fff]{2,3}(?:\s+|$)){2,40})/;
function spacedNamesAfter(view: string, from: number): { names: string[]; end: number } | null {
  const m = SPACED_AFTER.exec(view.slice(from));
  if (!m?.[1]) return null;
  const names = m[1].trim().split(/\s+/);
  if (names.some((n) => NOT_NAME.test(n) || cleanName(n) !== n)) return null;
  return { names, end: from + m[1].trimEnd().length };
}

/** The name candidate right after a label (主讲人李书记), up to punctuation or a following verb. */
function nameAfter(view: string, from: number): { name: string; end: number } | null {
  const m = /^[\u4e00-\u9fff·A-Za-z]{1,12}/.exec(view.slice(from));
  if (!m) return null;
  let text = m[0];
  const withRole = LEADING_WITH_ROLE.exec(text);
  if (withRole && withRole[0].length < text.length) text = withRole[0];
  else {
    const stop = NAME_STOP.exec(text.slice(1));
    if (stop) text = text.slice(0, stop.index + 1);
  }
  const name = cleanName(text);
  return name ? { name, end: from + text.length } : null;
}

/** The name written just before a verb (李书记主讲, 由张三主持). */
function nameBefore(view: string, verbStart: number): { name: string; start: number } | null {
  const run = runBefore(view, verbStart);
  let text = run.text;
  let start = run.start;
  const by = Math.max(text.lastIndexOf("由"), text.lastIndexOf("请"));
  if (by >= 0) {
    start += by;
    text = text.slice(by);
  } else if (!run.bounded) return null;
  if (text.includes("、")) return null;
  const name = cleanName(text);
  if (name) return { name, start };
  // 李书记为全体党员讲党课: the name is what comes before 为/给/向
  const to = /^(.{2,6}?)[为给向]/.exec(text);
  const short = to?.[1] ? cleanName(to[1]) : null;
  return short ? { name: short, start } : null;
}

export interface PeopleFinding {
  everyone: boolean;
  participants: string[];
  speaker: string | null;
  host: string | null;
  recorder: string | null;
  absentees: Absentee[];
  spans: Span[];
}

interface Role {
  key: "speaker" | "host" | "recorder";
  labels: RegExp;
  verbs: RegExp | null;
}

const ROLES: Role[] = [
  {
    key: "speaker",
    labels: /(?:主讲人|授课人|宣讲人|讲课人|主讲嘉宾|主讲老师|讲授人|(?:主讲|授课|宣讲)\s*:)\s*:?\s*/,
    // 宣讲 and 讲党课 are kind names, masked in the view: matched on the normalised text.
    verbs: /(?:同志)?(?:主讲|授课|讲授|讲课|宣讲|作专题辅导|作辅导报告|(?:给(?:大家|全体党员|党员们|党员))?(?:讲|上)(?:了)?(?:一堂|一次|一场)?(?:专题|微)?党课|讲的(?!是))/,
  },
  { key: "host", labels: /(?:主持人|(?:会议)?主持\s*:)\s*:?\s*/, verbs: /(?:同志)?(?:主持(?:会议)?|带队)/ },
  { key: "recorder", labels: /(?:记录人|记录员|(?:会议)?记录\s*:)\s*:?\s*/, verbs: /(?:负责)?记录(?![人员:])/ },
];

const EVERYONE =
  /(?:全体党员|全体同志|全体支委|全体人员|全员|大家|党员们|同志们)(?:都|均|全都|全部)?(?:来了|到了|去了|看了|在|到齐了?|参加了?|参会|出席|到会|到场|参与)|全体党员(?!大会|会议|会)|无人缺席|无缺席|全部到齐|都到齐了?|悉数参加|一个不少|一个没落/;

/** Names after a label, separated by 、 or ，: 参加人员：张三、李四、王五. */
function namesAfter(view: string, from: number): { names: string[]; end: number } | null {
  const items = /^[^;。\u0000\s]*/.exec(view.slice(from))?.[0] ?? "";
  const names: string[] = [];
  let end = from;
  for (const part of items.split(/([、,和])/)) {
    if (part === "、" || part === "," || part === "和") {
      end += 1;
      continue;
    }
    const name = cleanName(part.replace(/等.*$/, ""));
    if (!name) break;
    names.push(name);
    end += part.length;
  }
  return names.length ? { names, end } : null;
}

const REASONS = "出差|请假|病假|事假|休假|产假|公出|外出培训|外出|值班|住院|年休假";
const ABSENT = "缺席|未参加|未到会|未出席|未到";
// Built once (a RegExp made per call is compiled per call).
const LEADING_WITH_ROLE = new RegExp(`^[\\u4e00-\\u9fff]{1,3}?${ROLE_SUFFIX}`);
const PARTICIPANTS_LABEL = /(?:参加|参会|出席|到会|与会)(?:人员|人|党员|同志)?\s*(?:有|为)?\s*:\s*/;
const PARTICIPANTS_SPACED = /(?:参加|参会|出席|到会|与会)(?:人员|党员|同志)\s+/;
const TOOK_PART = /(?:等)?(?:同志)?(?:共同)?(?:参加|参会|出席|到会|参与)(?:了)?(?!人|党员|同志)/;
const ABSENT_LABEL = /(缺席人员|缺席人|缺席|请假人员|请假)\s*:\s*/;
const ABSENT_SUFFIX = new RegExp(`(?:\\(|\\s)?(因[^\\s,;。、()\\u0000]{1,6}?)?(${REASONS}|${ABSENT})(?:请假)?\\)?`);
const REASON_ONLY = new RegExp(`^(?:${REASONS})$`);

function isFree(view: string, span: Span): boolean {
  return !view.slice(span[0], span[1]).includes(MASK);
}

/** Speaker, host, recorder and absentees. `normal` is the unmasked text, `view` the masked one. */
export function findPeople(normal: string, view: string): PeopleFinding {
  const found: PeopleFinding = { everyone: false, participants: [], speaker: null, host: null, recorder: null, absentees: [], spans: [] };
  let v = view;
  const take = (span: Span) => {
    found.spans.push(span);
    v = maskSpans(v, [span]);
  };

  for (const role of ROLES) {
    for (const { span } of matchesOf(v, role.labels)) {
      if (found[role.key]) break;
      const after = nameAfter(v, span[1]);
      if (!after) continue;
      found[role.key] = after.name;
      // 主讲人孙老师（党校）: the bracket says who the person is, not what the activity was.
      const note = /^\s*\([^()]{1,12}\)/.exec(v.slice(after.end));
      take([span[0], after.end + (note ? note[0].length : 0)]);
    }
    if (found[role.key] || !role.verbs) continue;
    for (const { span } of matchesOf(normal, role.verbs)) {
      const verbIsKind = /宣讲|党课/.test(normal.slice(span[0], span[1]));
      if (!verbIsKind && !isFree(v, span)) continue;
      const before = nameBefore(v, span[0]);
      if (!before) continue;
      found[role.key] = before.name;
      take([before.start, span[1]]);
      break;
    }
  }

  // 全体党员参加, 大家都来了, 全员到齐: everyone on the roster
  for (const { span } of matchesOf(v, EVERYONE)) {
    found.everyone = true;
    take(span);
  }

  // 参加人员：张三、李四、王五
  for (const { span } of matchesOf(v, PARTICIPANTS_LABEL)) {
    const names = namesAfter(v, span[1]);
    if (!names) continue;
    found.participants.push(...names.names);
    take([span[0], names.end]);
  }
  // 参加人员 李明 王刚 张华 (no colon: names with spaces between them)
  for (const { span } of matchesOf(v, PARTICIPANTS_SPACED)) {
    const names = spacedNamesAfter(v, span[1]);
    if (!names) continue;
    found.participants.push(...names.names);
    take([span[0], names.end]);
  }
  // 张三、李四、王五参加, 李明参加了; 张三 李四 王五 参加
  for (const { span } of matchesOf(v, TOOK_PART)) {
    const run = runBefore(v, span[0]);
    const spaced = run.text === "" ? spacedNamesBefore(v, span[0]) : null;
    if (spaced) {
      found.participants.push(...spaced.names);
      take([spaced.start, span[1]]);
      continue;
    }
    if (!run.bounded) continue;
    const parts = run.text.split(/、|和|及/).filter((x) => x !== "");
    const names = parts.map(cleanName);
    if (names.length === 0 || names.some((n) => n === null || /^(?:书记|副书记|支部书记|党支部书记|组织委员|宣传委员|纪检委员|支委|委员|支委委员)$/.test(n))) continue;
    found.participants.push(...(names as string[]));
    take([run.start, span[1]]);
  }

  // 缺席：赵六（出差）、钱七（病假）; 请假：张三
  for (const { m, span } of matchesOf(v, ABSENT_LABEL)) {
    const items = /^[^;。\u0000]*/.exec(v.slice(span[1]))?.[0] ?? "";
    let end = span[1];
    for (const part of items.split(/([、,])/)) {
      if (part === "、" || part === ",") {
        end += 1;
        continue;
      }
      const item = /^\s*([^()]{1,12}?)\s*(?:\(([^)]{1,12})\))?\s*$/.exec(part);
      const name = item?.[1] ? cleanName(item[1]) : null;
      if (!name) break;
      found.absentees.push({ name, reason: item?.[2]?.trim() || (m[1]?.startsWith("请假") ? "请假" : null) });
      end += part.length;
    }
    if (end > span[1]) take([span[0], end]);
  }

  // 张三出差, 李四、王五请假, 王五因病缺席
  for (const { m, span } of matchesOf(v, ABSENT_SUFFIX)) {
    const run = runBefore(v, span[0]);
    const names = run.text.split(/、|和|及/).filter((s) => s !== "");
    if (names.length === 0 || !run.bounded) continue;
    if (/^(?:无人|无|没有人?|全员|全体|均|无一人)$/.test(run.text)) {
      take([run.start, span[1]]);
      continue;
    }
    const cleaned = names.map(cleanName);
    if (cleaned.some((n) => n === null)) continue;
    const verb = m[2] ?? "";
    const reason = `${m[1] ?? ""}${REASON_ONLY.test(verb) ? verb : ""}` || null;
    for (const name of cleaned) if (name) found.absentees.push({ name, reason });
    take([run.start, span[1]]);
  }
  return found;
}
