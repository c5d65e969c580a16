// 人次 of a record as the summary counts it: one definition for the sums, the text and the appendix rows.
import type { ActivityDetails } from "../activity.js";
import type { ActivityKind } from "../kinds.js";
import type { FigureKey } from "./types.js";

/** What the 人次 of a record is read from (an ActivityFact or a SummaryRecord). */
export interface PersonTimesSource {
  personTimes: number;
  details?: ActivityDetails | undefined;
}

/** A number a record states (a blank, negative or non-numeric entry counts as not stated). */
export function recordedNumber(n: number | undefined): number | undefined {
  return typeof n === "number" && Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * 人次 of a 谈心谈话 as recorded: the stated figure (details.personTimes), else one per recorded pair,
 * else the record's 人次; undefined when the record states none of these.
 */
export function talkPersonTimesRecorded(record: PersonTimesSource): number | undefined {
  const stated = recordedNumber(record.details?.personTimes);
  if (stated !== undefined) return stated;
  const pairs = record.details?.talkPairs?.length ?? 0;
  if (pairs > 0) return pairs;
  return record.personTimes > 0 ? record.personTimes : undefined;
}

/** 人次 of a 谈心谈话 (0 when not recorded). */
export function talkPersonTimesOf(record: PersonTimesSource): number {
  return talkPersonTimesRecorded(record) ?? 0;
}

/** 人次 a record adds to the figure `key`: talks by talkPersonTimesOf, everything else by the record's 人次. */
export function personTimesFor(record: PersonTimesSource, key: FigureKey | ActivityKind): number {
  return key === "talk" ? talkPersonTimesOf(record) : record.personTimes;
}
