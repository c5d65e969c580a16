// 三、party building + business and 四、integrity of the year-end summary.
// Sentences state what the records show (召开/开展/组织 + the count); no 切实/深入-style appraisal.
import { type FigureBook, TO_FILL, bookTitles, quoted, summed, type Point } from "./wording.js";

/** 三、党建+业务: 志愿服务 / 我为群众办实事, 调查研究, 党建品牌 (never in the ledger: always to fill). */
export function businessPoints(book: FigureBook): Point[] {
  const { input } = book;
  const points: Point[] = [];

  const volunteer = book.events("volunteer");
  const volunteerPoint: Point = { lead: "开展“我为群众办实事”实践活动", topic: "志愿服务及“我为群众办实事”", sentences: [] };
  if (volunteer > 0) {
    const topics = quoted(input.lists.volunteerTopics ?? [], 3);
    const about = topics.count > 0 ? `，包括${topics.text}${topics.more || topics.count > 1 ? "等" : ""}活动` : "";
    const pt = book.personTimes("volunteer");
    const s = book.state("volunteer", `开展志愿服务活动${volunteer}次${book.personTimesClause("volunteer", "参与", "志愿服务")}`, volunteer, pt);
    volunteerPoint.sentences.push(`组织党员${s}${about}。`);
  }
  points.push(volunteerPoint);

  const research = book.events("research");
  const researchPoint: Point = { lead: "开展调查研究", topic: "调查研究", sentences: [] };
  if (research > 0) {
    const topics = quoted(input.lists.researchTopics, 3);
    const about = topics.count > 0 ? `围绕${topics.text}${topics.more || topics.count > 1 ? "等" : ""}开展专项调查研究，` : "";
    const found = summed(input.sums.researchProblemsFound, research, (n) => `发现问题${n}项`, "调研", "发现问题数");
    const applied = summed(input.sums.researchResultsApplied, research, (n) => `推动成果转化运用${n}项`, "调研", "成果转化数");
    let statement = `组织调研会议${research}次`;
    if (found === null && applied === null) statement += `，发现问题及成果转化情况${TO_FILL}`;
    else statement += `，${found ?? `发现问题情况${TO_FILL}`}，${applied ?? `成果转化运用情况${TO_FILL}`}`;
    researchPoint.sentences.push(`${about}${book.state("research", statement, research, book.personTimes("research"))}。`);
  }
  points.push(researchPoint);

  points.push({ lead: "", topic: "党建品牌创建及党建引领业务成效", sentences: [] });
  return points;
}

/** 四、党风廉政: 廉政/警示教育 (films, 心得), 谈心谈话 人次, 党风廉政专题会议, 理论中心组学习. */
export function integrityPoints(book: FigureBook): Point[] {
  const { input } = book;
  const points: Point[] = [];

  const education = book.events("integrity_education");
  const educationPoint: Point = { lead: "开展廉洁教育和警示教育", topic: "廉政教育及警示教育", sentences: [] };
  if (education > 0) {
    const films = bookTitles(input.lists.films);
    const watched = films.count > 0 ? `，组织观看${films.text}${films.more || films.count > 1 ? "等" : ""}警示教育片` : "";
    const reflections = summed(input.sums.reflections, education, (n) => `收集心得体会${n}篇`, "廉政教育", "心得篇数");
    const pt = book.personTimes("integrity_education");
    const statement =
      `开展廉政教育、警示教育活动${education}次${book.personTimesClause("integrity_education", "覆盖", "廉政教育")}${watched}` +
      `，${reflections ?? `心得体会收集情况${TO_FILL}`}`;
    educationPoint.sentences.push(`${book.state("integrity_education", statement, education, pt)}。`);
  }
  points.push(educationPoint);

  const talks = Math.max(book.events("talk"), input.sums.talkPersonTimes.recorded);
  const talkPoint: Point = { lead: "开展谈心谈话", topic: "谈心谈话", sentences: [] };
  if (talks > 0) {
    const times = input.sums.talkPersonTimes;
    const said = summed(times, talks, (n) => `开展谈心谈话${n}人次`, "谈心谈话", "人次");
    const s = book.state("talk", said ?? `开展谈心谈话${talks}次，谈话人次${TO_FILL}`, talks, times.total);
    talkPoint.sentences.push(`全年共${s}。`);
  }
  points.push(talkPoint);

  const meetings = book.events("integrity_meeting");
  const centralGroup = input.centralGroupStudies ?? 0;
  const lead = [meetings > 0 ? "召开党风廉政专题会议" : "", centralGroup > 0 ? "开展理论中心组学习" : ""].filter(Boolean).join("，");
  const meetingPoint: Point = { lead, topic: centralGroup > 0 ? "党风廉政专题会议及理论中心组学习" : "党风廉政专题会议", sentences: [] };
  const held: string[] = [];
  if (meetings > 0) held.push(book.state("integrity_meeting", `召开党风廉政专题会议${meetings}次`, meetings, book.personTimes("integrity_meeting")));
  if (centralGroup > 0) held.push(book.state("central_group", `开展理论中心组学习${centralGroup}次`, centralGroup));
  if (held.length > 0) {
    meetingPoint.sentences.push(`全年共${held.join("，")}。`);
    if (meetings === 0) meetingPoint.sentences.push(`党风廉政专题会议：${TO_FILL}。`);
    // A branch without a 理论中心组 gets no placeholder for it.
  }
  points.push(meetingPoint);
  return points;
}
