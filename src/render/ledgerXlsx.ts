// The ledger as an .xlsx workbook (台账): one row per record, the columns inspections look for.
import ExcelJS from "exceljs";

export interface LedgerRow {
  id: number;
  date: string; // local YYYY-MM-DD
  kinds: string; // labels, joined
  title: string | null;
  location: string | null;
  host: string | null;
  recorder: string | null;
  speaker: string | null;
  expected: number | null;
  present: number | null;
  personTimes: number;
  hours: number | null;
  absentees: string;
  attendees: string;
  notes: string | null;
  reporter: string | null;
  photos: number;
}

const COLUMNS: { header: string; key: keyof LedgerRow; width: number }[] = [
  { header: "序号", key: "id", width: 7 },
  { header: "日期", key: "date", width: 12 },
  { header: "类型", key: "kinds", width: 16 },
  { header: "主题/议题", key: "title", width: 36 },
  { header: "地点", key: "location", width: 16 },
  { header: "主持人", key: "host", width: 10 },
  { header: "记录人", key: "recorder", width: 10 },
  { header: "主讲人", key: "speaker", width: 10 },
  { header: "应到", key: "expected", width: 7 },
  { header: "实到", key: "present", width: 7 },
  { header: "人次", key: "personTimes", width: 7 },
  { header: "学时", key: "hours", width: 7 },
  { header: "缺席及原因", key: "absentees", width: 20 },
  { header: "参加人员", key: "attendees", width: 30 },
  { header: "备注", key: "notes", width: 24 },
  { header: "登记人", key: "reporter", width: 10 },
  { header: "照片", key: "photos", width: 6 },
];

export async function renderLedgerXlsx(title: string, rows: LedgerRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "branch-ledger";
  const sheet = workbook.addWorksheet("台账", { views: [{ state: "frozen", ySplit: 2 }] });
  sheet.mergeCells(1, 1, 1, COLUMNS.length);
  const head = sheet.getCell(1, 1);
  head.value = title;
  head.font = { bold: true, size: 14 };
  head.alignment = { horizontal: "center" };
  sheet.getRow(2).values = COLUMNS.map((c) => c.header);
  sheet.getRow(2).font = { bold: true };
  COLUMNS.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width));
  rows.forEach((r, i) => {
    sheet.addRow(COLUMNS.map((c) => (c.key === "id" ? i + 1 : r[c.key] ?? "")));
  });
  sheet.addRow([]);
  sheet.addRow(["合计", "", `${rows.length}次`, "", "", "", "", "", "", "", rows.reduce((n, r) => n + r.personTimes, 0)]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
