import { parseActivityLine } from "../../../src/domain/parse/index.js";
import { check, NOW, TZ, type Case } from "./support.js";

// Lines that must not be saved as they are, and why.
const REJECTED: Case[] = [
  ["", { problems: ["empty"], missing: ["date", "kind"] }],
  ["   ", { problems: ["empty"] }],
  ["。。。！", { problems: ["empty"] }],
  ["？？？", { problems: ["empty"] }],
  ["hello world", { problems: ["no_date", "no_kind"], missing: ["date", "kind"] }],
  ["We held a branch committee meeting yesterday", { problems: ["no_date", "no_kind"] }],
  ["asdfghjkl 12345", { problems: ["no_date", "no_kind"] }],
  ["哈哈哈", { problems: ["no_date", "no_kind"] }],
  ["今天天气不错", { date: "2023-07-05", problems: ["no_kind"], missing: ["kind"] }],
  ["今天 开会", { problems: ["no_kind"] }],
  ["昨天 12人参加", { presentCount: 12, problems: ["no_kind"] }],
  ["今天 其他党员参加", { problems: ["no_kind"] }],
  ["研究部署年度党建工作", { problems: ["no_date", "no_kind"] }],
  ["2023年13月45日 支委会", { problems: ["impossible_date"], problemText: "2023年13月45日", kinds: ["branch_committee"] }],
  ["2023年13月45日", { problems: ["impossible_date", "no_kind"] }],
  ["2月30日 支委会", { problems: ["impossible_date"], problemText: "2月30日" }],
  ["2023年2月29日 党员大会", { problems: ["impossible_date"], problemText: "2023年2月29日" }],
  ["2023-02-29 支委会", { problems: ["impossible_date"], problemText: "2023-02-29" }],
  ["2023-13-01 支委会", { problems: ["impossible_date"] }],
  ["4月31日 党课", { problems: ["impossible_date"], problemText: "4月31日" }],
  ["上月31日 支委会", { problems: ["impossible_date"] }],
  ["十三月五日 党课", { problems: ["impossible_date"] }],
  ["明天 主题党日", { problems: ["future_date"], problemText: "明天", date: null }],
  ["后天 志愿服务", { problems: ["future_date"] }],
  ["本周五 主题党日", { problems: ["future_date"], problemText: "本周五" }],
  ["下周一 支委会", { problems: ["future_date"] }],
  ["2023年7月6日 支委会", { problems: ["future_date"], problemText: "2023年7月6日" }],
  ["2024年1月1日 党课", { problems: ["future_date"] }],
  ["本月10日 支委会", { problems: ["future_date"] }],
  ["主题党日", { problems: ["no_date"], kinds: ["theme_day"], missing: ["date"] }],
  ["2023年5月 主题党日", { problems: ["no_date"], date: null }],
  ["5月 主题党日 12人", { problems: ["no_date"], presentCount: 12 }],
  ["上周 支委会", { problems: ["no_date"] }],
  ["8人 支委会", { problems: ["no_date"], presentCount: 8 }],
  ["支委会 3次", { problems: ["no_date"] }],
  ["32号 支委会", { problems: ["no_date"] }],
  ["党课《2023年5月12日的回忆》", { problems: ["no_date"], title: "2023年5月12日的回忆" }],
  ["下午三点半 微党课", { problems: ["no_date"], time: { hour: 15, minute: 30 } }],
];

describe("lines that are not saved", () => {
  it.each(REJECTED)("%s", (...c) => check(c));

  it("has at least 20 rejection cases", () => expect(REJECTED.length).toBeGreaterThanOrEqual(20));

  it("never throws on odd input", () => {
    const odd = [
      "\u0000\u0000", "《", "》》》", "“", "主讲人", "缺席：", "在", "应到人实到人", "9999年99月99日", "0月0日",
      "周", "上上上周五", "12:99 支委会", "25点 支委会", "😀".repeat(50), "支委会".repeat(200), "1.1.1.1.1",
      "谈话与与与谈话", "由由由主持", "地点：", "（（（", "第一议题", "\n\t支委会\r\n昨天",
    ];
    for (const line of odd) expect(() => parseActivityLine(line, { now: NOW, timeZone: TZ })).not.toThrow();
  });
});
