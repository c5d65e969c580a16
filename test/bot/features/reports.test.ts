// Issue 13's table: each line a member sent, through the real bot, and the record read back as a
// secretary would have written it by hand.
import type { ActivityRecord } from "../../../src/domain/activity.js";
import { formatAbsentees } from "../../../src/domain/describe.js";
import { startHarness, seedBranch, type Harness, type SeededBranch } from "../../support/harness.js";

let h: Harness;
let b: SeededBranch;
/** The same roster again: the joining and renaming tests change it, so b's roster stays as the report tests expect. */
let j: SeededBranch;
let id: (telegramId: number) => number;
// 2023-07-05 10:00 in Shanghai, a Wednesday.
beforeAll(async () => {
  h = await startHarness({ now: "2023-07-05T02:00:00Z" });
  b = await seedBranch(h, "第三党支部", [
    { id: 901, name: "王建国" }, { id: 902, name: "张华" }, { id: 903, name: "李明" }, { id: 904, name: "赵六" }, { id: 905, name: "钱七" },
  ]);
  id = (t) => b.memberIds.get(t)!;
  j = await seedBranch(h, "第三党支部", [
    { id: 1901, name: "王建国" }, { id: 1902, name: "张华" }, { id: 1903, name: "李明" }, { id: 1904, name: "赵六" }, { id: 1905, name: "钱七" },
  ]);
  await h.store.memberships.setRole(b.branchId, id(903), "committee", "组织委员");
});
afterAll(() => h.stop());

const ROSTER = () => [id(901), id(902), id(903), id(904), id(905)];
const latest = async (): Promise<ActivityRecord> => {
  const row = await h.db.prisma.activity.findFirstOrThrow({ where: { branchId: b.branchId, deletedAt: null }, orderBy: { id: "desc" } });
  return (await h.store.activities.get(row.id))!;
};
const sorted = (ids: number[]) => [...ids].sort((x, y) => x - y);

/** Sends a /log line and reads back the record it saved. */
async function logLine(user: SeededBranch["secretary"], line: string): Promise<{ record: ActivityRecord; card: string }> {
  await user.command("log", line);
  const card = await user.nextMatching(/已记录|是同一次活动/);
  expect(card.text).toContain("已记录");
  return { record: await latest(), card: card.text ?? "" };
}

describe("what a report becomes (issue 13's table)", () => {
  it("主题党日 with 应到/实到 and 缺席1人（出差）: the visit is the topic, the absence keeps its reason", async () => {
    const { record } = await logLine(b.secretary, "3月15日 主题党日 参观廉政教育基地 应到12实到11 缺席1人（出差）");
    expect(record).toMatchObject({
      kinds: ["theme_day"], title: "参观廉政教育基地", location: "廉政教育基地", expectedCount: 12, presentCount: 11,
      absentees: [{ name: "", reason: "出差" }],
    });
    expect(record.occurredAt).toBe("2023-03-15T04:00:00.000Z");
    expect(formatAbsentees(record.absentees)).toBe("1人（出差）");
  });

  it("与李明同志开展谈心谈话: 李明 is the member, paired with the reporter", async () => {
    const { record } = await logLine(b.secretary, "11月25日 与李明同志开展谈心谈话");
    expect(record).toMatchObject({ kinds: ["talk"], title: "与李明同志谈心谈话", details: { talkPairs: ["王建国–李明"] } });
    expect(sorted(record.attendeeIds)).toEqual(sorted([id(901), id(903)]));
    expect(record.occurredAt.startsWith("2022-11-25")).toBe(true);
  });

  it("主提党日 with a place and 来了9个人: the typo is the kind, no fragment becomes the topic, the card asks for it", async () => {
    const u = b.members[0]!;
    await u.say("今天开了主提党日活动，去了红色教育基地，来了9个人");
    const card = await u.next();
    expect(card.text).toContain("主题党日");
    expect(card.text).toMatch(/待补充：主题/);
    await u.press("✅ 保存");
    await u.nextMatching(/已记录/);
    const record = await latest();
    expect(record).toMatchObject({ kinds: ["theme_day"], title: null, location: "红色教育基地", presentCount: 9, expectedCount: null });
    // Only a number: nobody is credited by name, not even the reporter.
    expect(record.attendeeIds).toEqual([]);
  });

  it("党员大会，大家都来了: everyone on the roster, 应到 = 实到 = roster size", async () => {
    const { record } = await logLine(b.members[1]!, "昨天开了个党员大会，大家都来了");
    expect(record).toMatchObject({ kinds: ["general_assembly"], title: null, expectedCount: 5, presentCount: 5 });
    expect(sorted(record.attendeeIds)).toEqual(sorted(ROSTER()));
  });

  it("党课 with 全体党员参加 and 1.5学时: 实到 is the roster, not 1", async () => {
    const { record } = await logLine(b.members[0]!, "6月20日 党课：主讲人张华，题目《坚定理想信念》，全体党员参加，1.5学时");
    expect(record).toMatchObject({ kinds: ["party_lecture"], title: "坚定理想信念", speaker: "张华", durationHours: 1.5, expectedCount: 5, presentCount: 5 });
    expect(sorted(record.attendeeIds)).toEqual(sorted(ROSTER()));
  });

  it("张华 reports 王建国书记's 党课: the speaker and the named listeners take part, the reporter does not", async () => {
    const { record } = await logLine(b.members[0]!, "6月28日 王建国书记讲党课《传承红色基因》 李明、赵六参加 2学时");
    expect(record).toMatchObject({ kinds: ["party_lecture"], speaker: "王建国", title: "传承红色基因", presentCount: 3, durationHours: 2 });
    expect(sorted(record.attendeeIds)).toEqual(sorted([id(901), id(903), id(904)]));
  });

  it("支委会 with 应到7人，缺席2人 and no 实到: 实到 5", async () => {
    const { record } = await logLine(b.secretary, "6月30日 支委会 研究发展党员工作 应到7人，缺席2人");
    expect(record).toMatchObject({ kinds: ["branch_committee"], title: "研究发展党员工作", expectedCount: 7, presentCount: 5 });
    expect(record.absentees).toHaveLength(2);
  });

  it("意识形态工作专题会 is the ideology meeting, not a question", async () => {
    const { record } = await logLine(b.secretary, "7月3日 意识形态工作专题会 分析研判意识形态领域形势");
    expect(record).toMatchObject({ kinds: ["ideology_meeting"], title: "分析研判意识形态领域形势" });
  });

  it("a 宣传报道 about a 主题党日 is one publicity item, with no attendees", async () => {
    const { record, card } = await logLine(b.members[2]!, "7月4日 宣传报道 在学习强国发布我支部开展主题党日活动的稿件");
    expect(record).toMatchObject({ kinds: ["publicity"], presentCount: null, attendeeIds: [], title: "在学习强国发布我支部开展主题党日活动的稿件" });
    expect(card).not.toContain("实到");
    expect(card).toContain("宣传报道 1次、0人次");
  });

  it("覆盖27人次 is 27 人次, not 实到 1; 主讲人王建国书记 is 王建国", async () => {
    const { record, card } = await logLine(b.members[3]!, "7月1日 宣讲 党的二十大精神进社区 主讲人王建国书记 覆盖27人次");
    expect(record).toMatchObject({ kinds: ["briefing"], speaker: "王建国", presentCount: null, details: { personTimes: 27 } });
    expect(card).toContain("人数：27 人次");
    expect(card).not.toContain("实到");
  });

  it("an unmatched name is kept as text, never made a member", async () => {
    const before = await h.db.prisma.member.count();
    const { record } = await logLine(b.secretary, "7月2日 党课 主讲人孙老师 全体党员参加");
    expect(record.speaker).toBe("孙老师");
    expect(await h.db.prisma.member.count()).toBe(before);
  });
});

describe("names", () => {
  it("takes 我叫孙明 as 孙明 when a new member joins", async () => {
    await j.secretary.command("invite");
    const code = /邀请码：([A-Z0-9]{8})/.exec((await j.secretary.next()).text ?? "")![1]!;
    const u = h.user({ id: 906, first_name: "Sun" });
    await u.command("start", code);
    await u.nextMatching(/真实姓名/);
    await u.say("我叫孙明");
    expect((await u.next()).text).toContain("好的，孙明，已记下");
    expect((await h.store.members.ensure(906, undefined)).name).toBe("孙明");
    await u.command("start");
    expect((await u.next()).text).toContain("您好，孙明");
  });

  it("renames oneself with /name, refusing a name another member of the branch has", async () => {
    const u = j.members[3]!; // 钱七
    await u.command("name", "李明");
    expect((await u.next()).text).toContain("“李明”已是「第三党支部」另一名党员的姓名");
    await u.command("name", "钱小七同志");
    expect((await u.next()).text).toBe("已将您的姓名改为“钱小七”。");
    expect((await h.store.members.ensure(1905, undefined)).name).toBe("钱小七");
  });

  it("lets the secretary rename a member from /members", async () => {
    const sec = j.secretary;
    await sec.command("members");
    await sec.next();
    await sec.press("赵六");
    await sec.next();
    await sec.press("✏️ 改名");
    expect((await sec.next()).text).toContain("请输入“赵六”的新姓名");
    await sec.say("赵陆");
    expect((await sec.next()).text).toBe("已将“赵六”改名为“赵陆”。");
    expect((await h.store.members.ensure(1904, undefined)).name).toBe("赵陆");
  });
});

describe("small dead ends", () => {
  it("answers an unknown command with the likely one and /help", async () => {
    await b.secretary.command("stat");
    expect((await b.secretary.next()).text).toBe("没有 /stat 这个命令，您是不是要 /stats？发送 /help 查看全部命令。");
    await b.secretary.command("xyzzy");
    expect((await b.secretary.next()).text).toContain("没有 /xyzzy 这个命令。发送 /help");
  });

  it("joins with a pasted invite link or a bare code, as /start CODE does", async () => {
    await j.secretary.command("invite");
    const text = (await j.secretary.next()).text ?? "";
    const link = /https:\/\/t\.me\/\S+\?start=[A-Z0-9]{8}/.exec(text)![0];
    const code = /邀请码：([A-Z0-9]{8})/.exec(text)![1]!;
    const viaLink = h.user({ id: 907, first_name: "Zhou" });
    await viaLink.say(`请点这个链接加入 ${link}`);
    expect((await viaLink.next()).text).toContain("第三党支部");
    expect((await h.store.members.ensure(907, undefined)).membership?.branchId).toBe(j.branchId);
    const viaCode = h.user({ id: 908, first_name: "Wu" });
    await viaCode.say(code.toLowerCase());
    expect((await viaCode.next()).text).toContain("第三党支部");
    expect((await h.store.members.ensure(908, undefined)).membership?.branchId).toBe(j.branchId);
  });

  it("in a group, a private-only command says what a member can do instead, or points an allowed one to the private chat", async () => {
    const member = b.members[2]!; // a plain member
    const group = h.sandbox.group({ title: "第三支部群", members: [b.secretary, member] });
    await b.secretary.in(group).command("bind");
    await b.secretary.in(group).nextMatching(/本群已绑定/);
    await member.in(group).command("export");
    expect((await member.in(group).nextMatching(/仅限/)).text).toContain("/export 仅限支部书记或支委委员使用。您可以用 /log 记录活动");
    await b.secretary.in(group).command("export");
    expect((await b.secretary.in(group).nextMatching(/私聊/)).text).toContain("请在与我的私聊中使用");
  });
});

describe("corrections stick", () => {
  it("keeps a place set by hand when the reported message is edited, and names what each edit changed", async () => {
    const u = b.members[0]!; // 张华
    await u.command("log", "7月4日 党小组会 学习党章 4人");
    const card = await u.nextMatching(/已记录/);
    await u.press("✏️ 修改", { messageId: card.message_id });
    await u.nextMatching(/修改记录/);
    await u.press("地点");
    await u.nextMatching(/请输入地点/);
    await u.say("党员活动室");
    await u.nextMatching(/修改记录/);
    await u.press("✅ 保存修改");
    expect((await u.nextMatching(/已更新记录/)).text).toContain("此次修改变更了：地点。");
    const id = (await latest()).id;

    await u.editLast("/log 7月4日 党小组会 学习党章 在三楼会议室 5人", { containing: "学习党章" });
    const reply = (await u.nextMatching(/已更新记录/)).text ?? "";
    expect(reply).toContain("此次修改变更了：实到人数。");
    expect(reply).toContain("手动修改过的字段保持不变。");
    const record = (await h.store.activities.get(id))!;
    expect(record).toMatchObject({ location: "党员活动室", presentCount: 5, title: "学习党章" });
    expect(record.editedFields).toEqual(["location"]);
  });

  it("takes 应到13 实到12 typed on the 人数 screen", async () => {
    const u = b.members[0]!;
    await u.command("log", "7月3日 党小组会 讨论发展对象");
    const card = await u.nextMatching(/已记录/);
    await u.press("✏️ 修改", { messageId: card.message_id });
    await u.nextMatching(/修改记录/);
    await u.press("人数");
    expect((await u.nextMatching(/谁参加了/)).text).toContain("目前：应到 —，实到 —，已选 1 人。");
    await u.say("应到13 实到12");
    await u.nextMatching(/修改记录/);
    await u.press("✅ 保存修改");
    await u.nextMatching(/已更新记录/);
    expect(await latest()).toMatchObject({ expectedCount: 13, presentCount: 12 });
  });
});

