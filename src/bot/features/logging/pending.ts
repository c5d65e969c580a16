import type { ActivityDraft } from "../../../domain/parse/types.js";
import type { Store } from "../../../db/store.js";
import type { DraftExtras, Reporter, SourceMessage } from "./service.js";

/** A report waiting for the member's tap (confirmation card or "same event?"), stored under the card. */
export interface PendingReport {
  draft: ActivityDraft;
  extras: DraftExtras;
  reporter: Reporter;
  source: SourceMessage | null;
}

const key = (chatId: number, cardMessageId: number) => `pending:${chatId}:${cardMessageId}`;

export function pendingReports(store: Store) {
  return {
    put: (chatId: number, cardMessageId: number, p: PendingReport) => store.sessions.write(key(chatId, cardMessageId), p),
    get: (chatId: number, cardMessageId: number) => store.sessions.read<PendingReport>(key(chatId, cardMessageId)),
    drop: (chatId: number, cardMessageId: number) => store.sessions.delete(key(chatId, cardMessageId)),
  };
}
