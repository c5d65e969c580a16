// The logging use case: from a draft to a saved record, never twice. Shared by every way in
// (one line, confirmation card, guided flow, edited message).
import type { ActivityRecord } from "../../../domain/activity.js";
import type { ActivityKind } from "../../../domain/kinds.js";
import type { ActivityDraft } from "../../../domain/parse/types.js";
import { sameEventTitle } from "../../../domain/similarity.js";
import { dayBounds, instantOf, localClockOf, localDateOf, localYearBounds, partOfDayOf } from "../../../domain/calendar/index.js";
import type { NewActivity } from "../../../db/repos/activities.js";
import type { KindCount } from "../../../db/repos/tallies.js";
import type { Store } from "../../../db/store.js";

export interface Reporter {
  branchId: number;
  memberId: number;
  timeZone: string;
}

export interface SourceMessage {
  chatId: number;
  messageId: number;
  text: string;
}

/** Extra state a guided flow collects beyond the parsed draft. */
export interface DraftExtras {
  attendeeIds: number[];
  notes: string | null;
  photos: string[];
  personal: boolean;
}

export const noExtras = (): DraftExtras => ({ attendeeIds: [], notes: null, photos: [], personal: false });

export function toNewActivity(draft: ActivityDraft, extras: DraftExtras, reporter: Reporter, source?: SourceMessage): NewActivity {
  if (!draft.date || draft.kinds.length === 0) throw new Error("draft is missing its date or kind");
  return {
    branchId: reporter.branchId,
    reporterId: reporter.memberId,
    personal: extras.personal,
    kinds: draft.kinds,
    occurredAt: instantOf(draft.date, draft.time, draft.partOfDay, reporter.timeZone),
    hasTime: draft.time !== null,
    title: draft.title,
    location: draft.location,
    host: draft.host,
    recorder: draft.recorder,
    speaker: draft.speaker,
    expectedCount: draft.expectedCount,
    presentCount: draft.presentCount ?? (extras.attendeeIds.length || null),
    durationHours: draft.durationHours,
    notes: extras.notes,
    details: draft.details,
    absentees: draft.absentees,
    // Whoever reports a branch event took part in it, unless attendees were ticked one by one.
    attendeeIds: extras.attendeeIds.length || extras.personal ? extras.attendeeIds : [reporter.memberId],
    ...(source ? { source } : {}),
  };
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
  tallies: KindCount[];
}

export async function saveDraft(store: Store, draft: ActivityDraft, extras: DraftExtras, reporter: Reporter, source?: SourceMessage): Promise<SavedOutcome> {
  // Photos are saved with the record, in one transaction.
  const { record, duplicate } = await store.activities.create({ ...toNewActivity(draft, extras, reporter, source), photos: extras.photos });
  return { record, duplicate, tallies: await yearTallies(store, reporter, record.occurredAt, record.kinds) };
}

/** Merges a new report into an existing record of the same event: attendees joined, missing fields filled, counts raised. */
export async function mergeInto(store: Store, seen: ActivityRecord, draft: ActivityDraft, extras: DraftExtras, reporter: Reporter): Promise<SavedOutcome> {
  // Merge into the record as it is now, not as it was when the question was asked (another merge may have come first).
  const existing = (await store.activities.get(seen.id)) ?? seen;
  const newAttendees = extras.attendeeIds.length ? extras.attendeeIds : [reporter.memberId];
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
    reporter.memberId,
    "merge",
  );
  for (const photo of extras.photos) await store.activities.addPhoto(existing.id, photo);
  return { record: record ?? existing, duplicate: false, tallies: await yearTallies(store, reporter, (record ?? existing).occurredAt, kinds) };
}

/** Replaces an existing record's fields with the draft's (edits from /mine or an edited message). */
export async function updateFromDraft(store: Store, id: number, draft: ActivityDraft, extras: DraftExtras, reporter: Reporter): Promise<SavedOutcome | null> {
  const { branchId: _branch, reporterId: _reporter, source: _source, ...patch } = toNewActivity(draft, extras, reporter);
  const record = await store.activities.update(id, patch, reporter.memberId);
  if (!record) return null;
  for (const photo of extras.photos) await store.activities.addPhoto(record.id, photo);
  return { record, duplicate: false, tallies: await yearTallies(store, reporter, record.occurredAt, record.kinds) };
}

/** 次 and 人次 of these kinds in the calendar year of `at` (the record's own year, not today's). */
export async function yearTallies(store: Store, reporter: Reporter, at: string, kinds: ActivityKind[]): Promise<KindCount[]> {
  const { start, end } = localYearBounds(new Date(at), reporter.timeZone);
  const counts = await store.tallies.byKind(reporter.branchId, start, end, kinds);
  return kinds.map((k) => counts.find((c) => c.kind === k) ?? { kind: k, events: 0, personTimes: 0 });
}

/**
 * An edited report message changes what its new text states (date, kinds, and every field the text
 * gives); fields added later by other means (place, host, attendees, notes…) are kept.
 */
export async function applyEditedText(store: Store, record: ActivityRecord, draft: ActivityDraft, reporter: Reporter): Promise<SavedOutcome | null> {
  if (!draft.date || draft.kinds.length === 0) return null;
  const stated = <T>(value: T | null, old: T | null): T | null => (value === null ? old : value);
  const updated = await store.activities.update(
    record.id,
    {
      kinds: draft.kinds,
      occurredAt: instantOf(draft.date, draft.time, draft.partOfDay, reporter.timeZone),
      hasTime: draft.time !== null,
      title: stated(draft.title, record.title),
      location: stated(draft.location, record.location),
      host: stated(draft.host, record.host),
      recorder: stated(draft.recorder, record.recorder),
      speaker: stated(draft.speaker, record.speaker),
      expectedCount: stated(draft.expectedCount, record.expectedCount),
      presentCount: stated(draft.presentCount, record.presentCount),
      durationHours: stated(draft.durationHours, record.durationHours),
      details: { ...record.details, ...draft.details },
      absentees: draft.absentees.length ? draft.absentees : record.absentees,
    },
    reporter.memberId,
  );
  return updated && { record: updated, duplicate: false, tallies: await yearTallies(store, reporter, updated.occurredAt, updated.kinds) };
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
      absentees: r.absentees, details: r.details, approximate: false, missing: [],
    },
    extras: { attendeeIds: r.attendeeIds, notes: r.notes, photos: [], personal: r.personal },
  };
}
