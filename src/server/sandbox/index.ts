/** The Telegram Bot API sandbox: a local fake Telegram with simulated users and a web chat page. */
export { createSandbox } from "./sandbox.js";
export type { NewUser, Sandbox, SandboxGroup, SandboxLogger, SandboxOptions } from "./sandbox.js";
export { ScriptedUser } from "./scripted-user.js";
export type { CallbackAnswerView, PressResult, ReceivedFile } from "./scripted-user.js";
export type { BotMessage, ButtonView, FileView, TranscriptEntry } from "./transcript.js";
export { formatTranscript } from "./transcript.js";
export type { RequestRecorder } from "../botapi/recorder.js";
export type { SandboxFetch } from "../botapi/fetch.js";
export type { BotCommand, BotInfo, Message, RecordedRequest, TgUser, Update } from "../botapi/types.js";
export type { FloodRule, SandboxStats, WebhookAttempt } from "./types.js";
