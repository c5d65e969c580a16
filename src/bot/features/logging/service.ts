// The logging use case: from a draft to a saved record, never twice. Shared by every way in
// (one line, confirmation card, guided flow, edited message).
import { changedFields, type ActivityRecord, type MeetingFields, type RecordField } from "../../../domain/activity.js";
import { reporterTakesPart, resolvePeople, type RosterPerson } from "../../../domain/participants.js";
import { parseActivityLine } from "../../../domain/parse/index.js";
import type { ActivityKind } from "../../../domain/kinds.js";
import type { ActivityDraft, ParseResult } from "../../../domain/parse/types.js";
import { sameEventTitle } from "../../../domain/similarity.js";
import { dayBounds, instantOf, localClockOf, localDateOf, partOfDayOf } from "../../../domain/calendar/index.js";
import type { NewActivity } from "../../../domain/recordInput.js";
import type { KindTally } from "../../../domain/tally/types.js";
import type { Store } from "../../../db/store.js";

export interface Reporter {
  branchId: number;
  memberId: number;
  timeZone: string;
  /** The reporter's name (姓名), for 与李明谈话 ("我" is the reporter). */
  name: string | null;
}

export interface SourceMessage {
  chatId: number;
  messageId: number;
  text: string;
}

/** Extra state a guided flow collects beyond the parsed draft. */
export interface DraftExtras {
  /** Members who took part: read from the report against the roster, or ticked. */
  attendeeIds: number[];
  notes: string | null;
  photos: string[];
  personal: boolean;
  /** 会议记录 fields added in the flow: 列席, 决议, 表决结果. */
  minutes?: MeetingFields;
}

export const noExtras = (): DraftExtras => ({ attendeeIds: [], notes: null, photos: [], personal: false });

export function toNewActivity(draft: ActivityDraft, extras: DraftExtras, reporter: Reporter, source?: SourceMessage): NewActivity {
  if (!draft.date || draft.kinds.length === 0) throw new Error("draft is missing its date or kind");
  return {
    branchId: reporter.branchId,
    reporterId: reporter.memberId,
    personal: extras.personal,
    ...(extras.minutes ?? {}),
    kinds: draft.kinds,
    occurredAt: instantOf(draft.date, draft.time, draft.partOfDay, reporter.timeZone),
    hasTime: draft.time !== null,
    title: draft.title,
    location: draft.location,
    host: draft.host,
    recorder: draft.recorder,
    speaker: draft.speaker,
    expectedCount: draft.expectedCount,
    presentCount: draft.presentCount,
    durationHours: draft.durationHours,
    notes: extras.notes,
    details: draft.details,
    absentees: draft.absentees,
    attendeeIds: attendeesOf(draft, extras, reporter),
    ...(source ? { source } : {}),
  };
}

/**
 * Who took part: those read or ticked; else, for personal study and kinds with attendance where nothing
 * at all is known about who came, the reporter.
 */
export function attendeesOf(draft: ActivityDraft, extras: DraftExtras, reporter: Reporter): number[] {
  if (extras.attendeeIds.length) return extras.attendeeIds;
  if (extras.personal) return [reporter.memberId];
  return reporterTakesPart(draft) ? [reporter.memberId] : [];
}

/** The branch's active, named members as the parser's roster. */
export async function rosterOf(store: Store, branchId: number): Promise<RosterPerson[]> {
  return rosterFrom(await store.branches.members(branchId));
}

function rosterFrom(members: Awaited<ReturnType<Store["branches"]["members"]>>): RosterPerson[] {
  return members
    .filter((m) => m.status === "active" && m.name)
    .map((m) => ({ memberId: m.memberId, name: m.name ?? "", role: m.role, committeeTitle: m.committeeTitle }));
}

export interface ReadReport {
  result: ParseResult;
  draft: ActivityDraft;
  extras: DraftExtras;
  /** The branch's members' display names (for the cards), from the same read as the roster. */
  names: Map<number, string>;
}

/** One report's text → a draft whose people are the branch's members, and who took part. */
export async function readReport(store: Store, text: string, reporter: Reporter, now: Date, photos: string[] = []): Promise<ReadReport> {
  const result = parseActivityLine(text, { now, timeZone: reporter.timeZone });
  const members = await store.branches.members(reporter.branchId);
  const roster = rosterFrom(members);
  const names = new Map(members.map((m) => [m.memberId, m.name ?? m.username ?? "?"]));
  const people = resolvePeople(result.draft, roster, { memberId: reporter.memberId, name: reporter.name });
  const draft: ActivityDraft = {
    ...result.draft,
    host: people.host, speaker: people.speaker, recorder: people.recorder,
    expectedCount: people.expectedCount, presentCount: people.presentCount,
    absentees: people.absentees, details: people.details,
  };
  return { result, draft, extras: { ...noExtras(), attendeeIds: people.attendeeIds, photos }, names };
}

/** An existing record of the branch that is probably the same event (same day, a shared kind, similar title). */
export async function findSameEvent(store: Store, draft: ActivityDraft, reporter: Reporter, exceptId?: number): Promise<ActivityRecord | null> {
  // 谈心谈话 are one record per pair: two talks on one day are two events.
  const kinds = draft.kinds.filter((k) => k !== "talk");
  if (!draft.date || !kinds.length) return null;
  const { start, end } = dayBounds(draft.date, reporter.timeZone);
  const candidates = await store.activities.sameDay(reporter.branchId, kinds, start, end);
  return candidates.find((c) => c.id !== exceptId && sameEventTitle(c.title, draft.title)) ?? null;
}

export interface SavedOutcome {
  record: ActivityRecord;
  duplicate: boolean;
  tallies: KindTally[];
}

/** The reporter's branch time zone and who acts, for the repository's writes. */
const by = (reporter: Reporter) => ({ actorId: reporter.memberId, timeZone: reporter.timeZone });

export async function saveDraft(store: Store, draft: ActivityDraft, extras: DraftExtras, reporter: Reporter, source?: SourceMessage): Promise<SavedOutcome> {
  // Photos are saved with the record, in one transaction; the year tally comes back from the same write.
  const { record, duplicate, tallies } = await store.activities.create({ ...toNewActivity(draft, extras, reporter, source), photos: extras.photos }, { timeZone: reporter.timeZone });
  return { record, duplicate, tallies };
}

/** What saving a report at once came to: saved, a probable same event (nothing saved), or its message saved before. */
export type SaveOutcome =
  | { saved: SavedOutcome }
  | { sameEvent: ActivityRecord }
  | { already: ActivityRecord & { deleted: boolean }; tallies: KindTally[] };

/**
 * Saves a report unless the branch has probably recorded the same event already (asked about instead) or its
 * message was saved before. The common case, a new event, is one transaction and nothing else.
 */
export async function saveUnlessSameEvent(store: Store, draft: ActivityDraft, extras: DraftExtras, reporter: Reporter, source?: SourceMessage): Promise<SaveOutcome> {
  const input = { ...toNewActivity(draft, extras, reporter, source), photos: extras.photos };
  // 谈心谈话 are one record per pair: two talks on one day are two events.
  const kinds = draft.kinds.filter((k) => k !== "talk");
  const day = draft.date && dayBounds(draft.date, reporter.timeZone);
  const unlessSameEvent = day && { kinds, start: day.start, end: day.end, isSame: (title: string | null) => sameEventTitle(title, draft.title) };
  const out = unlessSameEvent ? await store.activities.create(input, { timeZone: reporter.timeZone, unlessSameEvent }) : await store.activities.create(input, { timeZone: reporter.timeZone });
  if ("sameEvent" in out) return { sameEvent: out.sameEvent };
  if (out.duplicate) return { already: { ...out.record, deleted: out.deleted }, tallies: out.tallies };
  return { saved: { record: out.record, duplicate: false, tallies: out.tallies } };
}

/** Merges a new report into an existing record of the same event: attendees joined, missing fields filled, counts raised. */
export async function mergeInto(store: Store, seen: ActivityRecord, draft: ActivityDraft, extras: DraftExtras, reporter: Reporter): Promise<SavedOutcome> {
  // Merge into the record as it is now, not as it was when the question was asked (another merge may have come first).
  const existing = (await store.activities.get(seen.id)) ?? seen;
  const newAttendees = attendeesOf(draft, extras, reporter);
  const kinds = [...new Set<ActivityKind>([...existing.kinds, ...draft.kinds])];
  const max = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
  const record = await store.activities.update(
    existing.id,
    {
      kinds,
      attendeeIds: [...new Set([...existing.attendeeIds, ...newAttendees])],
      presentCount: max(existing.presentCount, draft.presentCount),
      expectedCount: max(existing.expectedCount, draft.expectedCount),
      title: existing.title ?? draft.title,
      location: existing.location ?? draft.location,
      host: existing.host ?? draft.host,
      recorder: existing.recorder ?? draft.recorder,
      speaker: existing.speaker ?? draft.speaker,
      durationHours: existing.durationHours ?? draft.durationHours,
      details: { ...draft.details, ...existing.details },
      absentees: existing.absentees.length ? existing.absentees : draft.absentees,
    },
    by(reporter),
    "merge",
  );
  for (const photo of extras.photos) await store.activities.addPhoto(existing.id, photo);
  return { record: record ?? existing, duplicate: false, tallies: await yearTallies(store, reporter, (record ?? existing).occurredAt, kinds) };
}

/**
 * Replaces an existing record's fields with the draft's (edits from /mine, the card or the flow). Every
 * field this changes is marked as set by hand, so an edit of the source message later keeps it.
 */
export async function updateFromDraft(store: Store, id: number, draft: ActivityDraft, extras: DraftExtras, reporter: Reporter): Promise<(SavedOutcome & { changed: RecordField[] }) | null> {
  const before = await store.activities.get(id);
  if (!before) return null;
  const { branchId: _branch, reporterId: _reporter, source: _source, ...patch } = toNewActivity(draft, extras, reporter);
  const changed = changedFields(before, { ...before, ...patch });
  const record = await store.activities.update(id, { ...patch, editedFields: [...before.editedFields, ...changed] }, by(reporter));
  if (!record) return null;
  for (const photo of extras.photos) await store.activities.addPhoto(record.id, photo);
  return { record, duplicate: false, changed, tallies: await yearTallies(store, reporter, record.occurredAt, record.kinds) };
}

/** 次 and 人次 of these kinds in the calendar year of `at` (the record's own year, not today's): the year counters. */
export async function yearTallies(store: Store, reporter: Reporter, at: string, kinds: ActivityKind[]): Promise<KindTally[]> {
  return store.activities.yearTally(reporter.branchId, reporter.timeZone, at, kinds);
}

/**
 * An edited report message is read again: every field follows the new text, except those a member or
 * secretary set by hand (editedFields), which are kept. Says which fields the edit changed.
 */
export async function applyEditedText(store: Store, record: ActivityRecord, read: ReadReport, reporter: Reporter): Promise<(SavedOutcome & { changed: RecordField[] }) | null> {
  const { draft, extras } = read;
  if (!draft.date || draft.kinds.length === 0) return null;
  const hand = new Set(record.editedFields);
  const pick = <T>(field: RecordField, fromText: T, kept: T): T => (hand.has(field) ? kept : fromText);
  const fresh = toNewActivity(draft, { ...extras, notes: record.notes, personal: record.personal }, { ...reporter, memberId: record.reporterId });
  const next = {
    kinds: pick("kinds", fresh.kinds, record.kinds),
    occurredAt: pick("date", fresh.occurredAt, record.occurredAt),
    hasTime: pick("date", fresh.hasTime, record.hasTime),
    title: pick("title", fresh.title, record.title),
    location: pick("location", fresh.location, record.location),
    host: pick("host", fresh.host, record.host),
    recorder: pick("recorder", fresh.recorder, record.recorder),
    speaker: pick("speaker", fresh.speaker, record.speaker),
    expectedCount: pick("expectedCount", fresh.expectedCount, record.expectedCount),
    presentCount: pick("presentCount", fresh.presentCount, record.presentCount),
    durationHours: pick("durationHours", fresh.durationHours, record.durationHours),
    details: pick("details", fresh.details, record.details),
    absentees: pick("absentees", fresh.absentees, record.absentees),
    attendeeIds: pick("attendees", fresh.attendeeIds, record.attendeeIds),
  };
  const changed = changedFields(record, { ...record, ...next });
  if (changed.length === 0) return { record, duplicate: false, changed, tallies: await yearTallies(store, reporter, record.occurredAt, record.kinds) };
  const updated = await store.activities.update(record.id, next, by(reporter));
  return updated && { record: updated, duplicate: false, changed, tallies: await yearTallies(store, reporter, updated.occurredAt, updated.kinds) };
}

/** A saved record as a draft again, for the edit flow. */
export function draftOfRecord(r: ActivityRecord, timeZone: string): { draft: ActivityDraft; extras: DraftExtras } {
  const date = localDateOf(r.occurredAt, timeZone);
  const clock = localClockOf(r.occurredAt, timeZone);
  return {
    draft: {
      date,
      time: r.hasTime ? clock : null,
      partOfDay: r.hasTime ? null : partOfDayOf(clock.hour),
      kinds: r.kinds,
      title: r.title, location: r.location, host: r.host, recorder: r.recorder, speaker: r.speaker,
      expectedCount: r.expectedCount, presentCount: r.presentCount, durationHours: r.durationHours,
      absentees: r.absentees, everyone: false, participants: [], details: r.details, approximate: false, missing: [],
    },
    extras: {
      attendeeIds: r.attendeeIds, notes: r.notes, photos: [], personal: r.personal,
      minutes: { observers: r.observers ?? null, resolutions: r.resolutions ?? null, vote: r.vote ?? null },
    },
  };
}
