// One 学时 rule on every surface: /check, /stats and the .xlsx credit the same hours to the same participants.
import ExcelJS from "exceljs";
import { startHarness, seedBranch, type Harness, type SeededBranch } from "../../support/harness.js";

let h: Harness;
let b: SeededBranch;
beforeAll(async () => {
  h = await startHarness({ now: "2023-07-05T02:00:00Z" });
  b = await seedBranch(h, "第六党支部", [
    { id: 1301, name: "王书记" },
    { id: 1302, name: "赵一" },
    { id: 1303, name: "钱二" },
    { id: 1304, name: "孙三" },
  ]);
  // The branch has kept its ledger since January 2023 (/check judges 2023).
  await h.db.prisma.branch.update({ where: { id: b.branchId }, data: { createdAt: new Date("2022-12-31T16:00:00Z") } });
});
afterAll(() => h.stop());

/** Every sheet's rows (from the header row on) as arrays of cell texts, by sheet name. */
async function sheets(bytes: Buffer): Promise<Map<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out = new Map<string, string[][]>();
  for (const ws of wb.worksheets) {
    const rows: string[][] = [];
    ws.eachRow((row, n) => {
      if (n >= 2) rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v))));
    });
    out.set(ws.name, rows);
  }
  return out;
}

describe("学时 of a 党小组会 with study content, logged by a reporter who did not attend", () => {
  it("gives 1.5 to 赵一 and 钱二 only, alike in /check, /stats and the .xlsx (党员教育管理工作条例)", async () => {
    const sec = b.secretary; // 王书记 reports, does not attend
    await sec.command("log", "7月3日 党小组会 学习党章 赵一、钱二参加 1.5小时");
    const card = await sec.nextMatching(/已记录/);
    expect(card.text).toContain("参加人员：赵一、钱二");

    await sec.command("check", "2023");
    const check = (await sec.nextMatching(/学时未达要求/)).text;
    expect(check).toContain("王书记 0/56学时、赵一 1.5/32学时、钱二 1.5/32学时、孙三 0/32学时");

    await sec.command("stats", "今年");
    const stats = (await sec.nextMatching(/党员参与情况/)).text;
    for (const line of ["王书记：0次 · 0学时", "赵一：1次 · 1.5学时", "钱二：1次 · 1.5学时", "孙三：0次 · 0学时"])
      expect(stats).toContain(line);

    await sec.command("export", "2023");
    await sec.nextMatching(/台账/);
    const file = sec.documents().at(-1);
    if (!file) throw new Error("no .xlsx received");
    const book = await sheets(file.bytes);
    const ledger = book.get("台账") ?? [];
    const header = ledger[0] ?? [];
    expect(ledger[1]?.[header.indexOf("学时")]).toBe("1.5");
    expect(ledger[1]?.[header.indexOf("登记人")]).toBe("王书记");
    expect(book.get("学时")).toEqual([
      ["序号", "姓名", "学时", "自学学时"],
      ["1", "王书记", "0", "0"],
      ["2", "赵一", "1.5", "0"],
      ["3", "钱二", "1.5", "0"],
      ["4", "孙三", "0", "0"],
    ]);
  });
});
