// 三、party building + business and 四、integrity of the year-end summary.
import { FigureBook, TO_FILL, bookTitles, personTimesClause, quoted, type Point } from "./wording.js";

/** 三、党建+业务: 志愿服务 / 我为群众办实事, 调查研究, 党建品牌 (never in the ledger: always to fill). */
export function businessPoints(book: FigureBook): Point[] {
  const { input } = book;
  const points: Point[] = [];

  const volunteer = book.events("volunteer");
  const volunteerPoint: Point = { lead: "深入开展“我为群众办实事”实践活动", topic: "志愿服务及“我为群众办实事”", sentences: [] };
  if (volunteer > 0) {
    const topics = quoted(input.lists.volunteerTopics ?? [], 3);
    const about = topics.count > 0 ? `，包括${topics.text}${topics.more || topics.count > 1 ? "等" : ""}活动` : "";
    const pt = book.personTimes("volunteer");
    const s = book.state("volunteer", `开展志愿服务活动${volunteer}次${personTimesClause("参与", pt)}`, volunteer, pt);
    volunteerPoint.sentences.push(`组织党员${s}${about}，推动“党建+业务”融合建设。`);
  }
  points.push(volunteerPoint);

  const research = book.events("research");
  const researchPoint: Point = { lead: "扎实开展调查研究", topic: "调查研究", sentences: [] };
  if (research > 0) {
    const topics = quoted(input.lists.researchTopics, 3);
    const about = topics.count > 0 ? `围绕${topics.text}${topics.more || topics.count > 1 ? "等" : ""}开展专项调查研究，` : "";
    const { researchProblemsFound: found, researchResultsApplied: applied } = input.sums;
    let statement = `组织调研会议${research}次`;
    if (found > 0) statement += `，发现问题${found}项`;
    if (applied > 0) statement += `，推动成果转化运用${applied}项`;
    if (found === 0 && applied === 0) statement += `，发现问题及成果转化情况${TO_FILL}`;
    else if (found === 0) statement += `，发现问题情况${TO_FILL}`;
    else if (applied === 0) statement += `，成果转化运用情况${TO_FILL}`;
    researchPoint.sentences.push(`结合业务工作需求，${about}${book.state("research", statement, research, book.personTimes("research"))}。`);
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
  const reflections = input.sums.reflections;
  const educationPoint: Point = { lead: "加强廉洁文化建设和警示教育", topic: "廉政教育及警示教育", sentences: [] };
  if (education > 0) {
    const films = bookTitles(input.lists.films);
    const watched = films.count > 0 ? `，组织观看${films.text}${films.more || films.count > 1 ? "等" : ""}警示教育片` : "";
    const pt = book.personTimes("integrity_education");
    const s = book.state("integrity_education", `开展廉政教育、警示教育活动${education}次${personTimesClause("覆盖", pt)}`, education, pt);
    const notes = reflections > 0 ? `，收集心得体会${reflections}篇` : "";
    educationPoint.sentences.push(`${s}${watched}${notes}，切实将廉洁教育落到实处。`);
  } else if (reflections > 0) {
    educationPoint.lead = "加强党员教育";
    educationPoint.sentences.push(`收集心得体会${reflections}篇。廉政教育及警示教育：${TO_FILL}。`);
  }
  points.push(educationPoint);

  const talks = book.events("talk");
  const talkTimes = input.sums.talkPersonTimes;
  const talkPoint: Point = { lead: "推进党风廉政建设责任制落实", topic: "谈心谈话", sentences: [] };
  if (talks > 0 || talkTimes > 0) {
    const s =
      talkTimes > 0
        ? book.state("talk", `开展谈心谈话${talkTimes}人次`, talks, talkTimes)
        : book.state("talk", `开展谈心谈话${talks}次`, talks);
    talkPoint.sentences.push(`坚持“一岗双责”，支部书记、班子成员与党员之间全年共${s}。`);
  }
  points.push(talkPoint);

  const meetings = book.events("integrity_meeting");
  const centralGroup = Math.min(input.centralGroupStudies ?? 0, book.events("study"));
  const meetingPoint: Point = { lead: "加强党员廉洁教育", topic: "党风廉政专题会议及理论中心组学习", sentences: [] };
  const held: string[] = [];
  if (meetings > 0) held.push(book.state("integrity_meeting", `召开党风廉政专题会议${meetings}次`, meetings, book.personTimes("integrity_meeting")));
  if (centralGroup > 0) held.push(book.state("central_group", `开展理论中心组学习${centralGroup}次`, centralGroup));
  if (held.length > 0) {
    meetingPoint.sentences.push(`将党章等党内法规纳入集中学习重要内容，全年共${held.join("，")}，增强党员遵规守纪的政治自觉。`);
    if (meetings === 0) meetingPoint.sentences.push(`党风廉政专题会议：${TO_FILL}。`);
    if (centralGroup === 0) meetingPoint.sentences.push(`理论中心组学习：${TO_FILL}。`);
  }
  points.push(meetingPoint);
  return points;
}
