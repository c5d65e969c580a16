// The ledger's rows as the .xlsx shows them — one mapping for /export and `admin export`.
import type { ActivityRecord } from "../domain/activity.js";
import { formatInstantDate } from "../domain/calendar/index.js";
import { formatAbsentees } from "../domain/describe.js";
import type { Lang } from "../domain/lang.js";
import { kindsLabel } from "../i18n/kindNames.js";
import { DEFAULT_RULE_SETTINGS, type RuleSettings } from "../domain/rules/settings.js";
import { studyCredit, studyRecordOf } from "../domain/rules/study.js";
import type { LedgerRow } from "./ledgerXlsx.js";

export type LedgerRecord = ActivityRecord & { reporterName: string | null; attendeeNames: string[]; photos: number };

export function ledgerRowsOf(records: readonly LedgerRecord[], timeZone: string, lang: Lang, settings: RuleSettings = DEFAULT_RULE_SETTINGS): LedgerRow[] {
  return records.map((r) => ({
    id: r.id,
    date: formatInstantDate(r.occurredAt, timeZone),
    kinds: kindsLabel(r.kinds, lang),
    title: r.title,
    location: r.location,
    host: r.host,
    recorder: r.recorder,
    speaker: r.speaker,
    expected: r.expectedCount,
    present: r.presentCount,
    personTimes: r.details.personTimes ?? r.presentCount ?? r.attendeeIds.length,
    hours: studyCredit(studyRecordOf(r), settings)?.hours ?? null,
    absentees: formatAbsentees(r.absentees),
    attendees: r.attendeeNames.join("、"),
    notes: r.notes,
    reporter: r.reporterName,
    photos: r.photos,
  }));
}

/** The workbook's title and file name (without .xlsx): 第一党支部2023年台账. */
export const ledgerTitle = (branchName: string, year: number): string => `${branchName}${year}年台账`;
