// Pure rules about joining a branch.
import { addDays, compareLocalDate, isValidDate, type LocalDate } from "./calendar/index.js";

export type InviteState = "ok" | "revoked" | "expired";

export function inviteState(invite: { revokedAt: string | null; expiresAt: string | null }, now: Date): InviteState {
  if (invite.revokedAt) return "revoked";
  if (invite.expiresAt && Date.parse(invite.expiresAt) <= now.getTime()) return "expired";
  return "ok";
}

/** Invite codes: unambiguous letters and digits (no 0/O, 1/I/L), easy to read aloud or type. */
export const INVITE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const INVITE_CODE_LENGTH = 8;
export const INVITE_VALID_DAYS = 7;

export function isInviteCodeShape(text: string): boolean {
  return new RegExp(`^[${INVITE_ALPHABET}]{${INVITE_CODE_LENGTH}}$`).test(text);
}

/** A real name (姓名) as members write it: 2–20 characters, Chinese or Latin letters, a middle dot or space. */
export function normaliseRealName(text: string): string | null {
  const name = text.trim().replace(/\s+/g, " ");
  if (!/^[\p{Script=Han}A-Za-z·• .'-]{2,20}$/u.test(name)) return null;
  if (!/[\p{Script=Han}A-Za-z]/u.test(name)) return null;
  return name;
}

/** The name in an answer to "what is your name": 我叫李明, 我是李明, 李明同志, 姓名：李明 → 李明. */
export function nameFromAnswer(text: string): string | null {
  const bare = text
    .normalize("NFKC")
    .trim()
    .replace(/[。.!！~～]+$/, "")
    .replace(/^(?:您好|你好)?[,，\s]*/, "")
    .replace(/^(?:我叫|我是|我的名字是|我的名字叫|名字是|名字叫|本人是|本人|姓名是|姓名\s*[:：]?|叫我)\s*/, "")
    .replace(/\s*同志$/, "");
  return normaliseRealName(bare);
}

/** A branch name (支部名称) for /newbranch. */
export function normaliseBranchName(text: string): string | null {
  const name = text.trim().replace(/\s+/g, " ");
  return name.length >= 2 && name.length <= 40 ? name : null;
}

/** What is wrong with a 转正 date as typed: unreadable, no such day, in the future, before joining the branch. */
export type FullMemberDateProblem = "unreadable" | "impossible" | "future" | "before_joining";

const DATE_FORMS: { re: RegExp; ymd: (m: RegExpExecArray, today: LocalDate) => [number, number, number] }[] = [
  // 2024年3月15日, 2024年3月15号
  { re: /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/, ymd: (m) => [Number(m[1]), Number(m[2]), Number(m[3])] },
  // 2024-3-15, 2024/03/15, 2024.3.15
  { re: /^(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})$/, ymd: (m) => [Number(m[1]), Number(m[3]), Number(m[4])] },
  // 3月15日: this year
  { re: /^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/, ymd: (m, today) => [today.year, Number(m[1]), Number(m[2])] },
];

/**
 * The date a member became a 正式党员 (登记转正), as the secretary types it: 2024年3月15日, 2024-3-15,
 * 3月15日 (this year), 今天/昨天/前天, full-width digits too. Never in the future, never before the
 * member joined the branch's ledger (`joined`, a local date).
 */
export function parseFullMemberDate(text: string, today: LocalDate, joined: LocalDate | null): LocalDate | FullMemberDateProblem {
  const t = text
    .normalize("NFKC")
    .trim()
    .replace(/[。.]$/, "");
  let date: LocalDate | null = null;
  const relative = { 今天: 0, 今日: 0, 昨天: -1, 昨日: -1, 前天: -2 }[t];
  if (relative !== undefined) date = addDays(today, relative);
  for (const form of DATE_FORMS) {
    const m = date ? null : form.re.exec(t);
    if (!m) continue;
    const [year, month, day] = form.ymd(m, today);
    if (!isValidDate(year, month, day)) return "impossible";
    date = { year, month, day };
  }
  if (!date) return "unreadable";
  if (compareLocalDate(date, today) > 0) return "future";
  if (joined && compareLocalDate(date, joined) < 0) return "before_joining";
  return date;
}

/** A stored 转正 date ("2024-03-15") back as a LocalDate; null when absent or malformed. */
export function storedLocalDate(value: string | null | undefined): LocalDate | null {
  const m = value ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDate(year, month, day) ? { year, month, day } : null;
}
