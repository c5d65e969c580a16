import { Api } from "grammy";
import { pino } from "pino";
import { createI18n } from "../../../src/bot/i18n.js";
import { applyChoice } from "../../../src/bot/features/reminders/settings.js";
import { defaultThemeDayRule } from "../../../src/domain/reminders/index.js";
import { createReminderScheduler } from "../../../src/jobs/scheduler.js";
import type { PressResult } from "../../../src/server/sandbox/index.js";
import { startHarness, seedBranch, type Harness, type SeededBranch } from "../../support/harness.js";

let h: Harness;
let b: SeededBranch;
// 2023-07-05 10:00 in Shanghai, a Wednesday.
beforeAll(async () => {
  h = await startHarness({ now: "2023-07-05T02:00:00Z" });
  b = await seedBranch(h, "第一党支部", [{ id: 601, name: "李书记" }, { id: 602, name: "张三" }, { id: 603, name: "王五" }]);
});
afterAll(() => h.stop());

// Each test starts on 5 July with no rule stored (the default, switched off) and sets up what it needs,
// so any one runs alone or in any order.
beforeEach(async () => {
  h.clock.now = new Date("2023-07-05T02:00:00Z");
  await h.db.prisma.reminderRule.deleteMany({ where: { branchId: b.branchId } });
});

const settings = () => h.store.reminders.get(b.branchId);

/** The rule the secretary sets with buttons in "/remind sets the day, …", switched on with the month-end nudge. */
const RULE_SET_WITH_BUTTONS = {
  pattern: { type: "day_of_month", day: 15 },
  onNonWorkday: "keep",
  reminders: [{ daysBefore: 1, time: "09:00" }, { daysBefore: 0, time: "08:00" }],
  followUp: { enabled: true, daysAfter: 0, time: "18:00" },
  target: "members",
  theme: "传承红色基因",
} as const;

async function ruleSetWithButtons(): Promise<void> {
  await h.store.reminders.setRule(b.branchId, RULE_SET_WITH_BUTTONS, h.clock.now);
  await h.store.reminders.setEnabled(b.branchId, true, h.clock.now);
  await h.store.reminders.setMonthEndNudge(b.branchId, true);
}

function answerOf(p: PressResult) {
  if (p.kind !== "callback") throw new Error("expected an inline button");
  return p.answer();
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
}

describe("/remind", () => {
  it("is the secretary's alone", async () => {
    const u = b.members[0]!;
    await u.command("remind");
    expect((await u.next()).text).toBe("抱歉，您没有权限使用这个功能（需要：支部书记）。");
  });

  it("shows the default rule, switched off, with the next theme day", async () => {
    const u = b.secretary;
    await u.command("remind");
    const panel = await u.next();
    expect(panel.text).toContain("状态：未开启");
    expect(panel.text).toContain("规则：每月第一个周五（遇节假日顺延至下一个工作日）；提前3天 09:00、当天 08:30 提醒，发送到支部群");
    expect(panel.text).toContain("下一次主题党日：7月7日 周五（后天）");
    expect(panel.text).toContain("还没有绑定支部群");
    expect((await settings()).stored).toBe(false);
  });

  it("sets the day, holidays, times, target, theme and nudge with buttons only", async () => {
    const u = b.secretary;
    await u.command("remind");
    await u.next();
    await u.press("📅 日期");
    expect((await u.next()).text).toBe("主题党日定在每月哪一天？");
    await u.press(/^每月固定日期/);
    expect((await u.next()).text).toContain("每月几日");
    await u.press("15");
    expect((await u.next()).text).toContain("规则：每月15日（遇节假日顺延至下一个工作日）");

    await u.press("🏖 遇节假日");
    await u.next();
    await u.press("照常举行");
    expect((await u.next()).text).toContain("下一次主题党日：7月15日 周六（10天后）");

    await u.press("⏰ 提醒时间");
    await u.next();
    await u.press("提前1天 + 当天");
    expect((await u.next()).text).toBe("什么时候提醒？");
    await u.press("当天提醒 08:30");
    expect((await u.next()).text).toBe("当天提醒在几点发？");
    await u.press("08:00");
    await u.next();
    expect(u.lastBotMessage()!.buttons.flat().map((x) => x.text)).toEqual(expect.arrayContaining(["✓ 提前1天 + 当天", "提前提醒 09:00", "当天提醒 08:00"]));
    await u.press("返回");
    expect((await u.next()).text).toContain("提前1天 09:00、当天 08:00 提醒");

    await u.press("📣 发送到");
    await u.next();
    await u.press("私信每位党员");
    expect((await u.next()).text).toContain("私信每位党员");

    await u.press("💬 主题");
    expect((await u.next()).text).toContain("请输入主题党日的主题");
    await u.say("传承红色基因");
    expect((await u.next()).text).toBe("已保存主题：传承红色基因");
    expect((await u.next()).text).toContain("主题：传承红色基因");

    await u.press("开启月底支委会提醒");
    expect((await u.next()).text).toContain("月底支委会提醒：开");
    await u.press("▶️ 开启提醒");
    expect((await u.next()).text).toContain("状态：✅ 已开启");
    await u.press("✅ 完成");
    const closed = await u.next();
    expect(closed.text).toContain("✅ 主题党日提醒已开启");
    expect(closed.buttons).toEqual([]);

    const s = await settings();
    expect(s).toMatchObject({ enabled: true, monthEndNudge: true, checkedAt: h.clock.now });
    expect(s.rule).toEqual(RULE_SET_WITH_BUTTONS);
  });

  it("refuses a panel button from a branch the secretary no longer works in", async () => {
    const u = b.secretary;
    await u.command("remind");
    await u.next();
    await u.command("newbranch", "第二党支部");
    await u.nextMatching("已创建支部");
    const press = await u.press("📅 日期");
    expect(await answerOf(press)).toEqual({ text: "这个按钮已失效或不属于您，请重新打开菜单。", show_alert: true });
    const first = (await h.store.branches.ofMember(b.memberIds.get(601)!))[0]!;
    await h.store.members.setActiveBranch(b.memberIds.get(601)!, first.id);
  });

  it("accepts only the choices the panel offers", () => {
    expect(applyChoice(defaultThemeDayRule, "dom", 32, 0)).toBeNull();
    expect(applyChoice(defaultThemeDayRule, "nth", 1, 8)).toBeNull();
    expect(applyChoice(defaultThemeDayRule, "time", 1, 99)).toBeNull();
    expect(applyChoice(defaultThemeDayRule, "nth", 0, 3)?.pattern).toEqual({ type: "nth_weekday", n: -1, weekday: 3 });
  });
});

describe("/next", () => {
  it("tells any member the next theme day and the reminders that will go out", async () => {
    await ruleSetWithButtons();
    const u = b.members[1]!;
    await u.command("next");
    expect((await u.next()).text).toBe(
      [
        "下一次主题党日：7月15日 周六（10天后）",
        "主题：传承红色基因",
        "将发送的提醒：",
        "· 7月14日 周五 09:00（提前1天）",
        "· 7月15日 周六 08:00（当天）",
        "· 7月15日 周六 18:00 询问书记是否已登记",
        "提醒私信发给每位党员。",
      ].join("\n"),
    );
  });
});

describe("after the theme day", () => {
  it("asks the secretary once, and the button opens the logging flow with kind, date and theme filled in", async () => {
    const i18n = createI18n("zh", () => undefined);
    const scheduler = createReminderScheduler({
      store: h.store,
      api: new Api("123456:TEST", { apiRoot: h.sandbox.apiRoot }),
      translate: (locale, key, vars) => i18n.t(locale ?? "zh", key, vars),
      logger: pino({ level: "silent" }),
      now: () => h.clock.now,
    });
    await ruleSetWithButtons();
    h.clock.now = new Date("2023-07-15T10:05:00Z"); // 18:05 on the theme day
    expect(await scheduler.runOnce()).toMatchObject({ sent: 1, skipped: 2 });
    const u = b.secretary;
    const ask = await u.nextMatching("记录了吗");
    expect(ask.text).toContain("今天（7月15日 周六）的主题党日记录了吗？");
    await u.press("📝 记录主题党日");
    const review = await u.next();
    expect(review.text).toContain("请核对");
    expect(review.text).toContain("主题党日");
    expect(review.text).toContain("2023年7月15日");
    expect(review.text).toContain("传承红色基因");
    await u.press("✅ 保存");
    expect((await u.next()).text).toContain("✅ 已记录");
    expect(await h.store.reminders.themeDayLoggedOn(b.branchId, { year: 2023, month: 7, day: 15 }, "Asia/Shanghai")).toBe(true);

    const again = await u.press("📝 记录主题党日", { messageId: ask.message_id });
    expect((await answerOf(again)).text).toBe("这次主题党日已经登记过了，不需要再记。");
  });
});

describe("blocking the bot", () => {
  it("stops private reminders to a member who blocks the bot and resumes them when they come back", async () => {
    const u = b.members[1]!;
    const id = b.memberIds.get(603)!;
    const blockedAt = async () => (await h.db.prisma.member.findUniqueOrThrow({ where: { id } })).blockedAt;
    await u.block();
    await until(async () => (await blockedAt()) !== null);
    expect(await blockedAt()).toEqual(h.clock.now);
    expect((await h.store.reminders.recipients(b.branchId)).members.map((m) => m.telegramId)).toEqual([601, 602]);
    await u.unblock();
    await until(async () => (await blockedAt()) === null);
    expect(await blockedAt()).toBeNull();
  });
});

describe("switching reminders on after today's reminder time", () => {
  it("says plainly that today's reminder will not be sent, and /next says so too", async () => {
    const h2 = await startHarness({ now: "2023-07-05T02:00:00Z" }); // 10:00 in Shanghai
    try {
      const b2 = await seedBranch(h2, "第二党支部", [{ id: 611, name: "赵书记" }, { id: 612, name: "钱党员" }]);
      await h2.store.reminders.setRule(b2.branchId, {
        pattern: { type: "day_of_month", day: 5 }, onNonWorkday: "keep", target: "members",
        reminders: [{ daysBefore: 0, time: "09:00" }], followUp: { enabled: false },
      }, h2.clock.now);
      const u = b2.secretary;
      await u.command("remind");
      await u.next();
      await u.press("▶️ 开启提醒");
      expect((await u.nextMatching("时间已过")).text).toBe("注意：今天 09:00 的提醒时间已过，这次不再补发；之后的提醒照常发送。");
      await u.command("next");
      const next = await u.nextMatching("提醒私信发给每位党员");
      expect(next.text).toContain("本次 09:00 的提醒在开启提醒之前已过时间，不再补发。");
    } finally {
      await h2.stop();
    }
  });
});
