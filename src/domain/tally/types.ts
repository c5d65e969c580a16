// Shapes of what the database's grouped queries return, and of in-memory activity rows.
import type { ActivityDetails, VoteKind } from "../activity.js";
import type { ActivityKind, KindGroup } from "../kinds.js";

/** One kind over a period: 次 (distinct events carrying the kind) and 人次 (their person-times). */
export interface KindTally {
  kind: ActivityKind;
  events: number;
  personTimes: number;
}

/** Distinct events over a period: an event with several kinds counts once here. */
export interface TallyTotals {
  events: number;
  personTimes: number;
}

/** One member's participation over a period. */
export interface MemberParticipation {
  memberId: number;
  name: string;
  events: number;
  hours: number;
}

/** A member who could have taken part. */
export interface MemberRef {
  memberId: number;
  name: string;
  partyGroupId?: number | null;
}

/** An activity row reduced to what tallies, checks and the summary need. */
export interface ActivityFact {
  id: number;
  kinds: ActivityKind[];
  occurredAt: string; // ISO-8601 UTC
  personTimes: number;
  presentCount: number | null;
  expectedCount: number | null;
  durationHours: number | null;
  title: string | null;
  speaker: string | null;
  details: ActivityDetails;
  attendeeIds: number[];
  partyGroupId?: number | null;
  /** A member's own self-study rather than a branch event: counts for study hours, not as a branch event. */
  personal?: boolean;
  /** Who reported it (a 自学 record's 学时 are theirs). */
  reporterId?: number;
  /** 是否表决 (党员大会). */
  vote?: VoteKind | null;
  /** 列席 people (no vote). */
  observerCount?: number;
}

export interface GroupTallies {
  group: KindGroup;
  /** Kinds of the group in summary order (zero rows left out unless asked for). */
  kinds: KindTally[];
}

export interface OrganisedTallies {
  groups: GroupTallies[];
  totals: TallyTotals;
}

/** Distinct events of one local month by summary group (the /stats chart's bars). */
export interface MonthlyGroupCounts {
  month: number; // 1..12
  political: number;
  organisation: number;
  business: number;
  integrity: number;
  other: number;
}
