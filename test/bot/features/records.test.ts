// /records through the real bot: one .docx of the year's 三会一课 and 主题党日, one page per meeting with
// every 会议记录 field, filled from the record or left blank — never invented. And the 📄 button on a card.
import type { NewActivity } from "../../../src/db/repos/activities.js";
import { MINUTES_FIELDS } from "../../../src/domain/minutes/index.js";
import { listZip, readZipEntry } from "../../render/zipReader.js";
import { PNG_1x1 } from "../../server/sandbox/helpers.js";
import { startHarness, seedBranch, type Harness, type SeededBranch } from "../../support/harness.js";
import { newActivity } from "../../support/records.js";

let h: Harness;
let b: SeededBranch;
const id = (telegramId: number) => b.memberIds.get(telegramId)!;

function add(a: Partial<NewActivity> & Pick<NewActivity, "kinds" | "occurredAt">) {
  return h.store.activities.create(newActivity(b.branchId, id(601), { hasTime: false, ...a }));
}

const text = (xml: string) => xml.replace(/<w:tab\/>/g, "\t").replace(/<[^>]+>/g, "");

/** The pages of a document: split where a paragraph starts a new page; each page's table as label → value. */
function pages(xml: string): { heading: string; fields: Map<string, string> }[] {
  const body = xml.slice(xml.indexOf("<w:body>"));
  return body.split("<w:pageBreakBefore/>").map((page) => {
    const heading = text(page.slice(0, page.indexOf("</w:p>"))); // the page's first paragraph
    const fields = new Map<string, string>();
    for (const row of page.match(/<w:tr>.*?<\/w:tr>|<w:tr .*?<\/w:tr>/gs) ?? []) {
      const cells = (row.match(/<w:tc>.*?<\/w:tc>/gs) ?? []).map(text);
      if (cells.length === 2) fields.set(cells[0]!, cells[1]!);
    }
    return { heading, fields };
  });
}

// Now: 10 January 2024 in Shanghai.
beforeAll(async () => {
  h = await startHarness({ now: "2024-01-10T02:00:00Z" });
  b = await seedBranch(h, "第一党支部", [{ id: 601, name: "王建国" }, { id: 602, name: "陈明" }, { id: 603, name: "张三" }, { id: 604, name: "李四" }]);
  await h.store.memberships.setRole(b.branchId, id(602), "committee", "组织委员");
  // A full 党员大会 record: every field stated.
  await add({
    kinds: ["general_assembly"], occurredAt: "2023-03-17T06:30:00Z", hasTime: true, title: "讨论接收预备党员", location: "三楼会议室",
    host: "王建国", recorder: "陈明", expectedCount: 4, presentCount: 3, absentees: [{ name: "李四", reason: "出差" }],
    attendeeIds: [id(601), id(602), id(603)], notes: "介绍人介绍发展对象情况，与会党员充分讨论", observers: "入党积极分子赵六",
    resolutions: "同意接收赵六为预备党员", vote: { kind: "vote", for: 3, against: 0, abstain: 0 },
  });
  // A 支委会 that states almost nothing: only its kind and date.
  await add({ kinds: ["branch_committee"], occurredAt: "2023-05-08T04:00:00Z" });
  // A 主题党日 that was also a 党课, with a speaker and a count only.
  await add({ kinds: ["theme_day", "party_lecture"], occurredAt: "2023-07-14T04:00:00Z", title: "传承好家风", speaker: "王建国", presentCount: 4 });
  // Not meetings: no 会议记录.
  await add({ kinds: ["publicity"], occurredAt: "2023-06-01T04:00:00Z", title: "防诈宣传报道" });
  await add({ kinds: ["talk"], occurredAt: "2023-06-02T04:00:00Z", details: { talkPairs: ["王建国与张三"] } });
  // Another year.
  await add({ kinds: ["branch_committee"], occurredAt: "2022-12-05T04:00:00Z" });
});
afterAll(() => h.stop());

describe("/records", () => {
  it("refuses a plain member", async () => {
    const u = b.members[1]!; // 张三
    await u.command("records", "2023");
    expect((await u.next()).text).toContain("没有权限");
  });

  it("sends one .docx with one page per meeting of the year, every field on each, none invented", async () => {
    const u = b.secretary;
    await u.command("records", "2023");
    const doc = await u.next({ timeout: 15000 });
    expect(doc.document?.file_name).toBe("2023年第一党支部会议记录.docx");
    expect(doc.text).toContain("共3次会议，每次会议一页");
    const xml = readZipEntry(doc.bytes!, "word/document.xml").toString("utf8");
    const ps = pages(xml);
    expect(ps).toHaveLength(3);
    expect(ps.map((p) => p.heading)).toEqual(["支部党员大会记录", "支部委员会会议记录", "党课、主题党日记录"]);

    for (const p of ps) {
      const expected = MINUTES_FIELDS.filter((f) => f !== "主讲人" || p.heading.includes("党课"));
      expect([...p.fields.keys()]).toEqual(expected);
    }
    const [assembly, committee, lecture] = ps.map((p) => p.fields);
    expect(Object.fromEntries(assembly!)).toEqual({
      会议名称: "支部党员大会",
      时间: "2023年3月17日 14:30",
      地点: "三楼会议室",
      主持人: "王建国",
      记录人: "陈明",
      "应到/实到": "应到4人，实到3人",
      参加人员: "王建国、陈明、张三",
      缺席人员及原因: "李四（出差）",
      列席人员: "入党积极分子赵六",
      议题: "讨论接收预备党员",
      内容摘要: "介绍人介绍发展对象情况，与会党员充分讨论",
      决议事项: "同意接收赵六为预备党员",
      表决结果: "赞成3票，反对0票，弃权0票",
      照片: "",
    });
    // The bare 支委会: its kind and date, everything else blank to fill in by hand.
    expect(committee!.get("会议名称")).toBe("支部委员会会议");
    expect(committee!.get("时间")).toBe("2023年5月8日"); // no time of day invented
    for (const field of MINUTES_FIELDS.filter((f) => !["会议名称", "时间", "主讲人"].includes(f))) expect(committee!.get(field)).toBe("");
    // Partly stated: the count only, not who; no 应到 guessed.
    expect(lecture!.get("主讲人")).toBe("王建国");
    expect(lecture!.get("应到/实到")).toBe("应到____人，实到4人");
    expect(lecture!.get("缺席人员及原因")).toBe("");
    expect(lecture!.get("表决结果")).toBe("");
    expect(xml).not.toContain("防诈宣传报道");
  });

  it("says so for a year without meetings", async () => {
    const u = b.secretary;
    await u.command("records", "2021");
    expect((await u.next()).text).toBe("2021年暂无三会一课及主题党日记录，未生成会议记录。");
  });

  it("gives a saved meeting's card a 📄 会议记录 button that sends that one record", async () => {
    const u = b.secretary;
    await u.command("log", "昨天 支委会 研究发展党员工作 实到2人");
    const card = await u.nextMatching(/已记录|已保存|记录/);
    expect(card.buttons.flat().map((x) => x.text)).toContain("📄 会议记录");
    await u.press("📄 会议记录", { messageId: card.message_id });
    const doc = await u.next({ timeout: 15000 });
    expect(doc.document?.file_name).toBe("2024年1月9日第一党支部会议记录.docx");
    const ps = pages(readZipEntry(doc.bytes!, "word/document.xml").toString("utf8"));
    expect(ps).toHaveLength(1);
    expect(ps[0]!.fields.get("议题")).toBe("研究发展党员工作");
    expect(ps[0]!.fields.get("决议事项")).toBe("");
  });

  it("lets a member add 列席, 决议 and 表决结果 from the card, and the minutes show them", async () => {
    const u = b.secretary;
    await u.command("log", "今天上午 党员大会 讨论接收预备党员 实到3人");
    const card = await u.nextMatching(/记录/);
    await u.press("✏️ 修改", { messageId: card.message_id });
    await u.nextMatching(/决议|请核对|修改/);
    await u.press("列席");
    await u.nextMatching(/列席人员/);
    await u.say("入党积极分子赵六");
    await u.nextMatching(/列席：入党积极分子赵六/);
    await u.press("决议");
    await u.nextMatching(/决议事项/);
    await u.say("同意接收赵六为预备党员");
    await u.nextMatching(/决议：同意接收赵六为预备党员/);
    await u.press("表决结果");
    await u.nextMatching(/表决结果/);
    await u.say("赞成几票");
    expect((await u.nextMatching(/未识别出表决结果/)).text).toContain("赞成12票");
    await u.say("赞成3票，反对0票，弃权0票");
    await u.nextMatching(/表决结果：赞成3票，反对0票，弃权0票/);
    await u.press(/保存/);
    const saved = await u.nextMatching(/已更新|已保存|修改/);
    expect(saved.text).toContain("决议：同意接收赵六为预备党员");
    const [record] = await h.store.activities.recentByReporter(b.branchId, id(601), 1);
    expect(record).toMatchObject({ observers: "入党积极分子赵六", resolutions: "同意接收赵六为预备党员", vote: { kind: "vote", for: 3, against: 0, abstain: 0 } });
    await u.press("📄 会议记录", { messageId: saved.message_id });
    const doc = await u.next({ timeout: 15000 });
    const [page] = pages(readZipEntry(doc.bytes!, "word/document.xml").toString("utf8"));
    expect(page!.fields.get("列席人员")).toBe("入党积极分子赵六");
    expect(page!.fields.get("决议事项")).toBe("同意接收赵六为预备党员");
    expect(page!.fields.get("表决结果")).toBe("赞成3票，反对0票，弃权0票");
  });

  it("puts a record's photo into its 会议记录 as an image, fetched through the Bot API", async () => {
    const u = b.secretary;
    await u.sendPhoto(PNG_1x1, { caption: "1月5日 支委会 研究党员发展计划 实到2人" });
    await u.nextMatching(/要记录这次活动吗/);
    await u.press("✅ 保存");
    const card = await u.nextMatching(/已记录|已保存/);
    await u.press("📄 会议记录", { messageId: card.message_id });
    const doc = await u.next({ timeout: 15000 });
    const media = listZip(doc.bytes!).filter((e) => e.name.startsWith("word/media/"));
    expect(media).toHaveLength(1);
    const xml = readZipEntry(doc.bytes!, "word/document.xml").toString("utf8");
    expect(xml).toContain("<w:drawing>");
    expect(pages(xml)[0]!.fields.get("照片")).toBe("已存照片1张，附后");
  });

  it("still sends the 会议记录 when a photo cannot be fetched, and says so", async () => {
    const { record } = await add({ kinds: ["branch_committee"], occurredAt: "2024-01-08T04:00:00Z", title: "研究年度计划", photos: ["no-such-file"] });
    const u = b.secretary;
    await u.command("help");
    await u.next();
    await u.pressData(`min:doc:${b.branchId}:${record.id}`);
    const doc = await u.next({ timeout: 15000 });
    expect(doc.document?.file_name).toBe("2024年1月8日第一党支部会议记录.docx");
    expect(listZip(doc.bytes!).filter((e) => e.name.startsWith("word/media/"))).toEqual([]);
    expect(pages(readZipEntry(doc.bytes!, "word/document.xml").toString("utf8"))[0]!.fields.get("照片")).toBe("已存照片1张【照片未能取回】");
  });
});
