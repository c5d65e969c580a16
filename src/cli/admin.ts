// `npm run admin -- <command>`: the operator's command line. It works on the same store, domain
// rules, renderers and reminder fan-out as the bot; nothing here decides a rule of its own.
// Messages are in DEFAULT_LOCALE (locales/*/admin.ftl); bad input exits with code 2 and one line.
import { writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { Api } from "grammy";
import { createI18n, plainNumbers } from "../bot/i18n.js";
import { toLang, type Lang } from "../domain/lang.js";
import { loadConfig, type Config } from "../config.js";
import { openDatabase } from "../db/client.js";
import { deployMigrations } from "../db/migrations/migrator.js";
import type { BranchView } from "../db/repos/branches.js";
import { createStore, type Store } from "../db/store.js";
import type { LocalDate } from "../domain/activity.js";
import { formatInstantDate, formatLocalDate, isValidDate } from "../domain/calendar/index.js";
import { normaliseBranchName } from "../domain/membership.js";
import { parsePeriod } from "../domain/period/index.js";
import { parseRuleSettings } from "../domain/rules/settings.js";
import { chineseDaysCalendar } from "../domain/reminders/index.js";
import { resendThemeDayReminder } from "../jobs/resend.js";
import { createLogger } from "../logger.js";
import { ledgerRowsOf, ledgerTitle } from "../render/ledgerRows.js";
import { runCli, UsageError } from "./run.js";

type T = (key: string, vars?: Record<string, string | number>) => string;

interface Ctx {
  config: Config;
  store: Store;
  t: T;
  lang: Lang;
  args: string[];
  options: { secretary?: string; name?: string };
  out: (line: string) => void;
}

const USAGE: Record<string, string> = {
  branches: "branches",
  "branch:create": "branch:create <名称> --secretary <Telegram id> [--name <姓名>]",
  "member:list": "member:list <branch>",
  "reminders:resend": "reminders:resend <branch> <YYYY-MM-DD>",
  export: "export <branch> <year> <file.xlsx>",
};
const ARITY: Record<string, number> = { branches: 0, "branch:create": 1, "member:list": 1, "reminders:resend": 2, export: 3 };

function expectArgs(c: Ctx, command: string): void {
  if (c.args.length !== ARITY[command]) throw new UsageError(c.t("admin-usage", { usage: USAGE[command] ?? command }));
}

/** A branch by id, or by its exact name. */
async function findBranch(c: Ctx, ref: string): Promise<BranchView> {
  if (/^\d+$/.test(ref)) {
    const b = await c.store.branches.get(Number(ref));
    if (b) return b;
  } else {
    const named = await c.store.branches.byName(normaliseBranchName(ref) ?? ref);
    if (named.length === 1) return named[0]!;
    if (named.length > 1)
      throw new UsageError(c.t("admin-ambiguous-branch", { branch: ref, n: named.length, ids: named.map((b) => b.id).join(", ") }));
  }
  throw new UsageError(c.t("admin-no-branch", { branch: ref }));
}

function telegramId(c: Ctx, value: string | undefined): number {
  const n = Number(value);
  if (!value || !/^[1-9]\d*$/.test(value) || !Number.isSafeInteger(n))
    throw new UsageError(c.t("admin-bad-telegram-id", { value: value ?? "" }));
  return n;
}

const commands: Record<string, (c: Ctx) => Promise<void>> = {
  async branches(c) {
    expectArgs(c, "branches");
    const all = await c.store.branches.overview();
    if (all.length === 0) return c.out(c.t("admin-branches-none"));
    c.out(c.t("admin-branches-header"));
    for (const b of all) c.out([b.id, b.name, b.members, b.records, b.timeZone, formatInstantDate(b.createdAt, b.timeZone)].join("\t"));
  },

  async "branch:create"(c) {
    expectArgs(c, "branch:create");
    const name = normaliseBranchName(c.args[0] ?? "");
    if (!name) throw new UsageError(c.t("admin-bad-branch-name", { value: c.args[0] ?? "" }));
    if (c.options.secretary === undefined) throw new UsageError(c.t("admin-usage", { usage: USAGE["branch:create"]! }));
    const id = telegramId(c, c.options.secretary);
    const existing = await c.store.branches.byName(name);
    if (existing[0]) throw new UsageError(c.t("admin-branch-exists", { name, id: existing[0].id }));
    const secretary = await c.store.members.ensure(id, undefined);
    const secretaryName = c.options.name?.trim();
    if (secretaryName) await c.store.members.setName(secretary.id, secretaryName);
    const branch = await c.store.branches.create(name, c.config.DEFAULT_TIMEZONE, secretary.id);
    c.out(c.t("admin-branch-created", { name: branch.name, id: branch.id, telegramId: String(id) }));
  },

  async "member:list"(c) {
    expectArgs(c, "member:list");
    const branch = await findBranch(c, c.args[0]!);
    const members = await c.store.branches.members(branch.id, true);
    if (members.length === 0) return c.out(c.t("admin-members-none", { branch: branch.name }));
    c.out(c.t("admin-members-header"));
    for (const m of members) {
      c.out(
        [
          m.telegramId,
          m.name ?? "",
          m.username ? `@${m.username}` : "",
          c.t(`role-${m.role}`),
          m.status === "removed" && m.removedReason ? c.t("admin-member-removed-because", { reason: m.removedReason }) : c.t(`admin-member-status-${m.status}`),
        ].join("\t"),
      );
    }
  },

  async export(c) {
    expectArgs(c, "export");
    const [ref, yearText, fileArg] = c.args as [string, string, string];
    const branch = await findBranch(c, ref);
    if (!/^\d{4}$/.test(yearText)) throw new UsageError(c.t("admin-bad-year", { value: yearText }));
    const file = path.resolve(fileArg);
    if (!file.endsWith(".xlsx") || !existsSync(path.dirname(file))) throw new UsageError(c.t("admin-bad-xlsx", { value: fileArg }));
    const parsed = parsePeriod(yearText, new Date(), branch.timeZone);
    if (!parsed.ok || parsed.period.unit !== "year") throw new UsageError(c.t("admin-bad-year", { value: yearText }));
    const { period } = parsed;
    const [start, end] = [new Date(period.start), new Date(period.end)];
    const records = await c.store.activities.ledgerRows(branch.id, start, end);
    const settings = parseRuleSettings((await c.store.branches.get(branch.id))?.rules ?? {});
    const study = await c.store.ledger.studyHours(branch.id, start, end, settings);
    const title = ledgerTitle(branch.name, period.year);
    const { renderLedgerXlsx } = await import("../render/ledgerXlsx.js");
    await writeFile(file, await renderLedgerXlsx(title, ledgerRowsOf(records, branch.timeZone, c.lang, settings), study));
    c.out(c.t("admin-exported", { title, n: records.length, file }));
  },

  async "reminders:resend"(c) {
    expectArgs(c, "reminders:resend");
    const [ref, dateText] = c.args as [string, string];
    const branch = await findBranch(c, ref);
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateText);
    const day: LocalDate | null =
      m && isValidDate(Number(m[1]), Number(m[2]), Number(m[3])) ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
    if (!day) throw new UsageError(c.t("admin-bad-date", { value: dateText }));
    const token = c.config.BOT_TOKEN;
    if (!token) throw new UsageError(c.t("admin-resend-needs-token"));
    const scheduled = (await c.store.reminders.scheduled()).find((b) => b.branchId === branch.id);
    if (!scheduled) throw new UsageError(c.t("admin-resend-off", { branch: branch.name }));
    const i18n = createI18n(c.lang, () => c.lang);
    const api = new Api(token, c.config.TELEGRAM_API_ROOT ? { apiRoot: c.config.TELEGRAM_API_ROOT } : {});
    const outcome = await resendThemeDayReminder(
      {
        reminders: c.store.reminders,
        api,
        logger: createLogger(c.config.LOG_LEVEL === "info" ? "warn" : c.config.LOG_LEVEL, process.stderr),
        now: () => new Date(),
        concurrency: 5,
        translate: (locale, key, vars) => i18n.t(toLang(locale, c.lang), key, plainNumbers(vars)),
        defaultLocale: c.lang,
        holidays: chineseDaysCalendar,
      },
      scheduled,
      day,
    );
    if (!outcome.ok && outcome.reason === "over") throw new UsageError(c.t("admin-resend-over", { date: dateText }));
    if (!outcome.ok) {
      throw new UsageError(
        c.t("admin-resend-not-theme-day", { date: dateText, branch: branch.name, themeDay: formatLocalDate(outcome.themeDay) }),
      );
    }
    const r = outcome.result;
    c.out(
      c.t("admin-resend-done", { sent: r.sent, failed: r.failed, blocked: r.blocked, reached: outcome.alreadyReached + r.alreadyClaimed }),
    );
  },
};

runCli(async () => {
  const config = loadConfig();
  const lang = toLang(config.DEFAULT_LOCALE, "zh");
  const i18n = createI18n(lang, () => lang);
  const t: T = (key, vars) => i18n.t(lang, key, plainNumbers(vars));
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: { secretary: { type: "string" }, name: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    throw new UsageError(t("admin-bad-option", { detail: (error as Error).message }));
  }
  const [command, ...args] = parsed.positionals;
  if (parsed.values.help || !command) {
    console.log(t("admin-help"));
    return parsed.values.help ? 0 : 2;
  }
  const run = commands[command];
  if (!run) throw new UsageError(t("admin-unknown-command", { command }));
  await deployMigrations(config.DATABASE_URL);
  const db = await openDatabase(config.DATABASE_URL);
  const store = createStore(db);
  try {
    const options = {
      ...(parsed.values.secretary !== undefined ? { secretary: parsed.values.secretary } : {}),
      ...(parsed.values.name !== undefined ? { name: parsed.values.name } : {}),
    };
    await run({ config, store, t, lang, args, options, out: (line) => console.log(line) });
  } finally {
    await store.close();
  }
  return 0;
});
