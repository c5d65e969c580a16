import { z } from "zod";
import { ACTIVITY_KINDS } from "../kinds.js";
import type { ActivityDraft } from "./types.js";

const count = z.number().int().nonnegative();

/** Validates a draft read back from storage (e.g. a conversation session) before it is used. */
export const activityDraftSchema = z.object({
  date: z.object({ year: z.number().int(), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) }).nullable(),
  time: z.object({ hour: z.number().int().min(0).max(23), minute: z.number().int().min(0).max(59) }).nullable(),
  partOfDay: z.enum(["morning", "afternoon", "evening"]).nullable(),
  kinds: z.array(z.enum(ACTIVITY_KINDS)),
  title: z.string().nullable(),
  location: z.string().nullable(),
  host: z.string().nullable(),
  recorder: z.string().nullable(),
  speaker: z.string().nullable(),
  expectedCount: count.nullable(),
  presentCount: count.nullable(),
  durationHours: z.number().nonnegative().nullable(),
  absentees: z.array(z.object({ name: z.string(), reason: z.string().nullable() })),
  everyone: z.boolean(),
  participants: z.array(z.string()),
  details: z.object({
    problemsFound: count.optional(),
    problemsFixed: count.optional(),
    resultsApplied: count.optional(),
    itemsPublished: count.optional(),
    reflections: count.optional(),
    films: z.array(z.string()).optional(),
    talkPairs: z.array(z.string()).optional(),
    personTimes: count.optional(),
    coversYear: z.number().int().min(1921).max(2200).optional(),
    tags: z.array(z.enum(["first_topic", "central_group"])).optional(),
  }),
  approximate: z.boolean(),
  missing: z.array(z.enum(["date", "kind"])),
}) satisfies z.ZodType<ActivityDraft>;
