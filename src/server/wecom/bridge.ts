/**
 * The WeCom bridge: a Bot API endpoint the unchanged bot polls (on loopback, with a token of its
 * own), answered from WeCom; and WeCom's callbacks on PORT at WECOM_CALLBACK_PATH.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Dispatcher, type MethodHandler } from "../botapi/dispatch.js";
import { handleBotApi, sendCore } from "../botapi/http.js";
import { RequestRecorder } from "../botapi/recorder.js";
import type { WecomConfig } from "../../channelConfig.js";
import { openDatabase } from "../../db/client.js";
import { channelsRepo, type ChannelsRepo } from "../../db/repos/channels.js";
import { WecomApi } from "./api.js";
import { createCallbackHandler, resumeIntake } from "./inbound.js";
import { MemberLimiter, WECOM_LIMITS, type MemberLimits } from "./limiter.js";
import { wecomMethods } from "./methods.js";
import { loadWords } from "./words.js";
import { WecomWorld, type BridgeLogger } from "./world.js";

export interface WecomBridgeOptions {
  config: WecomConfig & { PORT: number; DATABASE_URL: string; DEFAULT_LOCALE?: string };
  logger: BridgeLogger;
  /** Where the callbacks are served (default 0.0.0.0: WeCom must reach it). */
  host?: string;
  limits?: Partial<MemberLimits>;
}

export interface WecomBridge {
  /** Bot API root and token for the bot: `client: { apiRoot }`. */
  readonly apiRoot: string;
  readonly token: string;
  /** The port WeCom's callbacks arrive on. */
  readonly port: number;
  readonly world: WecomWorld;
  /** Refuses further callbacks (WeCom retries them later) and waits until the bot took the updates in hand. */
  stopTaking(): Promise<void>;
  close(): Promise<void>;
}

const HOUSEKEEPING_MS = 3_600_000;
/** Dedupe keys are kept a day (WeCom retries within seconds), those never made into updates a week. */
const KEEP_INBOUND_MS = 24 * 3_600_000;
const GIVE_UP_INBOUND_MS = 7 * 24 * 3_600_000;
/** Sent cards can be paged and edited for 30 days after their last use. */
const KEEP_CARDS_MS = 30 * 24 * 3_600_000;
/** How long stopTaking() waits for the bot to take the last updates. */
const STOP_WAIT_MS = 5_000;

/** The repository once the database is open; every call waits for it. */
function lazyRepo(repo: Promise<ChannelsRepo>): ChannelsRepo {
  return new Proxy({} as ChannelsRepo, {
    get: (_target, name) => async (...args: unknown[]) => {
      const r = await repo;
      return (r[name as keyof ChannelsRepo] as (...a: unknown[]) => unknown)(...args);
    },
  });
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startWecomBridge(o: WecomBridgeOptions): Promise<WecomBridge> {
  const c = o.config;
  // The database is opened once the bot has started (its getMe comes after the app applied the
  // migrations): a second connection while the migrator runs would make it fail on a busy file.
  let botStarted!: () => void;
  const started = new Promise<void>((resolve) => (botStarted = resolve));
  const db = started.then(() => openDatabase(c.DATABASE_URL));
  db.catch(() => undefined);
  const api = new WecomApi({ apiRoot: c.WECOM_API_ROOT, corpId: c.WECOM_CORP_ID, secret: c.WECOM_SECRET, agentId: c.WECOM_AGENT_ID });
  const world = new WecomWorld(api, lazyRepo(db.then((d) => channelsRepo(d.prisma))), new MemberLimiter({ ...WECOM_LIMITS, ...o.limits }), o.logger, loadWords(c.DEFAULT_LOCALE ?? "zh"));
  const getMe = wecomMethods.getMe!;
  const methods: Record<string, MethodHandler<WecomWorld>> = { ...wecomMethods, getMe: (call) => (botStarted(), getMe(call)) };
  const dispatcher = new Dispatcher(world, [methods], new RequestRecorder(0, false), (method, e) => o.logger.error({ err: e, method }, "WeCom bridge: method failed"));
  const token = `${c.WECOM_AGENT_ID}:${randomBytes(18).toString("base64url")}`;
  const core = {
    dispatcher,
    token,
    async file(path: string) {
      const m = /^media\/(.+)$/.exec(path);
      if (!m) return undefined;
      try {
        return await api.download(decodeURIComponent(m[1] ?? ""));
      } catch {
        return undefined;
      }
    },
  };
  const callbacks = createCallbackHandler(world, { token: c.WECOM_TOKEN, aesKey: c.WECOM_AES_KEY, corpId: c.WECOM_CORP_ID });
  // What the bot confirmed is done; a failure here only means it is queued again after a restart
  // (the bot's inbox takes each update_id once).
  let marking: Promise<unknown> = Promise.resolve();
  world.queue.onConfirm = (offset) => {
    marking = marking.then(() => world.channels.handedBelow(offset, new Date())).catch((e: unknown) => o.logger.warn({ err: e }, "WeCom bridge: could not mark updates as taken"));
  };
  // Before any new callback is made into updates (once the database is open): what the last run
  // took but the bot did not have yet.
  const resumed = resumeIntake(world, new Date())
    .then((r) => {
      if (r.updates || r.callbacks) o.logger.info(r, "WeCom bridge: resumed the updates the bot had not taken");
    })
    .catch((e: unknown) => o.logger.error({ err: e }, "WeCom bridge: could not resume the stored updates"));

  // The bot's side: loopback only.
  const botApi = http.createServer((req, res) => {
    const controller = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) controller.abort();
    });
    const url = new URL(req.url ?? "/", "http://bridge.local");
    handleBotApi(core, url, req.headers["content-type"], req, controller.signal)
      .then((r) => sendCore(res, r ?? { status: 404, headers: {}, body: "" }))
      .catch((e: unknown) => {
        o.logger.error({ err: e }, "WeCom bridge: Bot API request failed");
        sendCore(res, { status: 500, headers: {}, body: "" });
      });
  });
  botApi.keepAliveTimeout = 60_000;
  const botPort = await listen(botApi, 0, "127.0.0.1");

  // WeCom's side: the callback URL on PORT.
  const front = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://callback.local");
    if (url.pathname === c.WECOM_CALLBACK_PATH) return callbacks.handle(req, res, url);
    if (req.method === "GET" && url.pathname === "/healthz") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, channel: "wecom", pendingUpdates: world.queue.size }));
      return;
    }
    res.writeHead(404).end();
  });
  const port = await listen(front, c.PORT, o.host ?? "0.0.0.0");
  const housekeeping = setInterval(() => {
    const now = Date.now();
    world.channels.forgetInboundBefore(new Date(now - KEEP_INBOUND_MS), new Date(now - GIVE_UP_INBOUND_MS)).catch(() => undefined);
    world.channels.forgetCardsBefore(new Date(now - KEEP_CARDS_MS)).catch(() => undefined);
  }, HOUSEKEEPING_MS);
  housekeeping.unref();
  o.logger.info({ port, path: c.WECOM_CALLBACK_PATH, apiRoot: c.WECOM_API_ROOT }, "WeCom bridge: taking callbacks");

  let closing: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;
  const close = (server: http.Server) => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  return {
    apiRoot: `http://127.0.0.1:${botPort}`,
    token,
    port,
    world,
    stopTaking: () => (stopping ??= (async () => {
      await close(front);
      await callbacks.idle();
      const until = Date.now() + STOP_WAIT_MS;
      while (world.queue.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      if (world.queue.size > 0) o.logger.warn({ pending: world.queue.size }, "WeCom bridge: stopped with updates the bot did not take");
    })()),
    close: () => (closing ??= (async () => {
      clearInterval(housekeeping);
      await close(front);
      await callbacks.idle();
      world.queue.release();
      await close(botApi);
      botStarted();
      await resumed;
      await marking;
      await (await db).close();
    })()),
  };
}
