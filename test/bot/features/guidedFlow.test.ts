import { startHarness, seedBranch, type Harness, type SeededBranch } from "../../support/harness.js";

let h: Harness;
let b: SeededBranch;
beforeAll(async () => {
  h = await startHarness({ now: "2023-07-05T02:00:00Z" });
  b = await seedBranch(h, "第二党支部", [{ id: 901, name: "周书记" }, { id: 902, name: "吴一" }, { id: 903, name: "郑二" }]);
});
afterAll(() => h.stop());

const last = () => h.db.prisma.activity.findFirst({ where: { branchId: b.branchId }, orderBy: { id: "desc" }, include: { kinds: true, attendance: true } });

describe("the guided /log flow", () => {
  it("records step by step: kind, date, topic, attendees, review, save", async () => {
    const u = b.secretary;
    await u.command("log");
    expect((await u.next()).text).toContain("记录哪类活动");
    await u.press("支委会");
    expect((await u.next()).text).toContain("活动是哪天");
    await u.say("7月3日");
    expect((await u.next()).text).toContain("主题/议题");
    await u.say("研究发展党员工作");
    expect((await u.next()).text).toContain("谁参加了");
    await u.press("吴一");
    await u.next();
    await u.press("周书记");
    await u.next();
    await u.press(/完成（2人）/);
    const review = await u.next();
    expect(review.text).toContain("请核对");
    expect(review.text).toContain("研究发展党员工作");
    expect(review.text).toContain("实到 2");
    // Fill in a field the inspectors look for, then save.
    await u.press("记录人");
    expect((await u.next()).text).toContain("请输入记录人");
    await u.say("郑二");
    expect((await u.next()).text).toContain("记录人：郑二");
    await u.press("✅ 保存");
    const saved = await u.next();
    expect(saved.text).toContain("✅ 已记录");
    expect(saved.text).toContain("支委会 1次、2人次");
    const row = await last();
    expect(row!.title).toBe("研究发展党员工作");
    expect(row!.recorder).toBe("郑二");
    expect(row!.attendance).toHaveLength(2);
    expect(row!.occurredAt.toISOString()).toBe("2023-07-03T04:00:00.000Z");
  });

  it("goes back a step and cancels without saving", async () => {
    const u = b.members[0]!;
    const before = await h.db.prisma.activity.count();
    await u.command("log");
    await u.next();
    await u.press("党课");
    await u.next();
    await u.press("返回");
    expect((await u.next()).text).toContain("记录哪类活动");
    await u.press("取消");
    expect((await u.next()).text).toContain("已取消");
    expect(await h.db.prisma.activity.count()).toBe(before);
  });

  it("refuses a typed impossible date and keeps asking", async () => {
    const u = b.members[0]!;
    await u.command("log");
    await u.next();
    await u.press("主题党日");
    await u.next();
    await u.say("2月30日");
    expect((await u.next()).text).toContain("不存在");
    await u.press("今天");
    expect((await u.next()).text).toContain("主题/议题");
    await u.press("取消");
    await u.next();
  });

  it("resumes where it was after the bot restarts in the middle", async () => {
    const u = b.members[1]!;
    await u.command("log");
    await u.next();
    await u.press("志愿服务");
    expect((await u.next()).text).toContain("活动是哪天");
    await h.restartBot();
    await u.press("昨天");
    expect((await u.next()).text).toContain("主题/议题");
    await u.say("赴养老服务站开展反诈宣传");
    await u.next();
    await u.say("8");
    expect((await u.next()).text).toContain("实到 8");
    await u.press("✅ 保存");
    expect((await u.next()).text).toContain("志愿服务 1次、8人次");
    const row = await last();
    expect(row!.kinds.map((k) => k.kind)).toEqual(["volunteer"]);
    expect(row!.occurredAt.toISOString()).toBe("2023-07-04T04:00:00.000Z");
  });

  it("a command in the middle of a flow ends the flow and runs the command", async () => {
    const u = b.members[1]!;
    await u.command("log");
    await u.next();
    await u.command("help");
    expect((await u.next()).text).toContain("/summary");
  });

  it("edits a saved record from /mine through the same flow, with an audit trail", async () => {
    // A member of the branch with one record of their own (set up here, so the test runs alone too).
    const person = await h.store.members.ensure(904, undefined);
    await h.store.members.setName(person.id, "王三");
    await h.store.memberships.join(b.branchId, person.id, false);
    const u = h.user({ id: 904, first_name: "王三" });
    await u.command("log", "7月3日 宣传报道 支部开展防诈宣传进社区活动 实到8人");
    expect((await u.next()).text).toContain("✅ 已记录");
    await u.command("mine");
    const list = await u.next();
    expect(list.text).toContain("宣传报道 支部开展防诈宣传进社区活动（8人）");
    await u.press("✏️ 1");
    expect((await u.next()).text).toContain("修改记录");
    await u.press("人数");
    await u.next();
    await u.say("9");
    await u.next();
    await u.press("✅ 保存修改");
    expect((await u.next()).text).toContain("已更新记录");
    const row = await last();
    expect(row!.presentCount).toBe(9);
    const audit = await h.db.prisma.auditLog.findMany({ where: { activityId: row!.id } });
    expect(audit.map((a) => a.action)).toEqual(["create", "update"]);
  });
});

describe("the same-event question in the flow", () => {
  it("goes back to the review from the question, then saves a separate record", async () => {
    const u = b.members[0]!;
    const before = await h.db.prisma.activity.count();
    await u.command("log");
    await u.next();
    await u.press("支委会");
    await u.next();
    await u.say("7月3日");
    await u.next();
    await u.say("研究发展党员工作");
    await u.next();
    await u.say("3");
    await u.next();
    await u.press("✅ 保存");
    expect((await u.next()).text).toContain("是同一次活动吗");
    await u.press("返回");
    expect((await u.next()).text).toContain("请核对");
    await u.press("✅ 保存");
    expect((await u.next()).text).toContain("是同一次活动吗");
    await u.press("不是，另记一条");
    expect((await u.next()).text).toContain("✅ 已记录");
    expect(await h.db.prisma.activity.count()).toBe(before + 1);
  });
});
