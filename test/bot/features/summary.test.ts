// /summary through the real bot: the reference year's ledger gives a draft (chat text and .docx) that
// states each of its counts next to the right item; an empty year gives 【待补充】 and no invented number.
import type { NewActivity } from "../../../src/db/repos/activities.js";
import type { ActivityDetails } from "../../../src/domain/activity.js";
import type { SummaryRecord } from "../../../src/domain/summary/index.js";
import type { BotMessage, ScriptedUser } from "../../../src/server/sandbox/index.js";
import { referenceYearInput } from "../../domain/summary/referenceYear.js";
import { listZip, paragraphTexts, readZipEntry } from "../../render/zipReader.js";
import { startHarness, seedBranch, type Harness, type SeededBranch } from "../../support/harness.js";

let h: Harness;
let b: SeededBranch;

/** The reference year's records as ledger rows: titles and details carry what the summary reads from them. */
function ledgerRow(r: SummaryRecord, nth: number): Partial<NewActivity> & Pick<NewActivity, "kinds" | "occurredAt"> {
  const kind = r.kinds[0]!;
  let title = r.title;
  let speaker: string | null = null;
  let details: ActivityDetails = r.details ?? {};
  if (kind === "study") title = r.tags?.includes("central_group") ? `“第一议题”暨理论中心组学习${nth}` : `“第一议题”学习${nth}`;
  if (kind === "briefing") title = "学习贯彻党的二十大报告精神";
  if (kind === "theme_day") title = nth === 1 ? "传承好家风 筑牢廉洁墙" : `${Number(r.date.slice(5, 7))}月主题党日`;
  if (kind === "party_lecture" && nth === 1) speaker = "李书记";
  if (kind === "research") {
    title = "合同管理流程优化";
    if (nth === 1) details = { problemsFound: 3, resultsApplied: 2 };
  }
  if (kind === "volunteer") title = "防诈宣传进社区 安全防范入人心";
  if (kind === "disclosure") details = { itemsPublished: 5 };
  if (kind === "integrity_education") details = nth === 1 ? { reflections: 1, films: ["永远在路上", "坚如磐石"] } : { reflections: 1 };
  return { kinds: r.kinds, occurredAt: `${r.date}T04:00:00Z`, title, speaker, details, presentCount: r.personTimes > 0 ? r.personTimes : null };
}

/** Bot messages up to and including the .docx. */
async function untilDocument(u: ScriptedUser): Promise<BotMessage[]> {
  const out: BotMessage[] = [];
  for (;;) {
    const m = await u.next({ timeout: 15000 });
    out.push(m);
    if (m.document) return out;
  }
}

// Now: 10 January 2024 in Shanghai.
beforeAll(async () => {
  h = await startHarness({ now: "2024-01-10T02:00:00Z" });
  b = await seedBranch(h, "审计法务部党支部", [{ id: 801, name: "李书记" }, { id: 802, name: "陈委员" }, { id: 803, name: "张三" }]);
  await h.store.memberships.setRole(b.branchId, b.memberIds.get(802)!, "committee", "宣传委员");
  const seen = new Map<string, number>();
  for (const r of referenceYearInput().records) {
    const nth = (seen.get(r.kinds[0]!) ?? 0) + 1;
    seen.set(r.kinds[0]!, nth);
    await h.store.activities.create({
      branchId: b.branchId, reporterId: b.memberIds.get(801)!, personal: false, hasTime: false, title: null, location: null, host: null,
      recorder: null, speaker: null, expectedCount: null, presentCount: null, durationHours: null, notes: null, details: {}, absentees: [],
      attendeeIds: [], ...ledgerRow(r, nth),
    });
  }
});
afterAll(() => h.stop());

const FIGURES = [
  "全年依托“三会一课”、主题党日等组织集中学习44次，覆盖536人次，其中“第一议题”学习20次",
  "开展专题宣讲1次，涉及27人次",
  "召开意识形态专题会议6次",
  "发布宣传报道23次",
  "召开组织生活会2次，共查找问题23条，已整改23条",
  "召开支委会15次",
  "召开党员大会11次",
  "开展主题党日活动12次",
  "“学习贯彻党的二十大报告精神”（李书记主讲）",
  "党课5次，覆盖60人次",
  "完成党务公开50项",
  "开展志愿服务活动1次，参与8人次",
  "组织调研会议3次，发现问题3项，推动成果转化运用2项",
  "开展廉政教育、警示教育活动4次，覆盖13人次，组织观看《永远在路上》、《坚如磐石》等警示教育片，收集心得体会4篇",
  "开展谈心谈话20人次",
  "召开党风廉政专题会议4次，开展理论中心组学习4次",
];

describe("/summary", () => {
  it("refuses a plain member", async () => {
    const u = b.members[1]!; // 张三
    await u.command("summary", "2023");
    expect((await u.next()).text).toBe("抱歉，您没有权限使用这个功能（需要：支部书记或支委委员）。");
  });

  it("drafts the reference year: chat text under 4,096 per message, every count next to its item, and the .docx", async () => {
    const u = b.members[0]!; // 陈委员 (committee)
    await u.command("summary", "2023");
    const progress = await u.next();
    expect(progress.text).toBe("⏳ 正在生成2023年党建工作总结初稿…");
    const messages = await untilDocument(u);
    const [first, ...rest] = messages;
    expect(first).toMatchObject({ kind: "edit", message_id: progress.message_id });
    expect(first!.text.startsWith("2023年审计法务部党支部党建工作总结\n\n")).toBe(true);
    const texts = messages.filter((m) => !m.document).map((m) => m.text);
    expect(texts.length).toBeGreaterThan(1);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(4096);
    const draft = texts.join("\n\n");
    if (process.env.DUMP_SUMMARY) console.log(texts.map((t) => `[${t.length}]\n${t}`).join("\n-----\n"));
    for (const figure of FIGURES) expect(draft).toContain(figure);
    expect(draft).toContain("台账附表");
    expect(draft).toContain("▍召开支委会15次");
    expect(draft).toContain("五、存在的问题及2024年工作思路");
    expect(h.sandbox.requests.of("sendChatAction").some((r) => r.params.action === "upload_document")).toBe(true);

    const doc = rest.at(-1)!;
    expect(doc.document?.file_name).toBe("2023年审计法务部党支部党建工作总结（初稿）.docx");
    expect(doc.text).toContain("2023年党建工作总结（初稿）");
    const bytes = doc.bytes!;
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(listZip(bytes).map((e) => e.name)).toEqual(expect.arrayContaining(["[Content_Types].xml", "word/document.xml"]));
    const paragraphs = paragraphTexts(readZipEntry(bytes, "word/document.xml").toString("utf8"));
    const body = paragraphs.join("\n");
    expect(paragraphs[0]).toBe("2023年审计法务部党支部党建工作总结");
    for (const figure of FIGURES) expect(body).toContain(figure);
    const table = paragraphs.slice(paragraphs.indexOf("台账附表"));
    expect(table.some((p) => /^\d+\. 召开支委会15次（台账记录15条）$/.test(p))).toBe(true);
    const lecture = table.indexOf("学习贯彻党的二十大报告精神（李书记主讲）");
    expect(table.slice(lecture - 3, lecture + 2)).toEqual(["1", "2023-01-01", "党课", "学习贯彻党的二十大报告精神（李书记主讲）", "12"]);
    expect(table).toContain("合同管理流程优化（发现问题3项，成果转化2项）");
  });

  it("drafts an empty year as 【待补充】 markers with no invented number", async () => {
    const u = b.secretary;
    await u.command("summary", "2022");
    expect((await u.next()).text).toBe("⏳ 正在生成2022年党建工作总结初稿…");
    const messages = await untilDocument(u);
    const texts = messages.filter((m) => !m.document).map((m) => m.text).join("\n\n");
    expect(texts).toContain("📭 2022年台账中还没有记录");
    expect(texts).toContain("【待补充】");
    expect(texts.replace(/2022年|2023年/g, "")).not.toMatch(/\d/);
    const doc = messages.at(-1)!;
    expect(doc.document?.file_name).toBe("2022年审计法务部党支部党建工作总结（初稿）.docx");
    const paragraphs = paragraphTexts(readZipEntry(doc.bytes!, "word/document.xml").toString("utf8"));
    expect(paragraphs.join("\n")).toContain("【待补充】");
    expect(paragraphs.join("\n").replace(/2022年|2023年/g, "")).not.toMatch(/\d/);
  });

  it("explains a bad year", async () => {
    await b.secretary.command("summary", "明年吧");
    expect((await b.secretary.next()).text).toBe("未识别出年份“明年吧”。可以这样写：/summary（今年）或 /summary 2023（年份在1921–2100之间）。");
  });
});
