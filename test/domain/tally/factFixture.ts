// Builds ActivityFact rows for tests.
import type { ActivityKind } from "../../../src/domain/kinds.js";
import type { ActivityFact } from "../../../src/domain/tally/types.js";

let nextId = 1000;

export function fact(kinds: ActivityKind[], occurredAt: string, extra: Partial<ActivityFact> = {}): ActivityFact {
  return {
    id: nextId++,
    kinds,
    occurredAt,
    personTimes: 0,
    presentCount: null,
    expectedCount: null,
    durationHours: null,
    title: null,
    speaker: null,
    details: {},
    attendeeIds: [],
    ...extra,
  };
}
