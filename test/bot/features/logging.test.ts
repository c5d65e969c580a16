import { startHarness, seedBranch, type Harness, type SeededBranch } from "../../support/harness.js";

let h: Harness;
let b: SeededBranch;
// 2023-07-05 10:00 in Shanghai, a Wednesday.
beforeAll(async () => {
  h = await startHarness({ now: "2023-07-05T02:00:00Z" });
});
afterAll(() => h.stop());

// Each test gets its own branch of four new people, so any one runs alone or in any order.
let nextId = 501;
beforeEach(async () => {
  const ids = [nextId, nextId + 1, nextId + 2, nextId + 3];
  nextId += 10;
  b = await seedBranch(h, "第一党支部", [
    { id: ids[0]!, name: "李书记" }, { id: ids[1]!, name: "张三" }, { id: ids[2]!, name: "王五" }, { id: ids[3]!, name: "赵六" },
  ]);
});

/** The secretary's member id (seedBranch's first person). */
const secretaryId = () => [...b.memberIds.values()][0];

/** Logs a complete line with /log, as a test's starting point. */
async function logged(u: SeededBranch["secretary"], line: string): Promise<void> {
  await u.command("log", line);
  expect((await u.next()).text).toContain("✅ 已记录");
}

const live = () => h.db.prisma.activity.findMany({ where: { branchId: b.branchId, deletedAt: null }, include: { kinds: true, attendance: true }, orderBy: { id: "asc" } });

describe("logging an activity", () => {
  it("saves a complete one-line /log at once and answers with the running tally", async () => {
    const u = b.secretary;
    await u.command("log", "2023年3月15日 支委会 研究部署年度党建工作 实到5人");
    const reply = await u.next();
    expect(reply.text).toContain("✅ 已记录");
    expect(reply.text).toContain("2023年3月15日");
    expect(reply.text).toContain("研究部署年度党建工作");
    expect(reply.text).toContain("本年累计：支委会 1次、5人次");
    const rows = await live();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.kinds.map((k) => k.kind)).toEqual(["branch_committee"]);
    expect(rows[0]!.presentCount).toBe(5);
    expect(rows[0]!.personTimes).toBe(5);
    // Noon on 15 March in Shanghai.
    expect(rows[0]!.occurredAt.toISOString()).toBe("2023-03-15T04:00:00.000Z");
  });

  it("never saves one Telegram message twice, even when the update is delivered again", async () => {
    await logged(b.secretary, "2023年3月15日 支委会 研究部署年度党建工作 实到5人");
    const before = (await live()).length;
    const update = h.updates.findLast((u) => u.message?.text?.includes("研究部署年度党建工作"))!;
    await h.redeliver(update);
    const again = await b.secretary.next();
    expect(again.text).toContain("✅ 这条消息已记录（#");
    expect(await live()).toHaveLength(before);
  });

  it("asks 'same event?' for a similar report and merges instead of adding", async () => {
    await logged(b.secretary, "2023年3月15日 支委会 研究部署年度党建工作 实到5人");
    const u = b.members[0]!;
    await u.command("log", "3月15日 支委会 研究部署年度党建工作 实到6人");
    const q = await u.next();
    expect(q.text).toContain("是同一次活动吗");
    await u.press("是，合并");
    const merged = await u.next();
    expect(merged.text).toContain("已合并");
    expect(merged.text).toContain("支委会 1次、6人次");
    const rows = await live();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.presentCount).toBe(6);
    const audit = await h.db.prisma.auditLog.findMany({ where: { activityId: rows[0]!.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["create", "merge"]);
  });

  it("counts an event with two kinds once in each kind", async () => {
    const u = b.secretary;
    await u.command("log", "7月1日 主题党日暨党课《学习新思想 奋进新征程》 主讲人李书记 12人参加");
    const reply = await u.next();
    expect(reply.text).toContain("主题党日 1次、12人次");
    expect(reply.text).toContain("党课 1次、12人次");
    const { tallies: counts } = await h.store.ledger.periodTallies(b.branchId, new Date("2023-01-01T00:00:00+08:00"), new Date("2024-01-01T00:00:00+08:00"));
    expect(counts.find((c) => c.kind === "theme_day")).toEqual({ kind: "theme_day", events: 1, personTimes: 12 });
    expect(counts.find((c) => c.kind === "party_lecture")).toEqual({ kind: "party_lecture", events: 1, personTimes: 12 });
  });

  it("refuses an impossible date and says what was wrong, saving nothing", async () => {
    const before = (await live()).length;
    const u = b.members[1]!;
    await u.command("log", "2023年13月45日 支委会 研究工作");
    const reply = await u.next();
    expect(reply.text).toContain("不存在");
    // It then asks only for the date.
    const ask = await u.next();
    expect(ask.text).toContain("活动是哪天");
    await u.press("取消");
    await u.next();
    expect(await live()).toHaveLength(before);
  });

  it("replies to plain text that is no activity with a hint, saving nothing", async () => {
    const before = (await live()).length;
    const u = b.members[1]!;
    await u.say("今天天气不错");
    const reply = await u.next();
    expect(reply.text).toContain("未识别出这是哪类活动");
    expect(await live()).toHaveLength(before);
  });

  it("asks only for the missing date of a /log line, then shows the card to save", async () => {
    const u = b.members[1]!;
    await u.command("log", "党小组会 学习党章 8人");
    const reply = await u.next();
    expect(reply.text).toContain("未识别出日期");
    const ask = await u.next();
    expect(ask.text).toContain("活动是哪天");
    await u.press("昨天");
    const review = await u.next();
    expect(review.text).toContain("请核对");
    expect(review.text).toContain("2023年7月4日");
    await u.press("✅ 保存");
    const saved = await u.next();
    expect(saved.text).toContain("✅ 已记录");
    expect(saved.text).toContain("2023年7月4日");
    expect(saved.text).toContain("党小组会 1次、8人次");
  });

  it("files a 党小组会 under the group its report names, else under the reporter's own group", async () => {
    const u = b.members[0]!;
    const reporterId = b.memberIds.get(u.id);
    if (reporterId === undefined) throw new Error("no member id");
    await h.store.memberships.setGroup(b.branchId, reporterId, "第一党小组");
    await h.store.memberships.setGroup(b.branchId, [...b.memberIds.values()][3] ?? 0, "第二党小组");
    await logged(u, "7月3日 第二党小组会，学习新修订的党章，6人参加");
    await logged(u, "昨天下午开了党小组会 学党史 5人");
    const groups = await h.db.prisma.partyGroup.findMany({ where: { branchId: b.branchId } });
    const name = (id: number | null) => groups.find((g) => g.id === id)?.name;
    expect((await live()).map((r) => [r.title, name(r.partyGroupId)])).toEqual([
      ["学习新修订的党章", "第二党小组"],
      ["学党史", "第一党小组"],
    ]);
  });

  it("shows a confirmation card for a plain report and saves on 保存", async () => {
    const u = b.members[2]!;
    await u.say("昨天 主题党日 “传承好家风 筑牢廉洁墙” 参观家风教育基地 12人参加");
    const card = await u.next();
    expect(card.text).toContain("要记录这次活动吗");
    expect(card.text).toContain("传承好家风 筑牢廉洁墙");
    await u.press("✅ 保存");
    const saved = await u.next();
    expect(saved.text).toContain("✅ 已记录");
    const row = (await live()).at(-1)!;
    expect(row.title).toBe("传承好家风 筑牢廉洁墙");
    expect(row.presentCount).toBe(12);
  });

  it("keeps a study series' name and issue number in the saved topic", async () => {
    const u = b.members[2]!;
    await u.command("log", "7月6日 第3期青年理论学习（第12期），学习二十届四中全会精神，15人参加");
    const saved = await u.next();
    expect(saved.text).toContain("✅ 已记录");
    expect(saved.text).toContain("第3期青年理论学习");
    const row = (await live()).at(-1)!;
    expect(row.title).toBe("第3期青年理论学习，第12期，学习二十届四中全会精神");
    expect(row.presentCount).toBe(15);
  });

  it("updates the record when the reported message is edited", async () => {
    const u = b.members[0]!;
    await u.command("log", "7月3日 宣传报道 支部开展防诈宣传进社区活动");
    await u.next();
    const id = (await live()).at(-1)!.id;
    await u.editLast("/log 7月3日 宣传报道 支部开展防诈宣传进社区活动（第二期）");
    const reply = await u.next();
    expect(reply.text).toContain("已更新记录");
    const row = await h.db.prisma.activity.findUniqueOrThrow({ where: { id } });
    expect(row.title).toContain("第二期");
    const audit = await h.db.prisma.auditLog.findMany({ where: { activityId: id } });
    expect(audit.map((a) => a.action)).toEqual(["create", "update"]);
  });

  it("undoes the last own record softly, with a way back", async () => {
    const u = b.members[0]!;
    await logged(u, "7月3日 宣传报道 支部开展防诈宣传进社区活动");
    const before = (await live()).length;
    await u.command("undo");
    const reply = await u.next();
    expect(reply.text).toContain("已删除");
    expect(await live()).toHaveLength(before - 1);
    await u.press("恢复");
    expect((await u.next()).text).toContain("已恢复");
    expect(await live()).toHaveLength(before);
  });
});

describe("/export", () => {
  it("sends the year's ledger as an .xlsx with one row per record", async () => {
    await logged(b.secretary, "2023年3月15日 支委会 研究部署年度党建工作 实到5人");
    await logged(b.members[0]!, "7月3日 宣传报道 支部开展防诈宣传进社区活动");
    await b.secretary.command("export", "2023");
    const reply = await b.secretary.next();
    expect(reply.document?.file_name).toBe("第一党支部2023年台账.xlsx");
    // Plain digits: Fluent would write "2,023".
    expect(reply.text).toMatch(/^2023年台账，共\d+条记录。$/);
    const [file] = b.secretary.documents();
    expect(file!.bytes.subarray(0, 2).toString()).toBe("PK");
    const { readZipEntry } = await import("../../render/zipReader.js");
    const sheet = readZipEntry(file!.bytes, "xl/worksheets/sheet1.xml").toString();
    const strings = readZipEntry(file!.bytes, "xl/sharedStrings.xml").toString();
    expect(strings).toContain("研究部署年度党建工作");
    expect(strings).toContain("支部开展防诈宣传进社区活动");
    const records = await live();
    // header rows + one per record + blank + total
    expect((sheet.match(/<row /g) ?? []).length).toBe(2 + records.length + 1);
  });

  it("is refused to a plain member", async () => {
    const m = b.members[1]!;
    await m.command("export");
    expect((await m.next()).text).toContain("没有权限");
  });
});

describe("photos and edits", () => {
  it("takes a photo whose caption reads as an activity as a report with its photo", async () => {
    const u = b.members[2]!;
    await u.sendPhoto(Buffer.from("fake-jpeg"), { caption: "今天 志愿服务 赴养老服务站开展反诈宣传 8人" });
    const card = await u.next();
    expect(card.text).toContain("要记录这次活动吗");
    await u.press("✅ 保存");
    expect((await u.next()).text).toContain("志愿服务 1次");
    const row = await h.db.prisma.activity.findFirstOrThrow({ orderBy: { id: "desc" }, include: { photos: true } });
    expect(row.title).toContain("反诈宣传");
    expect(row.photos).toHaveLength(1);
  });

  it("answers a bare photo with how to attach it", async () => {
    const u = b.members[2]!;
    await u.sendPhoto(Buffer.from("fake-jpeg"));
    expect((await u.next()).text).toContain("回复");
  });

  it("keeps fields added later when the reported message is edited", async () => {
    const u = b.members[1]!;
    await u.command("log", "7月2日 支委会 研究组织生活会方案 实到4人");
    await u.next();
    const id = (await live()).at(-1)!.id;
    // As the edit screens do: the fields changed by hand are marked so.
    await h.db.prisma.activity.update({ where: { id }, data: { location: "党员活动室", host: "李书记", editedFields: JSON.stringify(["location", "host"]) } });
    await u.editLast("/log 7月2日 支委会 研究组织生活会方案 实到5人");
    expect((await u.next()).text).toContain("已更新记录");
    const row = await h.db.prisma.activity.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ presentCount: 5, location: "党员活动室", host: "李书记" });
  });
});

describe("editors and the branch's records", () => {
  it("lets the secretary reach and delete a member's record from /mine, with the secretary in the audit", async () => {
    await logged(b.members[0]!, "7月3日 宣传报道 支部开展防诈宣传进社区活动");
    const sec = b.secretary;
    await sec.command("mine");
    await sec.next();
    await sec.press("📋 支部全部最近记录");
    const list = await sec.next();
    expect(list.text).toContain("支部最近的");
    const newest = (await live()).at(-1)!;
    expect(newest.reporterId).not.toBe(secretaryId());
    await sec.press("🗑 1");
    expect((await sec.nextMatching(/已删除/)).text).toContain("已删除");
    const row = await h.db.prisma.activity.findUniqueOrThrow({ where: { id: newest.id } });
    expect(row.deletedAt).not.toBeNull();
    const audit = await h.db.prisma.auditLog.findFirstOrThrow({ where: { activityId: newest.id, action: "delete" } });
    expect(audit.actorId).toBe(secretaryId());
  });

  it("does not offer a plain member the branch's records", async () => {
    const m = b.members[1]!;
    await m.command("mine");
    const list = await m.next();
    expect(list.buttons.flat().map((x) => x.text)).not.toContain("📋 支部全部最近记录");
  });
});
