// Facts a report states besides its kinds: the year a 组织生活会 covers (“2022年度组织生活会”), and
// study sub-figures (“第一议题”, 理论中心组学习) that the summary counts. Read from the whole message,
// so they survive whatever the title keeps.
import type { ActivityDetails } from "../activity.js";
import type { ActivityKind } from "../kinds.js";
import type { Span } from "./types.js";

const COVERS_YEAR = /((?:19|20)\d{2})\s*年度/u;

export function findReportTags(view: string, kinds: readonly ActivityKind[]): { details: ActivityDetails; spans: Span[] } {
  const details: ActivityDetails = {};
  const spans: Span[] = [];
  if (kinds.includes("org_life_meeting") || kinds.includes("member_review")) {
    const m = COVERS_YEAR.exec(view);
    if (m) {
      details.coversYear = Number(m[1]);
      spans.push([m.index, m.index + m[0].length]);
    }
  }
  const tags: NonNullable<ActivityDetails["tags"]> = [];
  if (/第一议题/u.test(view)) tags.push("first_topic");
  if (/中心组/u.test(view)) tags.push("central_group");
  if (tags.length > 0) details.tags = tags;
  return { details, spans };
}
