// What a new record needs and what an edit may change: the logging use case's input to the repository.
import type { ActivityRecord } from "./activity.js";

/** What a new record needs (a record without its id); occurredAt is an ISO UTC instant. */
export type NewActivity = Omit<ActivityRecord, "id" | "editedFields"> & {
  editedFields?: ActivityRecord["editedFields"];
  source?: { chatId: number; messageId: number; text: string };
  /** Telegram file ids of photos sent with the report. */
  photos?: string[];
};

export type ActivityPatch = Partial<Omit<NewActivity, "branchId" | "reporterId" | "source" | "photos">>;
