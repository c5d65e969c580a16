import { startHarness, seedBranch, type Harness, type SeededBranch } from "../../support/harness.js";

let h: Harness;
let a: SeededBranch;
let b: SeededBranch;
beforeAll(async () => {
  h = await startHarness({ now: "2023-07-05T02:00:00Z" });
  a = await seedBranch(h, "甲支部", [{ id: 601, name: "甲书记" }, { id: 602, name: "甲党员" }]);
  b = await seedBranch(h, "乙支部", [{ id: 701, name: "乙书记" }, { id: 702, name: "乙党员" }]);
});
afterAll(() => h.stop());

/** A new person with a name, joined to the given branches (the last one active): for a test's own starting point. */
async function person(id: number, name: string, ...branchIds: number[]) {
  const m = await h.store.members.ensure(id, undefined);
  await h.store.members.setName(m.id, name);
  for (const branchId of branchIds) await h.store.memberships.join(branchId, m.id, false);
  return h.user({ id, first_name: name });
}

const codeOf = (text: string) => /邀请码：([A-Z0-9]{8})/.exec(text)![1]!;

describe("branches and joining", () => {
  it("creates a branch with /newbranch, makes the sender its secretary and asks their name once", async () => {
    const u = h.user({ id: 801, first_name: "Wang" });
    await u.command("newbranch", "丙党支部");
    expect((await u.next()).text).toContain("已创建支部「丙党支部」，您是支部书记");
    expect((await u.next()).text).toContain("真实姓名");
    await u.say("x");
    expect((await u.next()).text).toContain("姓名应为2到20个");
    await u.say("王丙");
    expect((await u.next()).text).toContain("王丙，已记下");
    const profile = await h.store.members.ensure(801, undefined);
    expect(profile.name).toBe("王丙");
    expect(profile.membership).toMatchObject({ branchName: "丙党支部", role: "secretary" });
  });

  it("joins through an invite code and records the real name", async () => {
    await a.secretary.command("invite");
    const invite = await a.secretary.next();
    expect(invite.text).toContain("https://t.me/branch_ledger_sandbox_bot?start=");
    const code = codeOf(invite.text);
    const newcomer = h.user({ id: 603, first_name: "Liu" });
    await newcomer.command("start", code);
    expect((await newcomer.next()).text).toContain("欢迎加入「甲支部」");
    expect((await newcomer.next()).text).toContain("真实姓名");
    await newcomer.say("刘新");
    await newcomer.next();
    const rows = await h.store.branches.members(a.branchId);
    expect(rows.find((m) => m.telegramId === 603)).toMatchObject({ name: "刘新", role: "member", status: "active" });
  });

  it("does not take an activity report for a name while asking for it", async () => {
    await a.secretary.command("invite");
    const code = codeOf((await a.secretary.next()).text);
    const newcomer = h.user({ id: 605, first_name: "Gao" });
    await newcomer.command("start", code);
    await newcomer.next();
    expect((await newcomer.next()).text).toContain("真实姓名");
    await newcomer.say("昨天 主题党日 参观家风教育基地 12人参加");
    expect((await newcomer.next()).text).toContain("要记录这次活动吗");
    expect((await h.store.members.ensure(605, undefined)).name).toBeNull();
  });

  it("does not let anyone in with a revoked or an expired code", async () => {
    await a.secretary.command("invite");
    const msg = await a.secretary.next();
    const code = codeOf(msg.text);
    await a.secretary.press("撤销此邀请");
    expect((await a.secretary.next()).text).toContain("邀请已撤销");
    const late = h.user({ id: 604, first_name: "Zhou" });
    await late.command("start", code);
    expect((await late.next()).text).toContain("已被撤销");

    await a.secretary.command("invite");
    const code2 = codeOf((await a.secretary.next()).text);
    h.clock.now = new Date(h.clock.now.getTime() + 8 * 86_400_000);
    await late.command("start", code2);
    expect((await late.next()).text).toContain("已过期");
    await late.command("start", "ZZZZZZZZ");
    expect((await late.next()).text).toContain("邀请码无效");
    expect((await h.store.branches.members(a.branchId)).some((m) => m.telegramId === 604)).toBe(false);
    h.clock.now = new Date("2023-07-05T02:00:00Z");
  });

  it("revokes every older invite with one button", async () => {
    await a.secretary.command("invite");
    await a.secretary.command("invite");
    await a.secretary.next();
    const latest = await a.secretary.next();
    const press = await a.secretary.press(/撤销其他\d+个邀请/, { messageId: latest.message_id });
    if (press.kind !== "callback") throw new Error("expected a callback");
    expect((await press.answer()).text).toMatch(/已撤销其他\d+个邀请/);
    const live = await h.db.prisma.invite.findMany({ where: { branchId: a.branchId, revokedAt: null } });
    expect(live.map((i) => i.code)).toEqual([codeOf(latest.text)]);
  });

  it("holds joins for the secretary's approval when the branch asks for it", async () => {
    await h.store.branches.setRequireApproval(b.branchId, false);
    await b.secretary.command("invite");
    await b.secretary.next();
    await b.secretary.press("改为需要审批");
    const code = codeOf((await b.secretary.next()).text);
    const applicant = h.user({ id: 703, first_name: "Sun" });
    await applicant.command("start", code);
    expect((await applicant.next()).text).toContain("等待支部书记审批");
    const request = await b.secretary.nextMatching(/申请使用「乙支部」台账/);
    expect(request.text).toContain("Sun");
    await applicant.next(); // the name question
    await applicant.say("孙申");
    await applicant.next();
    await b.secretary.press("同意");
    expect((await b.secretary.nextMatching(/已同意/)).text).toContain("孙申");
    expect((await applicant.next()).text).toContain("申请已通过");
    expect((await h.store.branches.members(b.branchId)).find((m) => m.telegramId === 703)?.status).toBe("active");
  });

  it("lets a member of several branches switch the active one", async () => {
    await h.store.branches.setRequireApproval(b.branchId, true);
    await b.secretary.command("invite");
    const code = codeOf((await b.secretary.next()).text);
    await b.secretary.press("改为无需审批");
    await b.secretary.next();
    const both = a.members[0]!;
    await both.command("start", code);
    expect((await both.next()).text).toContain("欢迎加入「乙支部」");
    await both.command("start");
    const welcome = await both.next();
    expect(welcome.text).toContain("当前支部：乙支部");
    await both.press("甲支部");
    expect((await both.next()).text).toContain("已切换到「甲支部」");
    expect((await h.store.members.ensure(602, undefined)).membership?.branchName).toBe("甲支部");
  });
});

describe("roles and what each may do", () => {
  it("refuses /summary, /export, /remind, /invite and /members to a plain member", async () => {
    const m = await person(721, "乙普通党员", b.branchId);
    for (const cmd of ["summary", "export", "remind", "invite", "members"]) {
      await m.command(cmd);
      expect((await m.next()).text).toMatch(/没有权限/);
    }
  });

  it("tells someone outside any branch how to join", async () => {
    const stranger = h.user({ id: 999, first_name: "路人" });
    await stranger.command("log", "今天 支委会 实到5人");
    expect((await stranger.next()).text).toContain("还没有加入任何支部");
  });

  it("lets the secretary make a member committee, set a party group, and remove them keeping their records", async () => {
    const member = b.members[0]!;
    await member.command("log", "7月3日 党小组会 学习党章");
    await member.next();
    const memberId = (await h.store.members.ensure(702, undefined)).id;

    const sec = b.secretary;
    await sec.command("members");
    const list = await sec.next();
    // The meeting he reported, saying nothing else about who came, counts as one he took part in.
    expect(list.text).toContain("乙党员 · 党员（1）");
    await sec.press("乙党员");
    expect((await sec.next()).text).toContain("乙党员：党员");
    await sec.press("设为支委");
    await sec.next();
    await sec.press("宣传委员");
    expect((await sec.next()).text).toContain("乙党员：宣传委员");
    await sec.press("分配党小组");
    expect((await sec.next()).text).toContain("党小组的名称");
    await sec.say("第一党小组");
    expect((await sec.next()).text).toContain("第一党小组");
    let row = (await h.store.branches.members(b.branchId)).find((m) => m.memberId === memberId)!;
    expect(row).toMatchObject({ role: "committee", committeeTitle: "宣传委员", groupName: "第一党小组" });

    await sec.command("members");
    await sec.next();
    await sec.press("乙党员");
    await sec.next();
    await sec.press("从名单移除（组织关系转出等）");
    expect((await sec.next()).text).toContain("其已有记录会保留");
    await sec.press("组织关系转出");
    expect((await sec.next()).text).toContain("（原因：组织关系转出），其记录仍保留");
    row = (await h.store.branches.members(b.branchId, true)).find((m) => m.memberId === memberId)!;
    expect(row.status).toBe("removed");
    const records = await h.db.prisma.activity.findMany({ where: { branchId: b.branchId, reporterId: memberId, deletedAt: null } });
    expect(records).toHaveLength(1);
    await member.command("log", "今天 支委会 实到5人");
    expect((await member.next()).text).toMatch(/还没有加入任何支部|没有权限/);
    // Editing an old report after removal changes nothing.
    const old = (await h.db.prisma.activity.findFirstOrThrow({ where: { branchId: b.branchId, reporterId: memberId } }));
    await member.editLast("/log 7月3日 党小组会 学习党章 60人", { containing: "学习党章" });
    await member.command("help");
    await member.nextMatching(/\/log/);
    expect((await h.db.prisma.activity.findUniqueOrThrow({ where: { id: old.id } })).presentCount).toBeNull();
  });
});

/** Everything a button could change, as text. */
async function snapshot(): Promise<string> {
  const rows = [
    await h.db.prisma.membership.findMany({ orderBy: { id: "asc" } }),
    await h.db.prisma.invite.findMany({ orderBy: { id: "asc" } }),
    await h.db.prisma.activity.findMany({ orderBy: { id: "asc" } }),
    await h.db.prisma.branch.findMany({ orderBy: { id: "asc" } }),
  ];
  return JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

describe("crafted callback data", () => {
  // A record of branch 乙, which 甲's secretary may not touch (made here, so the test needs no other).
  let bRecord = 0;
  beforeAll(async () => {
    await b.secretary.command("log", "7月1日 支委会 研究工作 实到3人");
    await b.secretary.next();
    bRecord = (await h.db.prisma.activity.findFirstOrThrow({ where: { branchId: b.branchId }, orderBy: { id: "desc" } })).id;
  });
  const crafted = [
    ["another branch's member card", () => `mem:open:${b.branchId}:1`],
    ["another branch's invite", () => `inv:revoke:${b.branchId}:1`],
    ["another branch's join request", () => `join:ok:${b.branchId}:1`],
    ["someone else's record", () => `rec:del:${b.branchId}:${bRecord}`],
    ["a stranger's pending report", () => `lg:save:${a.branchId}:0`],
    ["garbage", () => "\u0000garbage"],
    ["an unknown action", () => `mem:promote:${a.branchId}:1`],
    ["over-long data", () => `mem:open:${a.branchId}:${"9".repeat(80)}`],
  ] as const;

  it.each(crafted)("refuses %s with a short message and changes nothing", async (_label, data) => {
    const sec = a.secretary;
    await sec.command("members");
    await sec.next();
    const before = await snapshot();
    const press = await sec.pressData(data());
    if (press.kind !== "callback") throw new Error("expected a callback");
    const answer = await press.answer();
    // Unknown prefixes are simply not handled by any feature; every feature's own data is checked.
    if (/^(mem|inv|join|rec|lg):/.test(data())) expect(answer.text).toMatch(/已失效|没有权限/);
    expect(await snapshot()).toBe(before);
  });

  it("does not let a member of branch A change branch B's record even with a well-formed button", async () => {
    const bMember = b.secretary;
    await bMember.command("log", "7月4日 支委会 研究工作 实到3人");
    await bMember.next();
    const record = await h.db.prisma.activity.findFirstOrThrow({ where: { branchId: b.branchId }, orderBy: { id: "desc" } });
    const intruder = a.secretary;
    await intruder.command("help");
    await intruder.next();
    for (const action of ["edit", "del", "undo"]) {
      const press = await intruder.pressData(`rec:${action}:${b.branchId}:${record.id}`);
      if (press.kind !== "callback") throw new Error("expected a callback");
      expect((await press.answer()).text).toContain("已失效");
      const press2 = await intruder.pressData(`rec:${action}:${a.branchId}:${record.id}`);
      if (press2.kind !== "callback") throw new Error("expected a callback");
      expect((await press2.answer()).text).toContain("已失效");
    }
    expect((await h.db.prisma.activity.findUniqueOrThrow({ where: { id: record.id } })).deletedAt).toBeNull();
  });
});

describe("the branch's group chat", () => {
  it("binds the group with /bind (secretary only) and ignores plain chatter there", async () => {
    const group = h.sandbox.group({ title: "甲支部群", members: [a.secretary, a.members[0]!] });
    const secInGroup = a.secretary.in(group);
    const memberInGroup = a.members[0]!.in(group);
    await memberInGroup.command("bind");
    expect((await memberInGroup.next()).text).toContain("没有权限");
    await secInGroup.command("bind");
    expect((await secInGroup.nextMatching(/本群已绑定/)).text).toContain("本群已绑定到「甲支部」");
    expect((await h.store.branches.get(a.branchId))!.groupChatId).toBe(group.id);
    await memberInGroup.say("大家好，明天几点开会？");
    await memberInGroup.command("help");
    await memberInGroup.nextMatching(/\/log/);
    // After the chatter the bot said one thing only: the answer to /help.
    const entries = group.transcript();
    const chatter = entries.findIndex((e) => e.text === "大家好，明天几点开会？");
    const botAfter = entries.slice(chatter + 1).filter((e) => e.from === "bot");
    expect(botAfter).toHaveLength(1);
    expect(botAfter[0]!.text).toContain("/log");
  });
});

describe("group chats belong to the branch they are bound to", () => {
  it("answers in a bound group with that branch's data, never the sender's other branch", async () => {
    // A member of 甲 and of 乙, with 乙 active in private.
    const both = await person(611, "甲乙党员", a.branchId, b.branchId);
    const group = h.sandbox.group({ title: "甲支部群2", members: [a.secretary, both, b.secretary] });
    await a.secretary.in(group).command("bind");
    await a.secretary.in(group).nextMatching(/本群已绑定到「甲支部」/);

    // 乙's secretary cannot take 甲's group away.
    await b.secretary.in(group).command("bind");
    expect((await b.secretary.in(group).nextMatching(/不是本群所绑定支部的成员/)).text).toBeDefined();
    expect((await h.store.branches.get(a.branchId))!.groupChatId).toBe(group.id);

    // A /log in 甲's group is filed in 甲, although 乙 is the sender's active branch.
    const before = await h.db.prisma.activity.count({ where: { branchId: b.branchId } });
    await both.in(group).command("log", "7月4日 党小组会 学习党章 5人");
    await both.in(group).nextMatching(/已记录/);
    const last = await h.db.prisma.activity.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(last.branchId).toBe(a.branchId);
    expect(await h.db.prisma.activity.count({ where: { branchId: b.branchId } })).toBe(before);

    // Commands whose answers carry names or documents point to the private chat.
    await a.secretary.in(group).command("members");
    expect((await a.secretary.in(group).nextMatching(/私聊/)).text).toContain("/members");
    await a.secretary.in(group).command("summary");
    expect((await a.secretary.in(group).nextMatching(/私聊/)).text).toContain("/summary");
  });

  it("sends step-by-step recording to the private chat", async () => {
    const group = h.sandbox.group({ title: "甲支部群3", members: [a.secretary] });
    await a.secretary.in(group).command("bind");
    await a.secretary.in(group).nextMatching(/本群已绑定/);
    await a.secretary.in(group).command("log");
    expect((await a.secretary.in(group).nextMatching(/私聊/)).text).toContain("/log 今天 支委会");
  });

  it("tells members of an unbound group how to bind it", async () => {
    const group = h.sandbox.group({ title: "未绑定群", members: [a.members[0]!] });
    await a.members[0]!.in(group).command("stats");
    expect((await a.members[0]!.in(group).next()).text).toContain("还没有绑定支部");
  });
});

describe("handing over the secretary role", () => {
  it("makes the chosen member secretary and the old one a committee member", async () => {
    const d = await seedBranch(h, "丁支部", [{ id: 1101, name: "丁书记" }, { id: 1102, name: "丁新" }]);
    await d.secretary.command("members");
    await d.secretary.next();
    await d.secretary.press("丁新");
    await d.secretary.next();
    await d.secretary.press("移交书记管理权限");
    expect((await d.secretary.next()).text).toContain("确定把书记管理权限移交给 丁新");
    await d.secretary.press("确定移交");
    expect((await d.secretary.next()).text).toContain("您在台账中现为普通党员");
    const rows = await h.store.branches.members(d.branchId);
    expect(rows.find((m) => m.telegramId === 1102)?.role).toBe("secretary");
    expect(rows.find((m) => m.telegramId === 1101)?.role).toBe("member");
    // The former secretary may no longer manage members.
    await d.secretary.command("remind");
    expect((await d.secretary.next()).text).toContain("没有权限");
  });
});
