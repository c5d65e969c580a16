import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { Permission } from "../domain/roles.js";
import { LANGS } from "../domain/lang.js";

export interface CommandSpec {
  name: string;
  permission: Permission;
  /** Shown in the private-chat menu. */
  menu: boolean;
  /** Answered only in a private chat (the answer carries names or documents). */
  privateOnly?: boolean;
}

/**
 * Every command the bot answers, and who may use it: the one place a command's permission is declared.
 * privateOnlyCommands reads it, and so does each feature's gate, `requiresCommand("stats", handler)`
 * (middlewares/auth.ts), which never names a permission; test/architecture/commandPermissions.test.ts
 * fails on a command gated with `requires("permission", …)` instead.
 */
const TABLE = [
  { name: "start", permission: "use", menu: true },
  { name: "help", permission: "use", menu: true },
  { name: "log", permission: "activity.log", menu: true },
  { name: "mine", privateOnly: true, permission: "activity.log", menu: true },
  { name: "undo", permission: "activity.log", menu: true },
  { name: "stats", permission: "stats.view", menu: true },
  { name: "check", permission: "stats.view", menu: true },
  { name: "next", permission: "stats.view", menu: true },
  { name: "summary", privateOnly: true, permission: "summary.view", menu: true },
  { name: "records", privateOnly: true, permission: "summary.view", menu: true },
  { name: "export", privateOnly: true, permission: "export", menu: true },
  { name: "invite", privateOnly: true, permission: "invite.manage", menu: true },
  { name: "members", privateOnly: true, permission: "members.view", menu: true },
  { name: "remind", privateOnly: true, permission: "reminders.manage", menu: true },
  { name: "newbranch", privateOnly: true, permission: "branch.create", menu: true },
  { name: "bind", permission: "group.bind", menu: false },
  { name: "name", permission: "use", menu: true },
  { name: "lang", permission: "use", menu: true },
] as const satisfies readonly CommandSpec[];

export const COMMANDS: readonly CommandSpec[] = TABLE;

type Command = (typeof TABLE)[number];
export type CommandName = Command["name"];
/** Commands anyone may use have no gate; the others are gated by requiresCommand(name). */
export type GatedCommand = Exclude<Command, { permission: "use" }>["name"];
/** Gated commands whose handler gets a member's context (branch.create is for admins, who need no branch). */
export type MemberCommand = Exclude<Command, { permission: "use" | "branch.create" }>["name"];

/** Edit distance, for "did you mean": /stat → /stats, /mien → /mine. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] ?? 0;
      row[j] = Math.min(cur + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] ?? 0;
}

/** The command a mistyped name most likely meant, or null when none is close. */
export function closestCommand(name: string): string | null {
  const typed = name.toLowerCase();
  let best: { name: string; d: number } | null = null;
  for (const c of COMMANDS) {
    const d = c.name.startsWith(typed) || typed.startsWith(c.name) ? 0.5 : distance(typed, c.name);
    if (d <= 2 && (!best || d < best.d)) best = { name: c.name, d };
  }
  return best?.name ?? null;
}

export function commandSpec(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** Registers the command menu in each language (Telegram shows the one matching the user's app language). */
export async function registerCommandMenus(api: Api, t: (locale: string, key: string) => string, defaultLocale: string): Promise<void> {
  const menu = (locale: string): BotCommand[] =>
    COMMANDS.filter((c) => c.menu).map((c) => ({ command: c.name, description: t(locale, `cmd-${c.name}`) }));
  await api.setMyCommands(menu(defaultLocale));
  for (const locale of LANGS) {
    await api.setMyCommands(menu(locale), { language_code: locale });
  }
}
