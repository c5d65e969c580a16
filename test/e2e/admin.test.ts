// `npm run admin -- …` as an operator runs it (its own process: node scripts/start.mjs cli/admin.js): create a
// branch with its secretary, list it, list its members, export its ledger, re-send a theme day's
// reminder through the (sandbox) Bot API, and refuse bad input with exit code 2 and one line.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { jest } from "@jest/globals";
import { openDatabase, type DatabaseHandle } from "../../src/db/client.js";
import { createStore, type Store } from "../../src/db/store.js";
import { todayIn } from "../../src/domain/calendar/index.js";
import { occurrenceFor, parseThemeDayRule } from "../../src/domain/reminders/index.js";
import { createSandbox, type Sandbox } from "../../src/server/sandbox/index.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { readZipEntry } from "../render/zipReader.js";

jest.setTimeout(180_000);

const root = path.resolve(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "../..");
let t: TestDatabase;

/** start.mjs says on stderr when it refreshed dist/ first (after a source change). */
const withoutBuildNote = (s: string) => s.replace(/^built dist\/ from .*\n/m, "");

function admin(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["scripts/start.mjs", "cli/admin.js", ...args],
      {
        cwd: root,
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", DATABASE_URL: t.url, ...env },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr: withoutBuildNote(stderr) }),
    );
  });
}

async function withStore<R>(fn: (store: Store, db: DatabaseHandle) => Promise<R>): Promise<R> {
  const db = await openDatabase(t.url);
  try {
    return await fn(createStore(db), db);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  t = await createTestDatabase("admin");
});
afterAll(async () => {
  await t.drop();
});

describe("npm run admin", () => {
  it("creates a branch with its secretary, lists it and its members, and exports its ledger", async () => {
    const created = await admin(["branch:create", "城东社区党支部", "--secretary", "9100001", "--name", "赵书记"]);
    expect(created).toMatchObject({ code: 0, stderr: "" });
    expect(created.stdout).toMatch(/^已创建支部“城东社区党支部”（编号 (\d+)），支部书记：Telegram 用户 9100001。/);
    const id = Number(/编号 (\d+)/.exec(created.stdout)![1]);

    // The bot's own store sees the secretary, and a record reported later counts.
    await withStore(async (store) => {
      const sec = await store.members.ensure(9100001, undefined);
      expect(sec).toMatchObject({ name: "赵书记", membership: { branchId: id, role: "secretary", branchName: "城东社区党支部" } });
      await store.activities.create({
        branchId: id,
        reporterId: sec.id,
        personal: false,
        hasTime: false,
        title: "研究部署年度党建工作",
        location: null,
        host: null,
        recorder: null,
        speaker: null,
        expectedCount: 5,
        presentCount: 5,
        durationHours: null,
        notes: null,
        details: {},
        absentees: [],
        attendeeIds: [sec.id],
        kinds: ["branch_committee"],
        occurredAt: "2023-03-15T02:00:00.000Z",
      });
    });

    const list = await admin(["branches"]);
    expect(list.code).toBe(0);
    expect(list.stdout.split("\n")[0]).toBe("编号\t支部名称\t党员\t记录\t时区\t创建日期");
    expect(list.stdout).toMatch(new RegExp(`^${id}\\t城东社区党支部\\t1\\t1\\tAsia/Shanghai\\t\\d{4}-\\d{2}-\\d{2}$`, "m"));

    const members = await admin(["member:list", "城东社区党支部"]);
    expect(members).toMatchObject({ code: 0, stderr: "" });
    expect(members.stdout).toContain("9100001\t赵书记\t\t支部书记\t在册");

    const file = path.join(t.dir, "台账.xlsx");
    const exported = await admin(["export", String(id), "2023", file]);
    expect(exported).toMatchObject({ code: 0, stderr: "" });
    expect(exported.stdout).toContain("已导出“城东社区党支部2023年台账”，共1条记录");
    const xlsx = readFileSync(file);
    const strings = readZipEntry(xlsx, "xl/sharedStrings.xml").toString("utf8");
    expect(strings).toContain("研究部署年度党建工作");
    expect(strings).toContain("支委会");
  });

  it("refuses bad input with exit code 2 and one clear line", async () => {
    const cases: [string[], string][] = [
      [["member:list", "不存在的支部"], "没有支部“不存在的支部”。用 npm run admin -- branches 查看全部支部及编号。"],
      [["export", "987", "2023", path.join(t.dir, "x.xlsx")], "没有支部“987”。用 npm run admin -- branches 查看全部支部及编号。"],
      [["branch:create", "西城党支部", "--secretary", "12ab"], "Telegram 用户ID应为正整数（例如 123456789），收到“12ab”。"],
      [["branch:create", "西城党支部", "--secretary=-5"], "Telegram 用户ID应为正整数（例如 123456789），收到“-5”。"],
      [["branch:create", "西城党支部"], "用法：npm run admin -- branch:create <名称> --secretary <Telegram id> [--name <姓名>]"],
      [["branch:create", "城东社区党支部", "--secretary", "9100002"], "已有支部名为“城东社区党支部”（编号 1）。"],
      [["export", "城东社区党支部", "23", path.join(t.dir, "x.xlsx")], "年份应为四位数字（例如 2023），收到“23”。"],
      [
        ["export", "城东社区党支部", "2023", path.join(t.dir, "x.csv")],
        `导出文件名应以 .xlsx 结尾，且所在文件夹须已存在：“${path.join(t.dir, "x.csv")}”。`,
      ],
      [["reminders:resend", "城东社区党支部", "2024-02-30"], "日期应为 YYYY-MM-DD（例如 2024-03-15），收到“2024-02-30”。"],
      [
        ["frobnicate"],
        "未知命令“frobnicate”。可用命令：branches、branch:create、member:list、reminders:resend、export（npm run admin -- --help 查看说明）。",
      ],
    ];
    for (const [args, line] of cases) {
      const r = await admin(args);
      expect([args, r.code, r.stderr.trimEnd(), r.stdout]).toEqual([args, 2, line, ""]);
    }
    const bad = await admin(["branches"], { DATABASE_URL: "mysql://x" });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    const help = await admin(["--help"], { DEFAULT_LOCALE: "en" });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("branch:create <name> --secretary <Telegram user id>");
  });

  it("re-sends a theme day's reminder through the Bot API, once per person", async () => {
    const sandbox: Sandbox = await createSandbox({ flood: false });
    try {
      const now = new Date();
      const { branchId, day } = await withStore(async (store) => {
        const sec = await store.members.ensure(9200001, undefined);
        await store.members.setName(sec.id, "钱书记");
        const branch = await store.branches.create("城西党支部", "Asia/Shanghai", sec.id);
        const member = await store.members.ensure(9200002, undefined);
        await store.memberships.join(branch.id, member.id, false);
        // A theme day today or later: the 28th (moved off holidays) of this month, else of next month.
        const today = todayIn(now, "Asia/Shanghai");
        const rule = parseThemeDayRule({ pattern: { type: "day_of_month", day: 28 }, target: "members", theme: "学习党章" });
        let occ = occurrenceFor(rule, today.year, today.month, "Asia/Shanghai");
        const sameOrLater = (d: typeof today) =>
          d.year * 10000 + d.month * 100 + d.day >= today.year * 10000 + today.month * 100 + today.day;
        if (!sameOrLater(occ.themeDay))
          occ = occurrenceFor(
            rule,
            today.month === 12 ? today.year + 1 : today.year,
            today.month === 12 ? 1 : today.month + 1,
            "Asia/Shanghai",
          );
        await store.reminders.setRule(branch.id, rule, now);
        await store.reminders.setEnabled(branch.id, true, now);
        return { branchId: branch.id, day: occ.themeDay };
      });
      const date = `${day.year}-${String(day.month).padStart(2, "0")}-${String(day.day).padStart(2, "0")}`;
      const sec = sandbox.user({ id: 9200001, first_name: "钱书记", started: true });
      const member = sandbox.user({ id: 9200002, first_name: "孙同志", started: true });
      const env = { BOT_TOKEN: "4242:ADMIN", TELEGRAM_API_ROOT: sandbox.apiRoot };

      const first = await admin(["reminders:resend", String(branchId), date], env);
      expect(first).toMatchObject({ code: 0, stderr: "" });
      expect(first.stdout.trim()).toBe("已补发主题党日提醒：发送2条，失败0条，对方已屏蔽0条；0人此前已收到，未重复发送。");
      expect((await sec.next()).text).toContain("学习党章");
      expect((await member.next()).text).toContain("主题党日");

      const again = await admin(["reminders:resend", "城西党支部", date], env);
      expect(again.stdout.trim()).toBe("已补发主题党日提醒：发送0条，失败0条，对方已屏蔽0条；2人此前已收到，未重复发送。");
      expect(member.transcript().filter((m) => m.from === "bot")).toHaveLength(1);

      const noToken = await admin(["reminders:resend", "城西党支部", date]);
      expect(noToken.code).toBe(2);
      expect(noToken.stderr).toContain("BOT_TOKEN");
    } finally {
      await sandbox.close();
    }
  });
});
