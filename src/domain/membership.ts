// Pure rules about joining a branch.

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
