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
  /** 学时 the record gives each participant (studyCredit); blank when it has no study content. */
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

/** One member's 学时 for the year's second sheet (studyHoursByMember: the same figures as /check and /stats). */
export interface StudyHoursRow {
  name: string;
  hours: number;
  selfStudyHours?: number;
}

/** The 学时 sheet: each member's 集中学习 学时 (the rule /check and /stats use) and 自学 kept apart. */
function addStudySheet(workbook: ExcelJS.Workbook, title: string, study: readonly StudyHoursRow[]): void {
  const sheet = workbook.addWorksheet("学时", { views: [{ state: "frozen", ySplit: 2 }] });
  sheet.mergeCells(1, 1, 1, 4);
  sheet.getCell(1, 1).value = `${title}：党员学时`;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getRow(2).values = ["序号", "姓名", "学时", "自学学时"];
  sheet.getRow(2).font = { bold: true };
  [7, 12, 8, 10].forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  study.forEach((m, i) => sheet.addRow([i + 1, m.name, m.hours, m.selfStudyHours ?? 0]));
}

export async function renderLedgerXlsx(title: string, rows: LedgerRow[], study?: readonly StudyHoursRow[]): Promise<Buffer> {
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
  if (study) addStudySheet(workbook, title, study);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
