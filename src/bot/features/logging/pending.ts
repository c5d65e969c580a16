import { emptyDraft, type ActivityDraft } from "../../../domain/parse/types.js";
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
    /** A card stored by an older version may lack newer draft fields (everyone, participants): defaults fill them. */
    get: async (chatId: number, cardMessageId: number): Promise<PendingReport | undefined> => {
      const p = await store.sessions.read<PendingReport>(key(chatId, cardMessageId));
      return p && { ...p, draft: { ...emptyDraft(), ...p.draft }, reporter: { ...p.reporter, name: p.reporter.name ?? null } };
    },
    drop: (chatId: number, cardMessageId: number) => store.sessions.delete(key(chatId, cardMessageId)),
  };
}
