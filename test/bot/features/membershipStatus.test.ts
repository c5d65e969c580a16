// 登记转正 (with the date asked) and 从名单移除 (with a reason asked), through the real bot.
import { startHarness, seedBranch, type Harness, type SeededBranch } from "../../support/harness.js";

let h: Harness;
let br: SeededBranch;
const NAMES = ["戊书记", "戊甲", "戊乙", "戊丙", "戊丁", "戊戊", "戊己"];
beforeAll(async () => {
  h = await startHarness({ now: "2024-07-05T02:00:00Z" });
  br = await seedBranch(
    h,
    "戊支部",
    NAMES.map((name, i) => ({ id: 1201 + i, name })),
  );
  // Everyone joined the ledger on 2023-03-01 (Beijing time), before the dates typed below.
  await h.db.prisma.membership.updateMany({ where: { branchId: br.branchId }, data: { joinedAt: new Date("2023-02-28T16:00:00Z") } });
});
afterAll(() => h.stop());

const idOf = (name: string) => br.memberIds.get(1201 + NAMES.indexOf(name)) ?? -1;
const row = (name: string) => h.db.prisma.membership.findFirstOrThrow({ where: { branchId: br.branchId, memberId: idOf(name) } });

async function openCard(name: string) {
  const sec = br.secretary;
  await sec.command("members");
  await sec.next();
  await sec.press(name);
  await sec.next();
}

async function askFullMember(name: string) {
  await h.db.prisma.membership.updateMany({
    where: { branchId: br.branchId, memberId: idOf(name) },
    data: { probationary: true, fullMemberSince: null },
  });
  await openCard(name);
  await br.secretary.press("登记转正");
  expect((await br.secretary.next()).text).toBe(`请输入 ${name} 转正的日期（如 2024年3月15日、2024-3-15、3月15日、今天）：`);
}

describe("登记转正 asks the date", () => {
  it.each([
    ["2024年3月15日", "2024-03-15", "2024年3月15日"],
    ["2024-3-15", "2024-03-15", "2024年3月15日"],
    ["３月１５日", "2024-03-15", "2024年3月15日"],
    ["２０２３年１２月１日", "2023-12-01", "2023年12月1日"],
    ["今天", "2024-07-05", "2024年7月5日"],
  ])("takes %s as %s and says so", async (typed, stored, shown) => {
    await askFullMember("戊甲");
    await br.secretary.say(typed);
    expect((await br.secretary.next()).text).toBe(`已登记转正（${shown}）：戊甲 现为正式党员。`);
    expect(await row("戊甲")).toMatchObject({ probationary: false, fullMemberSince: stored });
  });

  it.each([
    ["a future date", "2024年8月1日", "转正日期不能晚于今天，请重新输入："],
    ["this year's 12月1日 (not last year's)", "12月1日", "转正日期不能晚于今天，请重新输入："],
    ["a date before joining", "2022-5-4", "转正日期不能早于其加入本支部台账的日期（2023年3月1日），请重新输入："],
    ["no such day", "2024年2月30日", "没有这一天，请核对后重新输入："],
    ["words", "上半年", "未识别出日期。请按“2024年3月15日”“2024-3-15”“3月15日”或“今天”的格式输入，或发送“取消”："],
  ])("refuses %s, stores nothing and asks again", async (_label, typed, reply) => {
    await askFullMember("戊乙");
    await br.secretary.say(typed);
    expect((await br.secretary.next()).text).toBe(reply);
    expect(await row("戊乙")).toMatchObject({ probationary: true, fullMemberSince: null });
    await br.secretary.say("2024-1-2");
    expect((await br.secretary.next()).text).toBe("已登记转正（2024年1月2日）：戊乙 现为正式党员。");
    expect(await row("戊乙")).toMatchObject({ probationary: false, fullMemberSince: "2024-01-02" });
  });

  it("cancels by button or by typing 取消, and goes back to the card", async () => {
    await askFullMember("戊丙");
    await br.secretary.press("取消");
    expect((await br.secretary.next()).text).toBe("已取消。");
    await br.secretary.say("2024-1-2");
    await br.secretary.next(); // not an answer any more: handled as an ordinary message
    expect(await row("戊丙")).toMatchObject({ probationary: true, fullMemberSince: null });

    await askFullMember("戊丙");
    await br.secretary.say("取消");
    expect((await br.secretary.next()).text).toBe("已取消。");

    await askFullMember("戊丙");
    await br.secretary.press("返回");
    expect((await br.secretary.next()).text).toBe("戊丙：党员 · 预备党员");
    expect(await row("戊丙")).toMatchObject({ probationary: true, fullMemberSince: null });
  });

  it("shows the date in the member list, and clears it when marked 预备党员 again", async () => {
    await askFullMember("戊丁");
    await br.secretary.say("2024年3月15日");
    await br.secretary.next();
    await br.secretary.command("members");
    expect((await br.secretary.next()).text).toContain("戊丁 · 党员 · 2024年3月15日转正（0）");
    await openCard("戊丁");
    await br.secretary.press("标记为预备党员");
    expect((await br.secretary.next()).text).toBe("戊丁：党员 · 预备党员");
    expect(await row("戊丁")).toMatchObject({ probationary: true, fullMemberSince: null });
  });
});

describe("从名单移除 asks the reason", () => {
  it.each([
    ["组织关系转出", "戊戊"],
    ["退休", "戊己"],
  ])("removes with the reason %s and lists it", async (reason, name) => {
    await openCard(name);
    await br.secretary.press("从名单移除（组织关系转出等）");
    expect((await br.secretary.next()).text).toBe(`确定把 ${name} 从本支部台账名单中移除吗？请选择原因（其已有记录会保留）：`);
    await br.secretary.press(reason);
    expect((await br.secretary.next()).text).toBe(`已把 ${name} 从名单中移除（原因：${reason}），其记录仍保留在台账中。`);
    expect(await row(name)).toMatchObject({ status: "removed", removedReason: reason });
    await br.secretary.command("members");
    expect((await br.secretary.next()).text).toContain(`${name}（${reason}）`);
  });

  it("takes a typed reason for 其他, refusing one too short or too long", async () => {
    await openCard("戊丙");
    await br.secretary.press("从名单移除（组织关系转出等）");
    await br.secretary.next();
    await br.secretary.say("病故");
    expect((await br.secretary.next()).text).toBe("请点击上方按钮选择移除原因，或发送“取消”。");
    await br.secretary.press("其他");
    expect((await br.secretary.next()).text).toBe("请输入移除原因（2至50个字，如“病故”“出党”），或发送“取消”：");
    for (const bad of ["走", "长".repeat(51)]) {
      await br.secretary.say(bad);
      expect((await br.secretary.next()).text).toBe("移除原因应为2至50个字、不分行，请重新输入，或发送“取消”：");
    }
    expect(await row("戊丙")).toMatchObject({ status: "active", removedReason: null });
    await br.secretary.say("出国定居，停止党籍");
    expect((await br.secretary.next()).text).toBe("已把 戊丙 从名单中移除（原因：出国定居，停止党籍），其记录仍保留在台账中。");
    expect(await row("戊丙")).toMatchObject({ status: "removed", removedReason: "出国定居，停止党籍" });
    await br.secretary.command("members");
    // The two removed above are listed too when they ran first: this test checks its own entry.
    expect((await br.secretary.next()).text).toMatch(/已移出名单：(\S+、)*戊丙（出国定居，停止党籍）/);
  });

  it("keeps the member on 取消 (button or typed, also while typing the reason) and on 返回", async () => {
    await h.db.prisma.membership.updateMany({
      where: { branchId: br.branchId, memberId: idOf("戊乙") },
      data: { probationary: false, fullMemberSince: "2024-01-02" },
    });
    await openCard("戊乙");
    await br.secretary.press("从名单移除（组织关系转出等）");
    await br.secretary.next();
    await br.secretary.press("取消");
    expect((await br.secretary.next()).text).toBe("已取消。");

    await openCard("戊乙");
    await br.secretary.press("从名单移除（组织关系转出等）");
    await br.secretary.next();
    await br.secretary.press("其他");
    await br.secretary.next();
    await br.secretary.say("取消");
    expect((await br.secretary.next()).text).toBe("已取消。");

    await openCard("戊乙");
    await br.secretary.press("从名单移除（组织关系转出等）");
    await br.secretary.next();
    await br.secretary.press("返回");
    expect((await br.secretary.next()).text).toBe("戊乙：党员 · 2024年1月2日转正");
    expect(await row("戊乙")).toMatchObject({ status: "active", removedReason: null });
  });
});
