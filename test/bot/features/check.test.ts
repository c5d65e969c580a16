// /check through the real bot: a known 2023 ledger against the default rules and the branch's own settings.
import type { NewActivity } from "../../../src/db/repos/activities.js";
import { startHarness, seedBranch, type Harness, type SeededBranch } from "../../support/harness.js";
import { newActivity } from "../../support/records.js";

let h: Harness;
let b: SeededBranch;
const id = (telegramId: number) => b.memberIds.get(telegramId)!;
/** Noon in Shanghai on a 2023 date. */
const noon = (month: number, day: number) => new Date(Date.UTC(2023, month - 1, day, 4)).toISOString();

/** When the branch was created (it keeps its ledger from that month on). */
const setCreatedAt = (iso: string) => h.db.prisma.branch.update({ where: { id: b.branchId }, data: { createdAt: new Date(iso) } });

function add(a: Partial<NewActivity> & Pick<NewActivity, "kinds" | "occurredAt">) {
  return h.store.activities.create(newActivity(b.branchId, id(701), { ...a }));
}

// Now: 1 March 2024 in Shanghai, so 2023 is judged as a whole.
beforeAll(async () => {
  h = await startHarness({ now: "2024-03-01T02:00:00Z" });
  b = await seedBranch(h, "第一党支部", [
    { id: 701, name: "李书记" }, { id: 702, name: "陈委员" }, { id: 703, name: "张三" }, { id: 704, name: "李四" }, { id: 705, name: "王五" },
    { id: 706, name: "赵六" }, { id: 707, name: "孙七" }, // 7 正式党员: the branch has a 支部委员会
  ]);
  await h.store.memberships.setRole(b.branchId, id(702), "committee", "组织委员");
  await h.store.memberships.setRole(b.branchId, id(703), "group_leader");
  await h.store.memberships.setGroup(b.branchId, id(703), "第一党小组");
  await setCreatedAt("2022-05-10T02:00:00Z"); // the ledger began before 2023

  // 支委会 every month but October; 23:30 on 31 March (Shanghai) is March. Two fall short of a quorum.
  for (const month of [1, 2, 4, 6, 7, 8, 9, 11, 12]) await add({ kinds: ["branch_committee"], occurredAt: noon(month, 8), expectedCount: 2, presentCount: 2 });
  await add({ kinds: ["branch_committee"], occurredAt: "2023-03-31T15:30:00Z", expectedCount: 5, presentCount: 2, title: "研究部署年度工作" });
  await add({ kinds: ["branch_committee"], occurredAt: noon(5, 9), presentCount: 1 }); // no 应到: committee of 2 is the base
  // 党员大会: 00:30 on 1 April in Shanghai (31 March in UTC) is Q2; then Q3. Q1 and Q4 have none.
  await add({ kinds: ["general_assembly"], occurredAt: "2023-03-31T16:30:00Z", expectedCount: 5, presentCount: 4, durationHours: 2,
    attendeeIds: [id(701), id(703), id(704), id(705)] });
  await add({ kinds: ["general_assembly"], occurredAt: noon(7, 10), expectedCount: 5, presentCount: 5 });
  // 主题党日 every month, 3 学时 each with 张三; four of them also 党课 (counted once in each kind).
  for (let month = 1; month <= 12; month++) {
    const lecture = [2, 5, 8, 11].includes(month);
    await add({ kinds: lecture ? ["theme_day", "party_lecture"] : ["theme_day"], occurredAt: noon(month, 15), presentCount: 10,
      durationHours: 3, attendeeIds: [id(703)] });
  }
  // 党小组会 of 第一党小组, reported by its leader, in two months only.
  for (const month of [3, 9]) await add({ kinds: ["group_meeting"], occurredAt: noon(month, 20), presentCount: 3, reporterId: id(703) });
  // 组织生活会 at 23:30 on 31 December (Shanghai): still 2023.
  await add({ kinds: ["org_life_meeting"], occurredAt: "2023-12-31T15:30:00Z", presentCount: 5 });
  await add({ kinds: ["talk"], occurredAt: noon(6, 1), details: { talkPairs: ["书记–委员"] } });
  await add({ kinds: ["talk"], occurredAt: noon(6, 2), details: { talkPairs: ["委员–党员"] } });
  // 王五's own self-study: hours only.
  await add({ kinds: ["study"], occurredAt: noon(2, 11), personal: true, reporterId: id(705), durationHours: 4 });
  // 40 hours of volunteering and a talk for 陈委员: taken part in, but not 学时.
  await add({ kinds: ["volunteer"], occurredAt: noon(9, 23), presentCount: 6, durationHours: 40, attendeeIds: [id(702)] });
});
afterAll(() => h.stop());

const MONTHS_WITHOUT_GROUP_MEETING = "1月、2月、4月、5月、6月、7月、8月、10月、11月、12月";

describe("/check", () => {
  it("tells the secretary what is done, what is missing and where, with quorum warnings and 学时", async () => {
    const u = b.secretary;
    await u.command("check", "2023");
    const reply = await u.next();
    expect(reply.text).toBe([
      "📋 2023年 制度落实检查（全年）",
      "❌ 10月 未召开支委会",
      "❌ 第一季度、第四季度 未召开党员大会",
      `❌ 第一党小组：${MONTHS_WITHOUT_GROUP_MEETING} 未召开党小组会`,
      "✅ 已按期组织党课（共4次）",
      "✅ 已按期开展主题党日（共12次）",
      "✅ 已按期召开组织生活会（共1次）",
      "❌ 2023年 未开展民主评议党员",
      "❌ 书记讲党课：尚无李书记同志主讲的党课记录（书记每年至少讲1次党课）",
      "⚠️ 3月31日 支委会（研究部署年度工作） 到会委员2人（委员5人）：到会委员未超过半数，会议不得召开（支部工作条例第十二条）",
      "⚠️ 5月9日 支委会 到会委员1人（委员2人）：到会委员未超过半数，会议不得召开（支部工作条例第十二条）",
      // Per person: the two talks name only the 书记 (委员 alone names nobody).
      "❌ 谈心谈话 书记尚未谈话的同志（6人）：陈委员、张三、李四、王五、赵六、孙七",
      "❌ 谈心谈话 尚无支委与其谈话的党员（5人）：张三、李四、王五、赵六、孙七",
      "❌ 谈心谈话 尚未与其他党员谈话的党员（5人）：张三、李四、王五、赵六、孙七",
      // 党员大会 without a study topic (2 h) and volunteering (40 h) are not 学时; 王五's own study is shown apart.
      "❌ 集中学习学时未达要求：李书记 0/56学时、陈委员 0/56学时、李四 0/32学时、王五 0/32学时（另自学4学时）、赵六 0/32学时、孙七 0/32学时",
      "《中国共产党党员教育管理工作条例》：党员每年集中学习培训一般不少于32学时，书记、支委不少于56学时",
      "",
      "合计：❌ 缺24项 · ⚠️ 提醒2项 · ⏳ 进行中0项", // 1 + 2 + 10 + 1 + 1 + 3 talk sides + six members short
      "",
      "规则默认依据《中国共产党支部工作条例（试行）》，频次和学时要求可由支部书记点“⚙️ 检查规则”按本支部规定调整。",
    ].join("\n"));
    expect(reply.buttons.flat().map((x) => x.text)).toEqual(["⚙️ 检查规则"]);
  });

  it("judges only from the month the branch was created in", async () => {
    await setCreatedAt("2023-06-30T16:30:00Z"); // 00:30 on 1 July in Shanghai
    const u = b.secretary;
    await u.command("check", "2023");
    const reply = await u.next();
    await u.command("check", "2022");
    const before = await u.next();
    await setCreatedAt("2022-05-10T02:00:00Z");
    const lines = reply.text.split("\n");
    expect(lines.slice(0, 3)).toEqual(["📋 2023年 制度落实检查（全年）", "（支部于2023年7月开始使用台账，此前月份不作检查）", "❌ 10月 未召开支委会"]);
    expect(reply.text).toContain("❌ 第四季度 未召开党员大会"); // not 第一季度
    expect(reply.text).toContain(`❌ 第一党小组：7月、8月、10月、11月、12月 未召开党小组会`);
    expect(lines.filter((l) => l.startsWith("❌")).join("\n")).not.toMatch(/(?<!\d)[1-6]月|第[一二]季度/);
    expect(reply.text.match(/开始使用台账/g)).toHaveLength(1);
    expect(before.text).toContain("支部于2023年7月开始使用台账，2022年不作检查。");
    expect(before.text).not.toContain("❌");
  });

  it("shows a plain member the branch's gaps and their own 学时, not other members'", async () => {
    const u = b.members[3]!; // 王五
    await u.command("check", "2023");
    const reply = await u.next();
    expect(reply.text).toContain("❌ 10月 未召开支委会");
    expect(reply.text).toContain("❌ 第一季度、第四季度 未召开党员大会");
    expect(reply.text).toContain("👤 您2023年的集中学习学时：0（要求不少于32学时）；另自学4学时");
    expect(reply.buttons).toEqual([]); // the rules button is the secretary's
    expect(reply.text).not.toMatch(/陈委员|李四|张三/);
    expect(reply.text).not.toContain("学时未满");
  });

  it("uses the branch's own rule frequencies instead of the defaults", async () => {
    await h.store.branches.setRules(b.branchId, { frequency: { branch_committee: "quarterly", member_review: "off", group_meeting: "quarterly" } });
    const u = b.secretary;
    await u.command("check", "2023");
    const reply = await u.next();
    await h.store.branches.setRules(b.branchId, {});
    expect(reply.text).toContain("✅ 已按期召开支委会（共11次）");
    expect(reply.text).not.toContain("10月");
    expect(reply.text).not.toContain("民主评议");
    expect(reply.text).toContain("❌ 第一党小组：第二季度、第四季度 未召开党小组会");
    expect(reply.text).toContain("合计：❌ 缺14项 · ⚠️ 提醒2项 · ⏳ 进行中0项");
  });

  it("judges the current year only up to today", async () => {
    const u = b.secretary;
    await u.command("check");
    const reply = await u.next();
    expect(reply.text).toContain("📋 2024年 制度落实检查（截至3月1日）");
    expect(reply.text).toContain("❌ 1月、2月 未召开支委会");
    expect(reply.text).toContain("⏳ 3月（进行中）尚未召开支委会");
    expect(reply.text).not.toContain("4月");
  });

  it("lets the secretary cycle frequencies and toggle 学时 with buttons, saving each change", async () => {
    const u = b.secretary;
    await u.command("check", "2023");
    const report = await u.next();
    await u.press("⚙️ 检查规则");
    const panel = await u.next();
    expect(panel.kind).toBe("edit");
    expect(panel.message_id).toBe(report.message_id);
    expect(panel.text).toContain("⚙️ 本支部检查规则");
    expect(panel.buttons.flat().map((x) => x.text)).toEqual([
      "支委会：每月", "党员大会：每季度", "党小组会：每月", "党课：每季度", "主题党日：每月", "组织生活会：每年", "民主评议党员：每年",
      "学时：每人每年不少于32学时", "支部委员会：按正式党员人数（7人以上设）", "自学：不计入集中学习学时", "换届：任期3年", "返回", "✅ 完成",
    ]);

    await u.press("支委会：每月");
    expect((await u.next()).buttons.flat().map((x) => x.text)).toContain("支委会：每季度");
    await u.press("民主评议党员：每年");
    await u.next();
    await u.press("学时：每人每年不少于32学时");
    const toggled = await u.next();
    expect(toggled.buttons.flat().map((x) => x.text)).toEqual(expect.arrayContaining(["民主评议党员：不检查", "学时：不检查"]));
    const stored = await h.store.branches.get(b.branchId);
    expect(stored?.rules).toMatchObject({ frequency: { branch_committee: "quarterly", member_review: "off" }, studyHoursPerYear: 0 });

    await u.press("返回");
    const back = await u.next();
    expect(back.message_id).toBe(report.message_id);
    expect(back.text).toContain("✅ 已按期召开支委会（共11次）");
    expect(back.text).not.toContain("民主评议");
    expect(back.text).not.toContain("学时未满");
    expect(back.buttons.flat().map((x) => x.text)).toEqual(["⚙️ 检查规则"]);

    await u.press("⚙️ 检查规则");
    await u.next();
    await u.press("支委会：每季度");
    await u.next();
    await u.press("支委会：每年");
    expect((await u.next()).buttons.flat().map((x) => x.text)).toContain("支委会：不检查");
    await u.press("支委会：不检查");
    expect((await u.next()).buttons.flat().map((x) => x.text)).toContain("支委会：每月");
    await u.press("学时：不检查");
    await u.next();
    await u.press("支部委员会：按正式党员人数（7人以上设）");
    expect((await u.next()).buttons.flat().map((x) => x.text)).toContain("支部委员会：设");
    await u.press("自学：不计入集中学习学时");
    expect((await u.next()).buttons.flat().map((x) => x.text)).toContain("自学：计入学时");
    await u.press("换届：任期3年");
    expect((await u.next()).buttons.flat().map((x) => x.text)).toContain("换届：任期5年");
    expect((await h.store.branches.get(b.branchId))?.rules).toMatchObject({ committee: "yes", selfStudyCounts: true, termYears: 5 });
    await u.press("✅ 完成");
    const closed = await u.next();
    expect(closed.text).toContain("✅ 检查规则已保存");
    expect(closed.text).toContain("民主评议党员：不检查");
    expect(closed.text).toContain("学时：每人每年不少于32学时");
    expect(closed.buttons).toEqual([]);
    expect((await h.store.branches.get(b.branchId))?.rules).toMatchObject({ frequency: { branch_committee: "monthly" }, studyHoursPerYear: 32 });
    await h.store.branches.setRules(b.branchId, {});
  });

  it("refuses crafted settings buttons and members who are not the secretary", async () => {
    const bad = "这个按钮已失效或不属于您，请重新打开菜单。";
    const u = b.secretary;
    await u.command("check", "2023");
    await u.next();
    const answer = async (pressed: Awaited<ReturnType<typeof u.pressData>>) => {
      if (pressed.kind !== "callback") throw new Error("expected an inline button");
      return pressed.answer();
    };
    for (const data of [`cks:cycle:${b.branchId + 1}:2023:0`, `cks:cycle:${b.branchId}:2023:7`, `cks:open:${b.branchId}:1800:0`, "cks:cycle:x:2023:0", "cks:wipe:1:2023:0"]) {
      expect(await answer(await u.pressData(data))).toEqual({ text: bad, show_alert: true });
    }
    const member = b.members[0]!; // 陈委员, committee: sees the report but may not change the rules
    await member.command("check", "2023");
    await member.next();
    expect(await answer(await member.pressData(`cks:cycle:${b.branchId}:2023:0`))).toEqual({ text: bad, show_alert: true });
    expect(u.drain()).toEqual([]);
    expect(member.drain()).toEqual([]);
    expect((await h.store.branches.get(b.branchId))?.rules).toEqual({});
  });

  it("explains a bad year with examples, in the user's language", async () => {
    const u = b.members[2]!; // 李四
    await u.command("check", "2023-13");
    expect((await u.next()).text).toBe("未识别出年份“2023-13”。可以这样写：/check（今年）或 /check 2023（年份在1921–2100之间）。");
    await h.store.members.setLocale(id(704), "en");
    await u.command("check", "1800");
    expect((await u.next()).text).toBe('I could not read the year "1800". Try /check (this year) or /check 2023 (a year from 1921 to 2100).');
    await h.store.members.setLocale(id(704), "zh");
  });
});

describe("/check 谈心谈话 pairs that name a member", () => {
  it("counts the contract's 书记与王某某谈话 as 委员–党员 when 王某某 is on the roster", async () => {
    const c = await seedBranch(h, "第三党支部", [{ id: 721, name: "周书记" }, { id: 722, name: "王某某" }]);
    await h.db.prisma.branch.update({ where: { id: c.branchId }, data: { createdAt: new Date("2022-05-10T02:00:00Z") } });
    const u = c.secretary;
    await u.command("log", "2023-06-30 谈心谈话 书记与王某某谈话");
    expect((await u.next()).text).toContain("✅ 已记录");
    const saved = await h.db.prisma.activity.findFirst({ where: { branchId: c.branchId, deletedAt: null } });
    // 书记 is the branch secretary: the pair names him as on the roster.
    expect(JSON.parse(saved!.details ?? "{}")).toMatchObject({ talkPairs: ["周书记–王某某"] });

    await u.command("check", "2023");
    const reply = await u.next();
    // Judged per person: 王某某 is named, so the 书记 has talked with everyone of this two-member branch.
    expect(reply.text).toContain("✅ 谈心谈话：书记与每名支委、党员，支委与党员，党员之间均已谈话");
  });
});
