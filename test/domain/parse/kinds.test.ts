import { type ActivityKind, ACTIVITY_KINDS } from "../../../src/domain/kinds.js";
import { KIND_LEXICON, kindFromLabel, kindsIn } from "../../../src/domain/parse/index.js";
import { kindLabel } from "../../../src/domain/tally/labels.js";
import { check, type Case } from "./support.js";

// Every name the brief lists, each alone with a date: the kind it must give.
const NAMES: [string, ActivityKind[]][] = [
  ["支委会", ["branch_committee"]],
  ["支部委员会", ["branch_committee"]],
  ["支委会议", ["branch_committee"]],
  ["支部大会", ["general_assembly"]],
  ["党员大会", ["general_assembly"]],
  ["支部党员大会", ["general_assembly"]],
  ["党小组会", ["group_meeting"]],
  ["党小组学习", ["group_meeting"]],
  ["党课", ["party_lecture"]],
  ["微党课", ["party_lecture"]],
  ["专题党课", ["party_lecture"]],
  ["主题党日", ["theme_day"]],
  ["主题党日活动", ["theme_day"]],
  ["集中学习", ["study"]],
  ["理论学习", ["study"]],
  ["专题学习", ["study"]],
  ["第一议题", ["study"]],
  ["理论中心组学习", ["study"]],
  ["中心组学习", ["study"]],
  ["学习", ["study"]],
  ["宣讲", ["briefing"]],
  ["专题宣讲", ["briefing"]],
  ["联合宣讲", ["briefing"]],
  ["宣传报道", ["publicity"]],
  ["信息报送", ["publicity"]],
  ["宣传稿", ["publicity"]],
  ["志愿服务", ["volunteer"]],
  ["志愿者", ["volunteer"]],
  ["我为群众办实事", ["volunteer"]],
  ["廉政教育", ["integrity_education"]],
  ["警示教育", ["integrity_education"]],
  ["观看警示教育片", ["integrity_education"]],
  ["谈心谈话", ["talk"]],
  ["谈话", ["talk"]],
  ["调研", ["research"]],
  ["调查研究", ["research"]],
  ["组织生活会", ["org_life_meeting"]],
  ["专题组织生活会", ["org_life_meeting"]],
  ["民主评议", ["member_review"]],
  ["民主评议党员", ["member_review"]],
  ["党务公开", ["disclosure"]],
  ["意识形态专题会", ["ideology_meeting"]],
  ["意识形态工作会议", ["ideology_meeting"]],
  ["党风廉政专题会议", ["integrity_meeting"]],
  ["党风廉政建设会议", ["integrity_meeting"]],
];

// Precedence between names that contain one another, and several kinds in one event.
const PRECEDENCE: Case[] = [
  ["昨天 主题党日暨党课", { kinds: ["theme_day", "party_lecture"], title: null }],
  ["昨天 支部党员大会暨主题党日活动 15人", { kinds: ["general_assembly", "theme_day"], presentCount: 15 }],
  ["昨天 理论中心组学习", { kinds: ["study"] }],
  ["昨天 廉政教育专题学习", { kinds: ["integrity_education"] }],
  ["昨天 党风廉政专题会议 学习上级文件", { kinds: ["integrity_meeting"], title: "学习上级文件" }],
  ["昨天 党小组会 学习党章", { kinds: ["group_meeting"], title: "学习党章" }],
  ["昨天 支委会 第一议题 学习习近平总书记重要讲话", { kinds: ["branch_committee", "study"], title: "学习习近平总书记重要讲话" }],
  ["昨天 谈心谈话 书记与委员谈话", { kinds: ["talk"] }],
  ["昨天 廉政党课 李书记主讲", { kinds: ["party_lecture", "integrity_education"], speaker: "李书记" }],
  ["昨天 党务公开 公开50余项", { kinds: ["disclosure"], details: { itemsPublished: 50 }, approximate: true }],
  ["昨天 民主评议党员大会 16人", { kinds: ["member_review", "general_assembly"], presentCount: 16 }],
  ["昨天 组织生活会暨民主评议党员", { kinds: ["org_life_meeting", "member_review"] }],
  ["昨天 主题党日 开展志愿服务", { kinds: ["theme_day", "volunteer"] }],
  ["昨天 支委会 宣讲人张三", { kinds: ["branch_committee"] }],
  ["昨天 党小组长张三组织学习党章", { kinds: ["study"] }],
  ["3月8日 三八妇女节慰问 其他", { kinds: ["other"], title: "三八妇女节慰问" }],
  ["今天 其他党员参加", { kinds: [], problems: ["no_kind"] }],
];

describe("kind names", () => {
  it.each(NAMES)("%s", (name, kinds) => check([`昨天 ${name}`, { date: "2023-07-04", kinds }]));
  it("finds the same kinds with kindsIn", () => {
    for (const [name, kinds] of NAMES) expect([name, kindsIn(name)]).toEqual([name, kinds]);
  });
});

describe("kind precedence", () => {
  it.each(PRECEDENCE)("%s", (...c) => check(c));
});

describe("kind labels and lexicon", () => {
  it("has every Chinese label in the lexicon (other excepted)", () => {
    for (const kind of ACTIVITY_KINDS) {
      if (kind !== "other") expect([kind, kindsIn(kindLabel(kind, "zh"))]).toEqual([kind, [kind]]);
    }
  });
  it("has no duplicate terms", () => {
    const terms = KIND_LEXICON.map((k) => k.term);
    expect(new Set(terms).size).toBe(terms.length);
  });
  it("picks a kind from a typed label, key or name", () => {
    expect(kindFromLabel("其他")).toBe("other");
    expect(kindFromLabel("Party lecture")).toBe("party_lecture");
    expect(kindFromLabel("theme_day")).toBe("theme_day");
    expect(kindFromLabel("支部委员会")).toBe("branch_committee");
    expect(kindFromLabel("  ")).toBeNull();
    expect(kindFromLabel("随便")).toBeNull();
  });
  it("a kind that a meeting plans or studies is not a kind held", () => {
    expect(kindsIn("今天支委会，研究组织生活会筹备工作")).toEqual(["branch_committee"]);
    expect(kindsIn("支委会 研究部署主题党日活动安排 实到5人")).toEqual(["branch_committee"]);
    expect(kindsIn("党小组会 学习习近平总书记关于调查研究的重要论述")).toEqual(["group_meeting"]);
    expect(kindsIn("支部党员大会，讨论召开民主评议党员大会事宜")).toEqual(["general_assembly"]);
    expect(kindsIn("下午开了组织生活会，查摆问题5条")).toEqual(["org_life_meeting"]);
  });
  it("kindsIn deduplicates and keeps order", () => {
    expect(kindsIn("党课、主题党日、党课")).toEqual(["party_lecture", "theme_day"]);
  });
});
