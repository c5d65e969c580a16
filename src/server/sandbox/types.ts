/** The sandbox's own public types (besides the Telegram objects in ../botapi/types.ts). */

export interface FloodRule {
  /** "chat": per chat; "group": per group chat only; "global": all chats together. */
  scope: "chat" | "group" | "global";
  max: number;
  windowMs: number;
}

export interface ChatStats {
  botMessages: number;
  userMessages: number;
  edits: number;
  deletes: number;
}

export interface SandboxStats {
  updates: number;
  botMessages: number;
  userMessages: number;
  edits: number;
  floodRejections: number;
  requests: Record<string, number>;
  chats: Record<string, ChatStats>;
}

/** One attempt to POST an update to the webhook. */
export interface WebhookAttempt {
  update_id: number;
  url: string;
  time: number;
  status?: number;
  error?: string;
  ok: boolean;
}
