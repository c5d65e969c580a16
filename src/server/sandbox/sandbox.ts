/**
 * createSandbox(): a local stand-in for Telegram. One node:http server on 127.0.0.1 serves the
 * Bot API (/bot<token>/<method>), file downloads, and a web chat page (/) where people play the
 * simulated users; tests drive the same users with ScriptedUser.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { resolveCommands, commandsKey, type CommandScope } from "./commands.js";
import { Dispatcher } from "../botapi/dispatch.js";
import type { Engine } from "./engine.js";
import { createSandboxFetch, type SandboxFetch } from "../botapi/fetch.js";
import { FloodControl } from "./flood.js";
import { RequestRecorder } from "../botapi/recorder.js";
import { handleBotApi } from "../botapi/http.js";
import { botMethods } from "./methods-bot.js";
import { fileMethods } from "./methods-files.js";
import { messageMethods } from "./methods-messages.js";
import { createHttpHandler, type CoreDeps } from "./router.js";
import { ScriptedUser, type UserContext } from "./scripted-user.js";
import { Simulator } from "./simulate.js";
import { persistSandbox } from "./persist.js";
import { Store } from "./store.js";
import { transcriptOf, type TranscriptEntry } from "./transcript.js";
import type { BotCommand, BotInfo, TgChat } from "../botapi/types.js";
import type { FloodRule, SandboxStats, WebhookAttempt } from "./types.js";
import { UpdateQueue } from "../botapi/updates.js";
import { WebApi } from "./web-api.js";
import { WebhookDeliverer, type WebhookOptions } from "./webhook.js";

export interface SandboxLogger {
  info(msg: string): void;
  error(obj: unknown, msg?: string): void;
}

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** When set, only this token is accepted (others get 401); otherwise any token works. */
  token?: string;
  /** Overrides of the bot's getMe (id defaults to the number before ":" in `token`). */
  botInfo?: Partial<Omit<BotInfo, "is_bot">>;
  /** Flood limits on messages the bot sends; false turns them off (benchmarks). */
  flood?: FloodRule[] | false;
  webhook?: WebhookOptions;
  /** Default timeout of ScriptedUser.next() and friends, ms. Default 5000. */
  defaultTimeout?: number;
  /** Record Bot API calls in `sandbox.requests` (default true; a number = how many to keep). */
  recordRequests?: boolean | number;
  firstUpdateId?: number;
  logger?: SandboxLogger;
  /** Keep users, groups and chats in this file across restarts (`npm start`'s sandbox); see persist.ts. */
  stateFile?: string;
}

export interface NewUser {
  id?: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  /** The user has already opened the bot (so the bot may write first). Default false. */
  started?: boolean;
}

export interface SandboxGroup {
  readonly id: number;
  readonly title: string;
  readonly chat: TgChat;
  /** Member ids; the first is the creator. */
  members(): number[];
  /** A user joins (a new_chat_members message), added by `by` (default: themselves). */
  add(user: ScriptedUser | number, by?: ScriptedUser | number): void;
  transcript(): TranscriptEntry[];
}

export interface Sandbox {
  /** Bot API root for grammY: `client: { apiRoot: sandbox.apiRoot }`. */
  readonly apiRoot: string;
  /** The web chat page. */
  readonly url: string;
  readonly port: number;
  readonly botInfo: BotInfo;
  readonly requests: RequestRecorder;
  /** In-process transport for grammY: `client: { apiRoot: sandbox.apiRoot, fetch: sandbox.fetch }`. */
  readonly fetch: SandboxFetch;
  /** Every webhook delivery attempt (status codes / errors), oldest first. */
  readonly webhookAttempts: readonly WebhookAttempt[];
  /** A simulated user (created, or the existing one with that id, updated). */
  user(u: NewUser): ScriptedUser;
  users(): ScriptedUser[];
  group(g: { id?: number; title: string; members: (ScriptedUser | number)[]; withBot?: boolean }): SandboxGroup;
  /** Transcript of any chat. */
  transcript(chatId: number): TranscriptEntry[];
  /** Commands as stored by setMyCommands for a scope/language, or as `userId` sees them in `chatId`. */
  commands(q?: { scope?: CommandScope; language_code?: string } | { chatId: number; userId: number }): BotCommand[];
  pendingUpdates(): number;
  /** Whether a long-polling getUpdates is waiting right now. */
  isPolling(): boolean;
  setFlood(rules: FloodRule[] | false): void;
  stats(): SandboxStats;
  /** Forgets users, chats, messages, files, pending updates, recorded calls and stats; keeps the
   * webhook and the bot's commands/descriptions unless `all`. update_id keeps increasing. */
  reset(opts?: { all?: boolean }): void;
  close(): Promise<void>;
}

function fileBody(store: Store, path: string) {
  const f = store.files.getByPath(path);
  return f && { bytes: f.bytes, ...(f.mime_type !== undefined ? { mimeType: f.mime_type } : {}) };
}

const botIdFrom = (token?: string): number => {
  const n = Number(token?.split(":")[0]);
  return Number.isSafeInteger(n) && n > 0 ? n : 6_000_000_001;
};

export async function createSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const log = opts.logger ?? { info: () => undefined, error: () => undefined };
  const bot: BotInfo = {
    id: botIdFrom(opts.token), is_bot: true, first_name: "台账助手（沙盒）", username: "branch_ledger_sandbox_bot",
    can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false,
    can_connect_to_business: false, has_main_web_app: false, ...opts.botInfo,
  };
  const store = new Store(bot);
  const persistence = opts.stateFile ? persistSandbox(store, opts.stateFile, (e, m) => log.error(e, m)) : undefined;
  const queue = new UpdateQueue(opts.firstUpdateId ?? 1);
  const recorder = new RequestRecorder(typeof opts.recordRequests === "number" ? opts.recordRequests : 10_000,
    opts.recordRequests !== false);
  const flood = new FloodControl(opts.flood);
  let dispatcher: Dispatcher<Engine> | undefined;
  const webhook = new WebhookDeliverer(queue, opts.webhook ?? {},
    (body) => dispatcher?.callWebhookReply(body) ?? Promise.resolve(),
    (a) => { if (!a.ok) log.info(`webhook delivery of update ${a.update_id} failed: ${a.status ?? a.error}`); });
  queue.onPush = () => webhook.kick();
  const engine: Engine = { store, queue, webhook, flood };
  dispatcher = new Dispatcher(engine, [botMethods, messageMethods, fileMethods], recorder, (method, e) => log.error(e, `sandbox: ${method} failed`));
  const sim = new Simulator(engine);
  const core: CoreDeps = { dispatcher, store, token: opts.token, file: (p) => fileBody(store, p) };
  let closed = false;

  const diagnose = (): string => {
    const w = webhook.config;
    const poll = store.lastPollAt ? `last getUpdates ${Date.now() - store.lastPollAt} ms ago` : "getUpdates never called";
    const mode = w ? `webhook ${w.url}${w.last_error_message ? ` (last error: ${w.last_error_message})` : ""}` : poll;
    return `Bot: ${mode}; ${queue.size} update(s) not yet taken by the bot.`;
  };
  const ctx: UserContext = { store, sim, defaultTimeout: opts.defaultTimeout ?? 5000, diagnose };
  const scripted = new Map<number, ScriptedUser>();
  const scriptedFor = (id: number): ScriptedUser => {
    let u = scripted.get(id);
    if (!u) {
      store.user(id);
      u = new ScriptedUser(ctx, id, id);
      scripted.set(id, u);
    }
    return u;
  };
  const idOf = (u: ScriptedUser | number): number => (typeof u === "number" ? u : u.id);

  const stats = (): SandboxStats => {
    const chats: SandboxStats["chats"] = {};
    let botMessages = 0, userMessages = 0, edits = 0;
    for (const c of store.chats.values()) {
      chats[String(c.id)] = { ...c.stats };
      botMessages += c.stats.botMessages;
      userMessages += c.stats.userMessages;
      edits += c.stats.edits;
    }
    return { updates: queue.total, botMessages, userMessages, edits, floodRejections: flood.rejections,
      requests: { ...dispatcher.counts }, chats };
  };

  const reset = (o: { all?: boolean } = {}): void => {
    store.reset(o.all === true);
    scripted.clear();
    queue.drop();
    queue.total = 0;
    flood.reset();
    recorder.clear();
    for (const k of Object.keys(dispatcher.counts)) delete dispatcher.counts[k];
    if (o.all) webhook.set(undefined);
  };

  const web = new WebApi({
    store, sim, webhook, stats, pendingUpdates: () => queue.size,
    recentRequests: (n) => recorder.all().slice(-n), reset: () => reset(),
  });
  const server = http.createServer(createHttpHandler(core, web.handle, (e) => log.error(e, "sandbox: request failed")));
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => { server.off("error", reject); resolve(); });
  });
  const port = (server.address() as AddressInfo).port;
  const apiRoot = `http://${opts.host ?? "127.0.0.1"}:${port}`;

  const sandbox: Sandbox = {
    apiRoot,
    url: `${apiRoot}/`,
    port,
    botInfo: bot,
    requests: recorder,
    fetch: createSandboxFetch((url, ct, body, signal) => handleBotApi(core, url, ct, body, signal), () => closed),
    webhookAttempts: webhook.attempts,
    user(u) {
      const { started, ...fields } = u;
      const user = store.addUser(fields);
      if (started) store.chat(user.id).started = true;
      return scriptedFor(user.id);
    },
    users: () => [...store.users.keys()].map(scriptedFor),
    group(g) {
      const chat = store.addGroup({ ...g, members: g.members.map(idOf), withBot: g.withBot ?? true });
      return {
        id: chat.id,
        title: chat.title ?? "",
        chat: store.tgChat(chat),
        members: () => [...store.chat(chat.id).members],
        add: (user, by) => { sim.addMember(chat.id, idOf(user), by === undefined ? idOf(user) : idOf(by)); },
        transcript: () => transcriptOf(store, store.chat(chat.id)),
      };
    },
    transcript: (chatId) => transcriptOf(store, store.chat(chatId)),
    commands(q) {
      if (q && "chatId" in q) return resolveCommands(store, store.chat(q.chatId), q.userId);
      return store.commands.get(commandsKey(q?.scope, q?.language_code)) ?? [];
    },
    pendingUpdates: () => queue.size,
    isPolling: () => queue.polling,
    setFlood: (rules) => flood.configure(rules),
    stats,
    reset,
    async close() {
      if (closed) return;
      closed = true;
      queue.release();
      webhook.close();
      web.close();
      persistence?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return sandbox;
}
