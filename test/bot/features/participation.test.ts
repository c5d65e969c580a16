// Per-member 学时 and 参加次数 count the people who took part, not the one who reported.
import ExcelJS from "exceljs";
import { startHarness, seedBranch, type Harness, type SeededBranch } from "../../support/harness.js";

let h: Harness;
let b: SeededBranch;
beforeAll(async () => {
  h = await startHarness({ now: "2023-07-05T02:00:00Z" });
  b = await seedBranch(h, "第五党支部", [{ id: 1101, name: "王建国" }, { id: 1102, name: "张华" }, { id: 1103, name: "李明" }]);
});
afterAll(() => h.stop());

/** The .xlsx rows (from the header row on) as arrays of cell texts. */
async function sheetRows(bytes: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row, n) => {
    if (n >= 2) rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v))));
  });
  return rows;
}

describe("per-member figures from participants", () => {
  it("credits the 党课 to 王建国 (speaker) and 李明 (named), not to 张华 who only reported it", async () => {
    const reporter = b.members[0]!; // 张华
    await reporter.command("log", "7月4日 王建国书记讲党课《传承红色基因》 李明参加 2学时");
    expect((await reporter.nextMatching(/已记录/)).text).toContain("参加人员：王建国、李明");

    await reporter.command("stats", "今年");
    expect((await reporter.nextMatching(/我参加的/)).text).toContain("👤 我参加的：0次活动，0学时");

    const sec = b.secretary; // 王建国
    await sec.command("stats", "今年");
    const stats = (await sec.nextMatching(/党员参与情况/)).text ?? "";
    expect(stats).toContain("👤 我参加的：1次活动，2学时");
    expect(stats).toContain("王建国：1次 · 2学时");
    expect(stats).toContain("李明：1次 · 2学时");
    expect(stats).toContain("张华：0次 · 0学时");
    expect(stats).not.toContain("未列参加人员");

    await sec.command("export", "2023");
    await sec.nextMatching(/台账/);
    const file = sec.documents().at(-1)!;
    const rows = await sheetRows(file.bytes);
    const header = rows[0]!;
    const row = rows[1]!;
    expect(row[header.indexOf("主讲人")]).toBe("王建国");
    expect(row[header.indexOf("参加人员")]).toBe("王建国、李明");
    expect(row[header.indexOf("实到")]).toBe("2");
    expect(row[header.indexOf("学时")]).toBe("2");
    expect(row[header.indexOf("登记人")]).toBe("张华");
  });

  it("says how many records give only a number, and completes one with 选择参加人员", async () => {
    const sec = b.secretary;
    await sec.command("log", "7月3日 支委会 研究党建工作 3人参加");
    const card = await sec.nextMatching(/已记录/);
    expect(card.text).toContain("只记了人数（3人）");
    await sec.command("stats", "今年");
    expect((await sec.nextMatching(/党员参与情况/)).text).toContain("另有1条记录只记了人数");
    // 3 is the whole roster: everyone is ticked to start with; one tap saves.
    await sec.press("👥 选择参加人员", { messageId: card.message_id });
    const people = await sec.nextMatching(/谁参加了/);
    expect(people.text).toContain("已选 3 人");
    await sec.press(/完成（3人）/);
    const updated = await sec.nextMatching(/已更新记录/);
    expect(updated.text).toContain("参加人员：王建国、张华、李明");
    await sec.command("stats", "今年");
    const stats = (await sec.nextMatching(/党员参与情况/)).text ?? "";
    expect(stats).not.toContain("未列参加人员");
    expect(stats).toContain("张华：1次 · 0学时");
  });
});
