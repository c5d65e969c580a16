import { check, type Case } from "./support.js";

// now = Wednesday 2023-07-05 10:00 Asia/Shanghai
const RELATIVE: Case[] = [
  ["今天 支委会", { date: "2023-07-05", kinds: ["branch_committee"] }],
  ["今日召开支委会", { date: "2023-07-05", kinds: ["branch_committee"], title: null }],
  ["昨天 党小组会", { date: "2023-07-04", kinds: ["group_meeting"] }],
  ["昨日召开支委会，研究发展党员工作", { date: "2023-07-04", title: "研究发展党员工作" }],
  ["前天 主题党日", { date: "2023-07-03", kinds: ["theme_day"] }],
  ["大前天 党课", { date: "2023-07-02", kinds: ["party_lecture"] }],
  ["上周五 支委会", { date: "2023-06-30" }],
  ["上周五下午 支委会", { date: "2023-06-30", partOfDay: "afternoon", time: null }],
  ["本周一 支委会", { date: "2023-07-03" }],
  ["这周三 党小组会", { date: "2023-07-05" }],
  ["周三 党课", { date: "2023-07-05" }],
  ["周四 党课", { date: "2023-06-29" }],
  ["星期一 支委会", { date: "2023-07-03" }],
  ["上周日 志愿服务", { date: "2023-07-02", kinds: ["volunteer"] }],
  ["上星期二 支委会", { date: "2023-06-27" }],
  ["上上周四 党小组会", { date: "2023-06-22" }],
  ["礼拜天 志愿服务", { date: "2023-07-02" }],
  ["本月3日 主题党日", { date: "2023-07-03" }],
  ["本月1日党务公开", { date: "2023-07-01", kinds: ["disclosure"] }],
  ["3号 支委会", { date: "2023-07-03" }],
  ["10号 支委会", { date: "2023-06-10" }],
  ["上月15号 宣讲", { date: "2023-06-15", kinds: ["briefing"] }],
  ["十五日 党课", { date: "2023-06-15" }],
  ["今早 主题党日", { date: "2023-07-05", partOfDay: "morning" }],
  ["昨晚 理论学习", { date: "2023-07-04", partOfDay: "evening", kinds: ["study"] }],
];

const ABSOLUTE: Case[] = [
  ["3月5日 支委会", { date: "2023-03-05" }],
  ["3月5号 支委会", { date: "2023-03-05" }],
  ["三月五日 支委会", { date: "2023-03-05" }],
  ["十二月二十三日 党员大会", { date: "2022-12-23", kinds: ["general_assembly"] }],
  ["12月25日 支部大会", { date: "2022-12-25" }],
  ["7月6日 支委会", { date: "2022-07-06" }],
  ["2月29日 支委会", { date: "2020-02-29" }],
  ["2023年5月12日 党课", { date: "2023-05-12" }],
  ["2022年12月30日 组织生活会", { date: "2022-12-30", kinds: ["org_life_meeting"] }],
  ["二〇二三年五月十二日 民主评议党员", { date: "2023-05-12", kinds: ["member_review"] }],
  ["23年6月1日 支委会", { date: "2023-06-01" }],
  ["2023-05-12 支委会", { date: "2023-05-12" }],
  ["2023/5/12 支委会", { date: "2023-05-12" }],
  ["2023.5.12 支委会", { date: "2023-05-12" }],
  ["5.12 支委会", { date: "2023-05-12" }],
  ["5/20 党小组会", { date: "2023-05-20" }],
  ["12.25 支部大会", { date: "2022-12-25" }],
  ["今年3月5日 党课", { date: "2023-03-05" }],
  ["去年12月1日 党课", { date: "2022-12-01" }],
  ["２０２３年６月１２日　支委会　实到６人", { date: "2023-06-12", presentCount: 6 }],
  ["６．２８ 主题党日", { date: "2023-06-28" }],
  ["于6月20日召开支委会", { date: "2023-06-20", title: null }],
  ["支委会于2023年6月5日召开", { date: "2023-06-05" }],
  ["2023年3月15日至16日 支委会", { date: "2023-03-15" }],
];

const TIMES: Case[] = [
  ["今天上午 支委会", { date: "2023-07-05", partOfDay: "morning", time: null }],
  ["昨天下午3点 支委会", { time: { hour: 15, minute: 0 }, partOfDay: "afternoon" }],
  ["昨天下午三点半 党课", { time: { hour: 15, minute: 30 }, partOfDay: "afternoon" }],
  ["今天14:30 支委会", { time: { hour: 14, minute: 30 }, partOfDay: "afternoon" }],
  ["今天上午9:00 党小组会", { time: { hour: 9, minute: 0 }, partOfDay: "morning" }],
  ["昨晚7点 理论学习", { time: { hour: 19, minute: 0 }, partOfDay: "evening" }],
  ["今天晚上七点半 中心组学习", { time: { hour: 19, minute: 30 }, partOfDay: "evening" }],
  ["2023年5月12号下午2:30 支委会", { date: "2023-05-12", time: { hour: 14, minute: 30 } }],
  ["昨天 9点30分 支委会", { time: { hour: 9, minute: 30 }, partOfDay: "morning" }],
  ["6月30日上午 党员大会", { date: "2023-06-30", partOfDay: "morning", time: null }],
  ["昨天中午12点半 党小组会", { time: { hour: 12, minute: 30 }, partOfDay: "afternoon" }],
  ["前天晚上 谈心谈话 书记与张三谈心", { date: "2023-07-03", partOfDay: "evening" }],
];

// Numbers that look like dates but are not.
const NOT_DATES: Case[] = [
  ["5.12 支委会 学习《关于2023年党建工作要点的通知》 实到6人", { date: "2023-05-12", title: "关于2023年党建工作要点的通知", presentCount: 6 }],
  ["昨天 党课《2023年5月12日的回忆》 8人", { date: "2023-07-04", title: "2023年5月12日的回忆", presentCount: 8 }],
  ["今天 党小组会 学习1.5小时", { date: "2023-07-05", durationHours: 1.5 }],
  ["7.1 主题党日 2/3以上党员参加", { date: "2023-07-01" }],
  ["3号楼会议室 支委会 昨天", { date: "2023-07-04" }],
];

describe("dates relative to now in the branch time zone", () => {
  it.each(RELATIVE)("%s", (...c) => check(c));
});
describe("absolute dates (a year-less date is the most recent one not in the future)", () => {
  it.each(ABSOLUTE)("%s", (...c) => check(c));
});
describe("times of day", () => {
  it.each(TIMES)("%s", (...c) => check(c));
});
describe("numbers that are not dates", () => {
  it.each(NOT_DATES)("%s", (...c) => check(c));
});

describe("time-zone edge: 2023-03-31T16:30Z is already 1 April 00:30 in Shanghai", () => {
  const now = new Date("2023-03-31T16:30:00Z");
  const cases: Case[] = [
    ["今天 支委会", { date: "2023-04-01" }],
    ["昨天 支委会", { date: "2023-03-31" }],
    ["4月1日 支委会", { date: "2023-04-01" }],
    ["本月1日 支委会", { date: "2023-04-01" }],
    ["上周五 支委会", { date: "2023-03-24" }],
    ["周六 支委会", { date: "2023-04-01" }],
    ["4月2日 支委会", { date: "2022-04-02" }],
  ];
  it.each(cases)("%s", (...c) => check(c, now, "Asia/Shanghai"));
  it("in UTC the same instant is still 31 March", () => check(["今天 支委会", { date: "2023-03-31" }], now, "UTC"));
  it("a future date by Shanghai's calendar is rejected", () =>
    check(["2023年4月2日 支委会", { date: null, problems: ["future_date"] }], now, "Asia/Shanghai"));
});
