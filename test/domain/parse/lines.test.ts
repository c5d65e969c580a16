import { check, type Case } from "./support.js";

// Lines as branch secretaries write them: mixed order, ，。；, spaces or none, full-width digits.
const ATTENDANCE: Case[] = [
  ["昨天 支委会 实到13人", { presentCount: 13, expectedCount: null }],
  ["昨天 支委会 应到15人", { expectedCount: 15, presentCount: null }],
  ["昨天 支委会 应到15人实到13人", { expectedCount: 15, presentCount: 13 }],
  ["昨天支委会，应到7人，实到6人。", { expectedCount: 7, presentCount: 6, title: null }],
  ["昨天 主题党日 12人参加", { presentCount: 12 }],
  ["昨天 主题党日 参加人数12", { presentCount: 12 }],
  ["昨天 主题党日 参加人数：12人", { presentCount: 12 }],
  ["昨天 党员大会 共12名党员参加", { presentCount: 12 }],
  ["3.8 志愿服务 8人", { presentCount: 8 }],
  ["昨天 主题党日 十二人参加", { presentCount: 12 }],
  ["昨天 主题党日 １２人参加", { presentCount: 12 }],
  ["二〇二三年五月十二日 民主评议党员 应到十五人实到十三人", { expectedCount: 15, presentCount: 13 }],
  ["昨天上午 党员大会 应到会党员15名 实到13名", { expectedCount: 15, presentCount: 13 }],
  ["昨天 支委会 参会人员5人", { presentCount: 5 }],
  ["昨天 支委会 出席5人", { presentCount: 5 }],
  ["7月1日 主题党日 重温入党誓词 党员20余名参加", { presentCount: 20, approximate: true, title: "重温入党誓词" }],
  ["10号 我为群众办实事 志愿者20余人 半天", { presentCount: 20, approximate: true, durationHours: 4 }],
  ["昨天 主题党日 十几人参加", { presentCount: 10, approximate: true }],
  ["昨天 微党课 约20人", { presentCount: 20, approximate: true }],
  ["昨天 党小组会 近10人参加", { presentCount: 10, approximate: true }],
  ["昨天 党小组会 8人左右", { presentCount: 8, approximate: true }],
  ["5月12日 党课 覆盖13人次", { details: { personTimes: 13 }, presentCount: null, approximate: false }],
  ["昨天 宣讲 覆盖60余人次", { details: { personTimes: 60 }, approximate: true }],
  ["上周四 专题宣讲 涉及27人次", { details: { personTimes: 27 } }],
  ["昨天 理论学习 开展学习20余次", { approximate: true, presentCount: null }],
  ["今天 党小组会 8人", { presentCount: 8, date: "2023-07-05" }],
  ["8人 支委会 今天", { presentCount: 8, date: "2023-07-05" }],
  ["昨天 党员大会 应到15人 实到14人 缺席1人（张三出差）", { expectedCount: 15, presentCount: 14, absentees: [{ name: "张三", reason: "出差" }] }],
];

const DURATION: Case[] = [
  ["昨天 党课 2小时", { durationHours: 2 }],
  ["昨天 党课 1.5学时", { durationHours: 1.5 }],
  ["昨天 党课 时长1.5小时", { durationHours: 1.5 }],
  ["昨天 志愿服务 半天", { durationHours: 4 }],
  ["昨天 志愿服务 一天", { durationHours: 8 }],
  ["昨天 党小组会 45分钟", { durationHours: 0.75 }],
  ["昨天 志愿服务 两个半小时", { durationHours: 2.5 }],
  ["昨天 党课 3课时", { durationHours: 3 }],
  ["昨天 集中学习 半小时", { durationHours: 0.5 }],
];

const DETAILS: Case[] = [
  ["前天 组织生活会 查找问题23条 整改23条", { details: { problemsFound: 23, problemsFixed: 23 } }],
  ["前天 专题组织生活会 查摆问题5个 已整改2条", { details: { problemsFound: 5, problemsFixed: 2 } }],
  ["昨天 警示教育 整改问题2项", { details: { problemsFixed: 2 } }],
  ["6月20日 调研 发现问题3项 成果转化2项", { details: { problemsFound: 3, resultsApplied: 2 } }],
  ["2023.6.20 调研 开展《XXXXXX》专项调查研究 组织调研会议 发现问题3项 推动成果转换运用2项", { title: "XXXXXX", details: { problemsFound: 3, resultsApplied: 2 } }],
  ["昨天 党务公开 完成党务公开50余项", { details: { itemsPublished: 50 }, approximate: true, title: null }],
  ["昨天 党务公开 公开党务信息5条", { details: { itemsPublished: 5 } }],
  ["昨天 廉政教育 心得4篇", { details: { reflections: 4 } }],
  ["昨天 廉政教育 收集心得体会4篇", { details: { reflections: 4 } }],
  ["昨天 理论学习 撰写心得体会十二篇", { details: { reflections: 12 } }],
  ["昨天 警示教育 观看《永远在路上》", { details: { films: ["永远在路上"] }, title: "观看《永远在路上》" }],
  ["昨天组织观看警示教育片《永远在路上》，收集心得体会4篇", { kinds: ["integrity_education"], details: { films: ["永远在路上"], reflections: 4 } }],
  ["昨天 警示教育 观看《坚如磐石》《XXXX》等警示教育片 教育人员13人次 收到心得4篇", { details: { films: ["坚如磐石", "XXXX"], personTimes: 13, reflections: 4 } }],
  ["前天 廉政教育 观看《永远在路上》、《坚如磐石》 收集心得体会4篇 13人次", { details: { films: ["永远在路上", "坚如磐石"], reflections: 4, personTimes: 13 } }],
  ["昨天 警示教育 观电影《坚如磐石》 主题“筑牢初心”", { details: { films: ["坚如磐石"] }, title: "筑牢初心" }],
  ["2023-06-30 谈心谈话 书记与王某某谈话", { details: { talkPairs: ["书记–王某某"] } }],
  ["昨晚 谈心谈话 书记分别与张三、李四谈心谈话", { details: { talkPairs: ["书记–张三", "书记–李四"] }, title: "书记分别与张三、李四谈心谈话" }],
  ["今天 谈心谈话 书记与委员、委员与党员谈心谈话 20余人次", { details: { talkPairs: ["书记–委员", "委员–党员"], personTimes: 20 }, approximate: true }],
  ["昨天 书记与支委委员开展谈心谈话", { kinds: ["talk"], details: { talkPairs: ["书记–支委委员"] } }],
];

const PEOPLE: Case[] = [
  ["5月12日 党课 主讲人李书记", { speaker: "李书记" }],
  ["5月12日 党课 李书记主讲", { speaker: "李书记", title: null }],
  ["5月12日 党课 主讲：王某", { speaker: "王某" }],
  ["昨天 党课 主讲人 李书记", { speaker: "李书记" }],
  ["昨天 党课 由李书记讲授《中国式现代化》 1.5学时", { speaker: "李书记", title: "中国式现代化", durationHours: 1.5 }],
  ["本月3日 主题党日暨党课 书记讲党课《牢记初心使命》 覆盖20余人次", { speaker: "书记", title: "牢记初心使命", details: { personTimes: 20 } }],
  ["昨天 微党课 李书记为全体党员讲党课", { speaker: "李书记", title: null }],
  ["昨天 支委会 主持人张三", { host: "张三" }],
  ["昨天 支委会 张三主持", { host: "张三" }],
  ["昨天 支委会 主持人：张三，记录人：李四", { host: "张三", recorder: "李四" }],
  ["昨天 支委会 记录：王五", { recorder: "王五" }],
  ["昨天 支委会 王某记录", { recorder: "王某" }],
  ["2023年6月5日，支委会，由支部书记张三主持，王五记录", { host: "张三", recorder: "王五", title: null }],
  ["支委会 7.3 地点：党员活动室 主持：张三 记录：李四 议题：研究党费收缴 实到5人", { date: "2023-07-03", location: "党员活动室", host: "张三", recorder: "李四", title: "研究党费收缴", presentCount: 5 }],
  ["昨天 党员大会 李四请假", { absentees: [{ name: "李四", reason: "请假" }] }],
  ["昨天 党员大会 王五因病缺席", { absentees: [{ name: "王五", reason: "因病" }] }],
  ["昨天 党员大会 缺席：赵六（出差）", { absentees: [{ name: "赵六", reason: "出差" }] }],
  ["缺席：赵六（出差）、钱七（病假） 2023.6.15 支部大会 选举支委委员", { absentees: [{ name: "赵六", reason: "出差" }, { name: "钱七", reason: "病假" }], title: "选举支委委员" }],
  ["昨天 党员大会 李四、王五请假", { absentees: [{ name: "李四", reason: "请假" }, { name: "王五", reason: "请假" }] }],
  ["昨天上午 党员大会 李四因病请假 张三出差", { absentees: [{ name: "李四", reason: "因病请假" }, { name: "张三", reason: "出差" }] }],
  ["昨天 组织生活会 王五因公出差", { absentees: [{ name: "王五", reason: "因公出差" }] }],
  ["昨天 党员大会 欧阳娜娜缺席", { absentees: [{ name: "欧阳娜娜", reason: null }] }],
  ["今天 民主评议党员 应到15人实到15人 无人缺席", { absentees: [], title: null }],
  ["昨天 党员大会 请假：张三", { absentees: [{ name: "张三", reason: "请假" }] }],
];

const PLACES_AND_TITLES: Case[] = [
  ["昨天在三楼会议室召开支委会", { location: "三楼会议室", title: null }],
  ["今日上午9:30在三楼会议室召开支委会，主持人：张三，记录人：李四，应到7人，实到6人，王五因病缺席", {
    date: "2023-07-05", time: { hour: 9, minute: 30 }, location: "三楼会议室", host: "张三", recorder: "李四",
    expectedCount: 7, presentCount: 6, absentees: [{ name: "王五", reason: "因病" }], title: null,
  }],
  ["2023年6月28日上午，在支部会议室召开支委会，会议由支部书记张三主持，组织委员李四记录，应到5人，实到5人，研究讨论发展对象人选。", {
    date: "2023-06-28", partOfDay: "morning", location: "支部会议室", host: "张三", recorder: "李四",
    expectedCount: 5, presentCount: 5, title: "研究讨论发展对象人选",
  }],
  ["6月29日下午，支部组织开展主题党日活动，全体党员赴红岩村革命纪念馆参观学习，重温入党誓词，共12名党员参加。", {
    kinds: ["theme_day"], location: "红岩村革命纪念馆", presentCount: 12, title: "参观学习，重温入党誓词",
  }],
  ["6.28 主题党日 参观红岩革命纪念馆 15人 半天", { location: "红岩革命纪念馆", title: "参观红岩革命纪念馆", durationHours: 4 }],
  ["前天下午，支部组织全体党员到革命纪念馆开展主题党日活动。", { location: "革命纪念馆", title: null }],
  ["上月15号 宣讲 送理论进社区 到XX社区 覆盖60余人次", { location: "XX社区", title: "送理论进社区" }],
  ["昨天线上召开支委会 腾讯会议 实到7人", { location: "线上", title: null }],
  ["6.15 我为群众办实事 组织党员干部赴XXX养老服务站开展“防诈宣传进社区 安全防范入人心”反诈宣传活动 15人", {
    kinds: ["volunteer"], location: "XXX养老服务站", title: "防诈宣传进社区 安全防范入人心", presentCount: 15,
  }],
  ["昨天 主题党日 「永远跟党走」 10人", { title: "永远跟党走" }],
  ["昨天 主题党日 \"学党史 悟思想\" 10人", { title: "学党史 悟思想" }],
  ["昨天 支委会 落实“第一议题”制度 学习总书记重要讲话", { kinds: ["branch_committee", "study"] }],
  ["上周五 理论学习 学习《习近平谈治国理政》第四卷 10人 2学时", { title: "习近平谈治国理政", presentCount: 10, durationHours: 2 }],
  ["今天支委会，研究2023年下半年工作，实到5人", { title: "研究2023年下半年工作", presentCount: 5 }],
  ["2023/6/1 意识形态专题会 研判意识形态形势", { title: "研判意识形态形势" }],
  ["昨天 党风廉政建设会议 学习传达上级文件精神", { title: "学习传达上级文件精神" }],
  ["7月3日 党风廉政专题会议 传达学习上级纪委会议精神 9人参加", { title: "传达学习上级纪委会议精神", presentCount: 9 }],
  ["今天 意识形态专题会议 分析研判意识形态领域形势 实到5人 时长1小时", { title: "分析研判意识形态领域形势", durationHours: 1 }],
  ["前天 专题组织生活会 学习贯彻习近平新时代中国特色社会主义思想主题教育", { title: "学习贯彻习近平新时代中国特色社会主义思想主题教育" }],
  ["昨天在党员活动室开展集中学习，学习党章第三章，应到12人，实到10人，李四、王五请假", {
    kinds: ["study"], location: "党员活动室", title: "学习党章第三章", expectedCount: 12, presentCount: 10,
    absentees: [{ name: "李四", reason: "请假" }, { name: "王五", reason: "请假" }],
  }],
  ["昨天 宣传报道 在集团公众号发布宣传稿1篇", { kinds: ["publicity"], title: "在集团公众号发布宣传稿" }],
  ["昨天召开支部委员会；研究部署年度党建工作；讨论发展党员", { title: "研究部署年度党建工作，讨论发展党员" }],
  ["今天😀支委会🎉 8人", { kinds: ["branch_committee"], presentCount: 8 }],
];

describe("attendance counts", () => {
  it.each(ATTENDANCE)("%s", (...c) => check(c));
});
describe("duration", () => {
  it.each(DURATION)("%s", (...c) => check(c));
});
describe("kind-specific figures", () => {
  it.each(DETAILS)("%s", (...c) => check(c));
});
describe("people", () => {
  it.each(PEOPLE)("%s", (...c) => check(c));
});
describe("places and titles", () => {
  it.each(PLACES_AND_TITLES)("%s", (...c) => check(c));
});
