import { check, type Case } from "./support.js";

// Longer lines in the style of a branch's 台账 entries, and traps found while building the parser.
const MORE: Case[] = [
  ["2023年6月16日 党小组会 第一党小组 组长王芳主持 学习《党章》 6人参加 缺席1人", {
    date: "2023-06-16", kinds: ["group_meeting"], host: "王芳", title: "党章", presentCount: 6,
  }],
  ["6月21日下午，支部开展“学习二十大 建功新时代”主题党日活动，组织党员观看红色电影，参加党员14人", {
    date: "2023-06-21", partOfDay: "afternoon", kinds: ["theme_day"], title: "学习二十大 建功新时代", presentCount: 14,
  }],
  ["7月2日 志愿服务 组织党员志愿者到XX社区开展环境整治志愿服务活动 参与党员10名 历时3小时", {
    kinds: ["volunteer"], location: "XX社区", presentCount: 10, durationHours: 3,
  }],
  ["今天上午 支部书记讲专题党课 题目：以学铸魂 坚定理想信念 实到党员18人", {
    kinds: ["party_lecture"], speaker: "支部书记", title: "以学铸魂 坚定理想信念", presentCount: 18,
  }],
  ["前天 开展党纪学习教育 集中学习《中国共产党纪律处分条例》", {
    kinds: ["integrity_education", "study"], title: "中国共产党纪律处分条例",
  }],
  ["昨天 意识形态工作专题会议 书记主持 研判当前舆情 5人", {
    kinds: ["ideology_meeting"], host: "书记", title: "研判当前舆情", presentCount: 5,
  }],
  ["上周二 调研 赴XX分公司开展专项调研 发现问题2个", {
    date: "2023-06-27", kinds: ["research"], location: "XX分公司", details: { problemsFound: 2 }, title: null,
  }],
  ["2023年5月30日，党支部召开民主评议党员大会，应到会党员16人，实到15人，1人因病请假。", {
    kinds: ["member_review", "general_assembly"], expectedCount: 16, presentCount: 15, absentees: [{ name: "", reason: "因病请假" }], title: null,
  }],
  ["本周二 主题党日 \"七一\"前夕 走访慰问老党员 3人", { date: "2023-07-04", title: "\"七一\"前夕 走访慰问老党员", presentCount: 3 }],
  ["昨天 民主生活会", { kinds: ["other"] }], // held by leading groups, not a branch's 组织生活会
  ["今天 支委扩大会议 研究廉政风险点排查 7人", { kinds: ["branch_committee"], title: "研究廉政风险点排查", presentCount: 7 }],
  ["昨天 党员大会 实到：13人 应到：15人", { expectedCount: 15, presentCount: 13 }],
  ["昨日，支部召开组织生活会，开展批评与自我批评，共查找问题8条。", {
    kinds: ["org_life_meeting"], title: "开展批评与自我批评", details: { problemsFound: 8 },
  }],
  ["3/8 理论学习 2h", { date: "2023-03-08", durationHours: 2 }],
  ["昨天 支委会 讨论发展党员3名", { presentCount: null, title: "讨论发展党员3名" }],
  // An ordinal 第10次 stays whole in the topic (its last digit was once read as "0次").
  ["11月20日 集中学习 学习第10次专题 实到12人", { kinds: ["study"], title: "学习第10次专题", presentCount: 12 }],
  ["昨天开了第12次支委会，研究党费收缴，5人参加", { kinds: ["branch_committee"], title: "研究党费收缴", presentCount: 5 }],
  ["昨天 党员大会 接收预备党员2名 应到15人实到13人", { presentCount: 13, title: "接收预备党员2名" }],
  ["昨天 支委会 研究发展3名党员", { presentCount: null }],
  ["昨天 召开支委会 5名支委委员参加", { presentCount: 5, title: null }],
  ["昨天召开了2023年第二季度党员大会", { kinds: ["general_assembly"], title: "2023年第二季度" }],
  ["昨天 廉政教育 以案促改 警示教育大会", { kinds: ["integrity_education"], title: "以案促改" }],
  ["昨天 支委会 提出3点意见", { time: null, title: "提出3点意见" }],
  ["昨天3点召开支委会", { time: { hour: 15, minute: 0 }, partOfDay: "afternoon" }],
  ["昨天 凌晨3点 志愿服务", { time: { hour: 3, minute: 0 }, partOfDay: "morning" }],
  ["7月4日（周二）支委会", { date: "2023-07-04", title: null }],
  ["2023年7月1日 主题党日 庆祝建党102周年", { date: "2023-07-01", title: "庆祝建党102周年" }],
  ["昨天 主题党日 组织党员外出参观学习", { absentees: [], title: "外出参观学习" }],
  ["昨天 主题党日 组织20名党员赴XX基地参观", { presentCount: 20, location: "XX基地" }],
  ["今天 党员大会 到会13人", { presentCount: 13 }],
  ["昨天 召开党风廉政建设专题会议，传达学习《XX通报》，会议由书记主持", {
    kinds: ["integrity_meeting"], title: "XX通报", host: "书记",
  }],
  ["今天 党课 讲授人：张三", { speaker: "张三" }],
  ["昨天 支部大会 表决通过李四为预备党员", { title: "表决通过李四为预备党员", absentees: [] }],
  ["前天 党员大会 选举产生新一届支委 应到15人 实到14人", { title: "选举产生新一届支委" }],
  // A series or a group named with its kind word keeps its name (it came out as "青年，…" and "开展第，…").
  ["11月28日 第3期青年理论学习，学习二十届四中全会精神，15人参加", {
    kinds: ["study"], title: "第3期青年理论学习，学习二十届四中全会精神", presentCount: 15,
  }],
  ["今天下午开展第12期集中学习，主题是学习贯彻全会精神", { kinds: ["study"], title: "开展第12期集中学习，学习贯彻全会精神" }],
  ["11.20 青年理论学习小组学习 学习习近平文化思想 12人", { kinds: ["study"], title: "青年理论学习小组学习 学习习近平文化思想", presentCount: 12 }],
  // The issue number in brackets stays (only its last digits were read as "2期" and dropped).
  ["11月28日 集中学习（第12期）学习党章，2小时", { kinds: ["study"], title: "第12期，学习党章", durationHours: 2 }],
  ["11月26号 支部书记王强给大家上了一堂专题党课，题目是《坚定理想信念 永葆政治本色》，参加人数23人，时长1.5小时", {
    kinds: ["party_lecture"], speaker: "王强", title: "坚定理想信念 永葆政治本色", presentCount: 23, durationHours: 1.5,
  }],
  ["昨天到XX社区开展志愿服务，帮助孤寡老人打扫卫生，去了9个人，干了3个小时", {
    kinds: ["volunteer"], title: "帮助孤寡老人打扫卫生", presentCount: 9, durationHours: 3, location: "XX社区",
  }],
  ["今天 党风廉政教育 学习典型案例通报 全体党员 2小时", { kinds: ["integrity_education"], title: "学习典型案例通报", durationHours: 2 }],
  // Electing the committee is what the 党员大会 did, not a 支委会 held; 会前 only dates the talks.
  ["今天上午9点半 党员大会 选举支部委员会 应到30 实到28 缺席2人（出差）", {
    kinds: ["general_assembly"], title: "选举支部委员会", expectedCount: 30, presentCount: 28,
  }],
  ["昨天组织生活会会前，书记分别与支委委员谈心谈话共4次", { kinds: ["talk"] }],
  ["今天中午12:30-13:30 集中学习 学习《关于新时代廉洁文化建设的意见》 张三 李四 王五 赵六 参加", {
    kinds: ["study"], title: "关于新时代廉洁文化建设的意见", participants: ["张三", "李四", "王五", "赵六"],
  }],
  ["11月20日 支委会 研究转正事宜 王伟 刘芳 陈静 到会", { title: "研究转正事宜", participants: ["王伟", "刘芳", "陈静"] }],
  ["11月10日 党员志愿服务队到火车站开展春运志愿服务 参加志愿者12人", {
    kinds: ["volunteer"], title: "党员志愿服务队，开展春运志愿服务", location: "火车站", presentCount: 12,
  }],
  ["昨天晚上七点 线上 理论学习 学习二十届四中全会公报 大约1个半小时", { title: "学习二十届四中全会公报", durationHours: 1.5 }],
  ["今天下午 警示教育大会 观看《零容忍》第三集 全体党员参加 时长1小时", {
    kinds: ["integrity_education"], title: "观看《零容忍》第三集", durationHours: 1, details: { films: ["零容忍"] },
  }],
  ["11月20日 主题党日 参加党员16名，请假1名（李明，病假）", { title: null, presentCount: 16, absentees: [{ name: "李明", reason: "病假" }] }],
  ["11月20日 支委会 缺席2人（张三、李四）", { absentees: [{ name: "张三", reason: null }, { name: "李四", reason: null }] }],
  ["昨天支委会，应到5人，实到4人，王芳同志因公出差请假", { title: null, absentees: [{ name: "王芳", reason: "因公出差" }] }],
  ["昨天的支委会记一下，研究了发展对象的事，5个人都在", { title: "研究发展对象的事", presentCount: 5 }],
  ["今天的党课是刘书记讲的，讲的是党的二十届四中全会精神，大家都来了", {
    kinds: ["party_lecture"], speaker: "刘书记", title: "党的二十届四中全会精神", everyone: true,
  }],
  // 前两天 is no date to save: asked for, and not the topic either.
  ["11月30日上午，xx党支部在三楼会议室召开11月份支部委员会会议，支部书记张三主持，委员李四、王五参加，研究部署年底党建考核迎检工作", {
    kinds: ["branch_committee"], title: "研究部署年底党建考核迎检工作", host: "张三", participants: ["李四", "王五"], location: "三楼会议室",
  }],
  ["前天晚上8点 支部书记与党员刘强进行谈心谈话 时长半小时", { kinds: ["talk"], title: "支部书记与党员刘强谈心谈话", durationHours: 0.5 }],
  ["11月12日 组织党员干部观看廉政警示教育片《国家监察》 参加人员：张三、李四、王五等15人", {
    kinds: ["integrity_education"], title: "观看《国家监察》", presentCount: 15, participants: ["张三", "李四", "王五"],
  }],
  ["今天开展主题党日活动 内容包括：学习党章、交纳党费、志愿服务 16人", { title: "学习党章、交纳党费", presentCount: 16 }],
  ["11月19日 支部召开民主评议党员大会 参评党员22名", { kinds: ["member_review", "general_assembly"], title: null, presentCount: 22 }],
  ["11月17日 组织党员开展“我为群众办实事”实践活动 走访困难群众5户", {
    kinds: ["volunteer"], title: "开展“我为群众办实事”实践活动 走访困难群众5户",
  }],
  ["11月16日 组织党员集中学习 学习内容为《习近平关于党的建设的重要论述》 学习时间两个小时 参加人员 李明 王刚 张华 刘洋", {
    kinds: ["study"], title: "习近平关于党的建设的重要论述", durationHours: 2, participants: ["李明", "王刚", "张华", "刘洋"],
  }],
  // 学习强国 is where it was published, not a study session.
  ["11月10日 宣传：在学习强国发表文章1篇 在公司内网发布信息3条", { kinds: ["publicity"] }],
  ["昨天支委会 研究了入党积极分子培养 书计主持 5人", { title: "研究入党积极分子培养", host: "书记", presentCount: 5 }],
  ["今天 集中学习 学习总书记重要讲话精神 1h30min 18人", { title: "学习总书记重要讲话精神", durationHours: 1.5, presentCount: 18 }],
  ["11月21号晚7点半 党小组会（第一小组） 学习《党章》第一章 8人到会 1人请假", {
    kinds: ["group_meeting"], presentCount: 8, absentees: [{ name: "", reason: "请假" }],
  }],
  ["11-20 党员大会 应到25人 实到23人 请假2人 (出差1人 病假1人)", {
    title: null, expectedCount: 25, presentCount: 23, absentees: [{ name: "", reason: "出差" }, { name: "", reason: "病假" }],
  }],
  ["昨天下午两点 支委会 地点：支部办公室 主持：王书记 记录：小张 参会：王书记、李委员、赵委员 内容：研究发展党员计划", {
    title: "研究发展党员计划", host: "王书记", location: "支部办公室", participants: ["王书记", "李委员", "赵委员"],
  }],
  ["本周一 理论学习中心组（扩大）学习 书记领学 2小时", { kinds: ["study"], title: "学习 书记领学", durationHours: 2 }],
  ["11月25日，党支部召开2026年第4次支委会，研究确定入党积极分子2名", { kinds: ["branch_committee"], title: "研究确定入党积极分子2名" }],
  ["前两天去敬老院做志愿服务，一共8个党员", { date: null, title: null, location: "敬老院", presentCount: 8, problems: ["no_date"] }],
];

describe("more real-world lines", () => {
  it.each(MORE)("%s", (...c) => check(c));
});
