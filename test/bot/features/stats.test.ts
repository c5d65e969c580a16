// /stats through the real bot: exact figures per period, period buttons, the chart, who sees what.
import { mkdirSync, writeFileSync } from "node:fs";
import type { NewActivity } from "../../../src/db/repos/activities.js";
import { startHarness, seedBranch, type Harness, type SeededBranch } from "../../support/harness.js";
import { newActivity } from "../../support/records.js";

let h: Harness;
let b: SeededBranch;
let otherBranchId: number;
const id = (telegramId: number) => b.memberIds.get(telegramId)!;

function add(a: Partial<NewActivity> & Pick<NewActivity, "kinds" | "occurredAt">) {
  return h.store.activities.create(newActivity(b.branchId, id(601), { ...a }));
}

// Now: 2023-07-05 10:00 in Shanghai (Q3).
beforeAll(async () => {
  h = await startHarness({ now: "2023-07-05T02:00:00Z" });
  b = await seedBranch(h, "第一党支部", [
    { id: 601, name: "李书记" }, { id: 602, name: "陈委员" }, { id: 603, name: "张三" }, { id: 604, name: "李四" }, { id: 605, name: "王五" },
  ]);
  await h.store.memberships.setRole(b.branchId, id(602), "committee", "组织委员");
  otherBranchId = (await h.store.branches.create("第二党支部", "Asia/Shanghai", (await h.store.members.ensure(699, undefined)).id)).id;

  // 23:30 on 31 March in Shanghai (15:30 UTC): Q1.
  await add({ kinds: ["branch_committee"], occurredAt: "2023-03-31T15:30:00Z", expectedCount: 5, presentCount: 2, attendeeIds: [id(601), id(602)] });
  // 00:30 on 1 April in Shanghai (still 31 March in UTC): Q2.
  await add({ kinds: ["general_assembly"], occurredAt: "2023-03-31T16:30:00Z", expectedCount: 5, presentCount: 4, durationHours: 2,
    attendeeIds: [id(601), id(603), id(604), id(605)] });
  // One event with two kinds: once in each.
  await add({ kinds: ["theme_day", "party_lecture"], occurredAt: "2023-05-12T04:00:00Z", title: "学习新思想 奋进新征程", presentCount: 12,
    durationHours: 3, attendeeIds: [id(603)] });
  await add({ kinds: ["talk"], occurredAt: "2023-06-30T04:00:00Z", presentCount: 2, details: { talkPairs: ["书记–委员"] } });
  await add({ kinds: ["study"], occurredAt: "2023-07-01T04:00:00Z", title: "学习二十大精神", presentCount: 5, durationHours: 2, attendeeIds: [id(603)] });
  // Not counted as branch events: deleted, personal self-study (自学: off the 学时 count unless the branch counts it), another branch's.
  const deleted = await add({ kinds: ["branch_committee"], occurredAt: "2023-02-10T04:00:00Z", presentCount: 5 });
  await h.store.activities.softDelete(deleted.record.id, id(601), new Date());
  await add({ kinds: ["study"], occurredAt: "2023-02-11T04:00:00Z", personal: true, reporterId: id(605), durationHours: 4 });
  await add({ kinds: ["branch_committee"], occurredAt: "2023-04-10T04:00:00Z", presentCount: 9, branchId: otherBranchId });
});
afterAll(() => h.stop());

describe("/stats", () => {
  it("gives the secretary 次 and 人次 per kind, grouped, with own and per-member participation", async () => {
    const u = b.secretary;
    await u.command("stats");
    const reply = await u.next();
    expect(reply.text).toBe([
      "📊 2023年 台账统计",
      "",
      "【政治建设】",
      "理论学习 1次 / 5人次",
      "",
      "【组织建设】",
      "支委会 1次 / 2人次",
      "党员大会 1次 / 4人次",
      "党课 1次 / 12人次",
      "主题党日 1次 / 12人次",
      "",
      "【党风廉政建设】",
      "谈心谈话 1次 / 2人次",
      "",
      "合计 5次 / 25人次（一次活动含多个类型时只计一次）",
      "",
      // 学时: 主题党日/党课 3 h and 理论学习 2 h, 王五's self-study 4 h; the 党员大会's 2 hours are not study.
      "👤 我参加的：2次活动，0学时",
      "",
      "👥 党员参与情况（2023年，共5人）",
      // 31 March has 2 of 2 listed; 1 April lists 4 of 4; 12 May, 1 July list 1 of 12 and 1 of 5 (the talk takes no attendance).
      "（另有2条记录只记了人数、未列参加人员，未计入下列个人数字；可在记录卡片上点“选择参加人员”补全）",
      "陈委员：1次 · 0学时",
      "李书记：2次 · 0学时",
      "李四：1次 · 0学时",
      "王五：1次 · 0学时",
      "张三：3次 · 5学时",
      "2023年第三季度 尚未参加活动（4人）：陈委员、李书记、李四、王五",
    ].join("\n"));
    expect(reply.buttons.flat().map((x) => x.text)).toEqual(["本月", "本季度", "· 今年 ·", "上月", "上季度", "去年"]);

    const chart = await u.next();
    expect(chart.photo).toBeDefined();
    expect(chart.text).toContain("2023年各月活动次数（按类别，跨类活动分别计入各类）");
    expect(chart.bytes!.subarray(1, 4).toString("latin1")).toBe("PNG");
    mkdirSync("test-artifacts", { recursive: true });
    writeFileSync("test-artifacts/stats-chart.png", chart.bytes!);
  });

  it("switches the period with the buttons by editing the message", async () => {
    const u = b.secretary;
    await u.command("stats");
    await u.next(); // the year's tallies with the period buttons
    await u.next(); // the chart
    const pressed = await u.press("本季度");
    if (pressed.kind !== "callback") throw new Error("expected an inline button");
    expect(await pressed.answer()).toEqual({});
    const edited = await u.next();
    expect(edited.kind).toBe("edit");
    expect(edited.text).toContain("📊 2023年第三季度 台账统计");
    expect(edited.text).toContain("理论学习 1次 / 5人次");
    expect(edited.text).toContain("合计 1次 / 5人次");
    expect(edited.text).not.toContain("支委会");
    expect(edited.text).toContain("👤 我参加的：0次活动，0学时");
    expect(edited.text).toContain("张三：1次 · 2学时");
    expect(edited.text).toContain("2023年第三季度 尚未参加活动（4人）");
    expect(edited.buttons.flat().map((x) => x.text)).toContain("· 本季度 ·");

    await u.press("去年");
    const lastYear = await u.next();
    expect(lastYear.text).toContain("2022年 台账统计");
    expect(lastYear.text).toContain("本期暂无记录。");
    expect(lastYear.text).toContain("2022年 尚未参加活动（5人）");
  });

  it("puts 23:30 on 31 March (Shanghai) in Q1 and 00:30 on 1 April in Q2", async () => {
    const u = b.secretary;
    await u.command("stats", "2023-Q1");
    const q1 = await u.next();
    expect(q1.text).toContain("📊 2023年第一季度 台账统计");
    expect(q1.text).toContain("支委会 1次 / 2人次");
    expect(q1.text).not.toContain("党员大会");
    expect(q1.text).toContain("合计 1次 / 2人次");
    expect(q1.text).toContain("2023年第一季度 尚未参加活动（3人）：李四、王五、张三");
    await u.next(); // chart

    await u.command("stats", "2023-Q2");
    const q2 = await u.next();
    expect(q2.text).toContain("党员大会 1次 / 4人次");
    expect(q2.text).toContain("党课 1次 / 12人次");
    expect(q2.text).toContain("主题党日 1次 / 12人次");
    expect(q2.text).toContain("谈心谈话 1次 / 2人次");
    expect(q2.text).toContain("合计 3次 / 18人次");
    expect(q2.text).not.toContain("支委会");
    await u.next();

    await u.command("stats", "2023-03");
    const march = await u.next();
    expect(march.text).toContain("📊 2023年3月 台账统计");
    expect(march.text).toContain("支委会 1次 / 2人次");
    await u.next();
    await u.command("stats", "2023-04");
    const april = await u.next();
    expect(april.text).toContain("党员大会 1次 / 4人次");
    expect(april.text).not.toContain("支委会");
    await u.next();
  });

  it("shows a plain member their own participation but nobody else's", async () => {
    const u = b.members[3]!; // 王五
    await u.command("stats");
    const reply = await u.next();
    expect(reply.text).toContain("合计 5次 / 25人次");
    expect(reply.text).toContain("👤 我参加的：1次活动，0学时"); // his 4 hours are 自学
    expect(reply.text).not.toContain("党员参与情况");
    expect(reply.text).not.toContain("尚未参加");
    expect(reply.text).not.toMatch(/张三|李四|陈委员/);
    const chart = await u.next();
    expect(chart.text).toContain("折线为您参加的次数");
  });

  it("counts 学时 by the branch's own study kinds (and 自学 when the branch counts it)", async () => {
    await h.store.branches.setRules(b.branchId, { studyKinds: ["general_assembly", "study"], selfStudyCounts: true });
    const u = b.members[3]!; // 王五
    await u.command("stats");
    const reply = await u.next();
    await u.next(); // chart
    await h.store.branches.setRules(b.branchId, {});
    expect(reply.text).toContain("👤 我参加的：1次活动，6学时");
  });

  it("explains a bad period with examples, in the user's language", async () => {
    const u = b.members[2]!; // 李四
    await u.command("stats", "2023-13");
    const zh = await u.next();
    expect(zh.text).toContain("未识别出时间段“2023-13”：月份应为1–12。");
    expect(zh.text).toContain("/stats 2023-Q2");
    await u.command("stats", "下下周");
    expect((await u.next()).text).toContain("格式不对");

    await h.store.members.setLocale(id(604), "en");
    await u.command("stats", "2023-13");
    const en = await u.next();
    expect(en.text).toContain('I could not read the period "2023-13": the month must be 1–12.');
    expect(en.text).toContain("/stats 2023-Q2");
    await h.store.members.setLocale(id(604), "zh");
  });

  it("refuses a button that carries another branch than the presser's", async () => {
    const u = b.members[0]!; // 陈委员
    await u.command("stats");
    const reply = await u.next();
    await u.next(); // chart
    // 陈委员 joins the second branch and works in it now: the old buttons carry the first branch's id.
    await h.store.memberships.join(otherBranchId, id(602), false);
    const pressed = await u.press("本月", { messageId: reply.message_id });
    if (pressed.kind !== "callback") throw new Error("expected an inline button");
    expect(await pressed.answer()).toEqual({ text: "这个按钮已失效或不属于您，请重新打开菜单。", show_alert: true });
    expect(u.drain()).toEqual([]);
    expect(u.transcript().find((e) => e.message_id === reply.message_id)?.text).toBe(reply.text);
    await h.store.members.setActiveBranch(id(602), b.branchId);
  });
});
