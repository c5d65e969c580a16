// A new record as the tests write them: the branch and reporter, the kinds and time they name, and
// nothing else unless they say (as a report that gives no more).
import type { NewActivity } from "../../src/db/repos/activities.js";

export type RecordFields = Partial<NewActivity> & Pick<NewActivity, "kinds" | "occurredAt">;

export function newActivity(branchId: number, reporterId: number, fields: RecordFields): NewActivity {
  return {
    branchId,
    reporterId,
    personal: false,
    hasTime: true,
    title: null,
    location: null,
    host: null,
    recorder: null,
    speaker: null,
    expectedCount: null,
    presentCount: null,
    durationHours: null,
    notes: null,
    details: {},
    absentees: [],
    attendeeIds: [],
    ...fields,
  };
}
