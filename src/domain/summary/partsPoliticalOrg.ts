// 一、political building and 二、organisation building of the year-end summary.
// Sentences state what the records show (召开/开展/组织 + the count); no 严格/切实/深刻-style appraisal.
import { type FigureBook, TO_FILL, bareTitle, quoted, speakerName, summed, type Point } from "./wording.js";

/** 一、政治建设: study and 第一议题, 专题宣讲, 意识形态专题会议, 宣传报道. */
export function politicalPoints(book: FigureBook): Point[] {
  const { input } = book;
  const points: Point[] = [];

  // 集中学习 across kinds: every record with study content (三会一课, 主题党日, 理论学习…), counted once.
  const collective = input.collectiveStudy ?? { events: book.events("study"), personTimes: book.personTimes("study") };
  const firstTopic = Math.min(input.firstTopicStudies ?? 0, collective.events);
  const studyPoint: Point = {
    lead: firstTopic > 0 ? "落实“第一议题”制度，抓好集中学习" : "抓好集中学习",
    topic: "理论学习及“第一议题”学习",
    sentences: [],
  };
  if (collective.events > 0) {
    const reach = collective.personTimes > 0 ? `，覆盖${collective.personTimes}人次` : "";
    const s = book.state(input.collectiveStudy ? "collective_study" : "study", `依托“三会一课”、主题党日等组织集中学习${collective.events}次${reach}`, collective.events, collective.personTimes);
    const first = firstTopic > 0 ? `，其中${book.state("first_topic", `“第一议题”学习${firstTopic}次`, firstTopic)}` : "";
    studyPoint.sentences.push(`全年${s}${first}。`);
  }
  points.push(studyPoint);

  const briefings = book.events("briefing");
  const briefingPoint: Point = { lead: "开展专题宣讲", topic: "专题宣讲", sentences: [] };
  if (briefings > 0) {
    const topics = quoted(input.lists.briefingTopics);
    const about = topics.count > 0 ? `围绕${topics.text}${topics.more || topics.count > 1 ? "等" : ""}主题` : "";
    const pt = book.personTimes("briefing");
    const s = book.state("briefing", `开展专题宣讲${briefings}次${book.personTimesClause("briefing", "涉及", "专题宣讲")}`, briefings, pt);
    briefingPoint.sentences.push(`${about}${s}。`);
  }
  points.push(briefingPoint);

  const ideology = book.events("ideology_meeting");
  const ideologyPoint: Point = { lead: "开展意识形态工作", topic: "意识形态工作", sentences: [] };
  if (ideology > 0) {
    const s = book.state("ideology_meeting", `召开意识形态专题会议${ideology}次`, ideology);
    ideologyPoint.sentences.push(`全年${s}，分析研判意识形态领域形势。`);
  }
  points.push(ideologyPoint);

  const publicity = book.events("publicity");
  const publicityPoint: Point = { lead: "开展宣传报道", topic: "宣传报道", sentences: [] };
  if (publicity > 0) {
    const s = book.state("publicity", `发布宣传报道${publicity}次`, publicity);
    publicityPoint.sentences.push(`全年${s}。`);
  }
  points.push(publicityPoint);
  return points;
}

/** 二、组织建设: 组织生活会 and 民主评议, 三会一课 and 主题党日, 党课, 党务公开. */
export function organisationPoints(book: FigureBook): Point[] {
  const { input } = book;
  const points: Point[] = [];

  const orgLife = book.events("org_life_meeting");
  const review = book.events("member_review");
  const lead = [orgLife > 0 ? "召开组织生活会" : "", review > 0 ? "开展民主评议党员" : ""].filter(Boolean).join("，");
  const lifePoint: Point = { lead, topic: "组织生活会及民主评议党员", sentences: [] };
  if (orgLife > 0) {
    // The recorded numbers as they are: 整改 is never capped at 查找.
    const found = summed(input.sums.orgLifeProblemsFound, orgLife, (n) => `共查找问题${n}条`, "组织生活会", "查找问题条数");
    const fixed = summed(input.sums.orgLifeProblemsFixed, orgLife, (n) => `已整改${n}条`, "组织生活会", "整改条数");
    const names = input.orgLifeNames ?? [];
    const named = names.length === orgLife && names.every((n): n is string => !!n) ? [...new Set(names.map(bareTitle))] : null;
    let statement = named && named.length === orgLife ? `召开${named.join("和")}` : `召开组织生活会${orgLife}次`;
    if (found === null && fixed === null) statement += `，查找问题及整改情况${TO_FILL}`;
    else statement += `，${found ?? `查找问题情况${TO_FILL}`}，${fixed ?? `整改情况${TO_FILL}`}`;
    const s = book.state("org_life_meeting", statement, orgLife, book.personTimes("org_life_meeting"));
    lifePoint.sentences.push(`全年${s}。`);
  }
  if (review > 0) {
    lifePoint.sentences.push(`${book.state("member_review", `开展民主评议党员${review}次`, review, book.personTimes("member_review"))}。`);
  }
  if (orgLife === 0 && review > 0) lifePoint.sentences.push(`组织生活会：${TO_FILL}。`);
  points.push(lifePoint);

  points.push(threeMeetingsPoint(book));

  const disclosures = book.events("disclosure");
  const disclosurePoint: Point = { lead: "开展党务公开", topic: "党务公开及支部标准化建设", sentences: [] };
  if (disclosures > 0) {
    const items = summed(input.sums.disclosureItems, disclosures, (n) => `完成党务公开${n}项`, "党务公开", "项数");
    const s = book.state("disclosure", items ?? `开展党务公开${disclosures}次，公开项数${TO_FILL}`, disclosures);
    disclosurePoint.sentences.push(`全年${s}。`);
  }
  points.push(disclosurePoint);
  return points;
}

function threeMeetingsPoint(book: FigureBook): Point {
  const { input } = book;
  const point: Point = { lead: "开展“三会一课”及主题党日活动", topic: "“三会一课”及主题党日", sentences: [] };
  const committee = book.events("branch_committee");
  const assembly = book.events("general_assembly");
  const groups = book.events("group_meeting");
  const themeDays = book.events("theme_day");
  const lectures = book.events("party_lecture");
  if (committee + assembly + groups + themeDays + lectures === 0) return point;

  const held: string[] = [];
  const unknownMeetings: string[] = [];
  if (committee > 0) held.push(book.state("branch_committee", `召开支委会${committee}次`, committee, book.personTimes("branch_committee")));
  else unknownMeetings.push("支委会");
  if (assembly > 0) held.push(book.state("general_assembly", `召开党员大会${assembly}次`, assembly, book.personTimes("general_assembly")));
  else unknownMeetings.push("党员大会");
  if (groups > 0) held.push(book.state("group_meeting", `召开党小组会${groups}次`, groups, book.personTimes("group_meeting")));
  if (themeDays > 0) {
    const themes = quoted(input.lists.themeDayThemes, 4);
    const about = themes.count > 0 ? `（主题包括${themes.text}${themes.more ? "等" : ""}）` : "";
    held.push(`${book.state("theme_day", `开展主题党日活动${themeDays}次`, themeDays, book.personTimes("theme_day"))}${about}`);
  }

  const sentences: string[] = [];
  if (held.length > 0) sentences.push(`全年共${held.join("，")}。`);
  if (unknownMeetings.length > 0) sentences.push(`${unknownMeetings.join("、")}召开次数${TO_FILL}。`);
  if (themeDays === 0) sentences.push(`主题党日开展次数${TO_FILL}。`);

  if (lectures > 0) {
    const titles = input.lists.lectures
      .map((l) => ({ title: bareTitle(l.title), speaker: l.speaker?.trim() || null }))
      .filter((l) => l.title.length > 0);
    const shown = titles.slice(0, 5).map((l) => `“${l.title}”${l.speaker ? `（${speakerName(l.speaker)}主讲）` : ""}`);
    const pt = book.personTimes("party_lecture");
    const s = book.state("party_lecture", `党课${lectures}次${book.personTimesClause("party_lecture", "覆盖", "党课")}`, lectures, pt);
    if (shown.length === 0) sentences.push(`开展${s}。`);
    else if (titles.length === 1 && lectures === 1) sentences.push(`开展了${shown.join("、")}${s}。`);
    else sentences.push(`开展了包括${shown.join("、")}等在内的${s}。`);
  } else {
    sentences.push(`党课：${TO_FILL}。`);
  }
  point.sentences.push(...sentences);
  return point;
}
