import { parseActivityLine } from "../../../src/domain/parse/index.js";
import { check, NOW, TZ, type Case } from "./support.js";

// Every example of "One-line activity format" in contract.md, with every field it states.
const CONTRACT: Case[] = [
  [
    "2023年3月15日 支委会 研究部署年度党建工作 实到5人",
    { date: "2023-03-15", kinds: ["branch_committee"], title: "研究部署年度党建工作", presentCount: 5, expectedCount: null, time: null },
  ],
  [
    "今天下午开了支部党员大会，学习贯彻党的二十大精神，应到15人实到13人，张三出差",
    {
      date: "2023-07-05", partOfDay: "afternoon", time: null, kinds: ["general_assembly"], title: "学习贯彻党的二十大精神",
      expectedCount: 15, presentCount: 13, absentees: [{ name: "张三", reason: "出差" }],
    },
  ],
  [
    "昨天 主题党日 “传承好家风 筑牢廉洁墙” 参观家风教育基地 12人参加",
    { date: "2023-07-04", kinds: ["theme_day"], title: "传承好家风 筑牢廉洁墙", location: "家风教育基地", presentCount: 12 },
  ],
  [
    "5月12日 党课《学习新思想 奋进新征程》 主讲人李书记 覆盖13人次",
    { date: "2023-05-12", kinds: ["party_lecture"], title: "学习新思想 奋进新征程", speaker: "李书记", details: { personTimes: 13 }, presentCount: null },
  ],
  [
    "上周五 宣传报道 支部开展防诈宣传进社区活动",
    { date: "2023-06-30", kinds: ["publicity"], title: "支部开展防诈宣传进社区活动" },
  ],
  [
    "2023-06-30 谈心谈话 书记与王某某谈话",
    { date: "2023-06-30", kinds: ["talk"], details: { talkPairs: ["书记–王某某"] }, title: "书记与王某某谈话" },
  ],
  [
    "3.8 志愿服务 赴养老服务站开展反诈宣传 8人",
    { date: "2023-03-08", kinds: ["volunteer"], location: "养老服务站", title: "开展反诈宣传", presentCount: 8 },
  ],
  [
    "2023年13月45日 支委会",
    { date: null, kinds: ["branch_committee"], missing: ["date"], problems: ["impossible_date"], problemText: "2023年13月45日" },
  ],
];

describe("contract.md one-line examples", () => {
  it.each(CONTRACT)("%s", (...c) => check(c));

  it("returns the complete draft shape for a complete line", () => {
    const r = parseActivityLine("2023年3月15日 支委会 研究部署年度党建工作 实到5人", { now: NOW, timeZone: TZ });
    expect(r).toEqual({
      ok: true,
      draft: {
        date: { year: 2023, month: 3, day: 15 }, time: null, partOfDay: null, kinds: ["branch_committee"],
        title: "研究部署年度党建工作", location: null, host: null, recorder: null, speaker: null,
        expectedCount: null, presentCount: 5, durationHours: null, absentees: [], everyone: false, participants: [], details: {},
        approximate: false, missing: [],
      },
    });
  });

  it("says what is missing when a line lacks kind and date", () => {
    const r = parseActivityLine("研究部署年度党建工作", { now: NOW, timeZone: TZ });
    expect(r.ok).toBe(false);
    expect(r.draft.missing).toEqual(["date", "kind"]);
    expect(r.ok ? [] : r.problems).toEqual([{ code: "no_date" }, { code: "no_kind" }]);
  });
});
