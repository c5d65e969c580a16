/**
 * WeCom's callbacks (接收消息): the URL-verification handshake, signature and decryption; then, once
 * per MsgId, the message or click as Telegram updates for the bot, stored in the database (table
 * ChannelInbound) before WeCom gets its empty 200 (it waits 5 s and retries 3 times) and kept until
 * the bot has taken them — a crash loses nothing WeCom was told was taken.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { readAll } from "../botapi/body.js";
import { detectEntities } from "../botapi/text.js";
import { parseKey, templateCard } from "./cards.js";
import { openCipher, parseXml, signatureOk, type CallbackKeys } from "./crypto.js";
import { asApiError } from "./send.js";
import type { Message, TgUser, Update } from "../botapi/types.js";
import type { WecomWorld } from "./world.js";

const MAX_CALLBACK_BYTES = 1024 * 1024;

export interface CallbackHandler {
  handle(req: IncomingMessage, res: ServerResponse, url: URL): void;
  /** Resolves when every callback taken so far has been turned into updates. */
  idle(): Promise<void>;
}

export function createCallbackHandler(w: WecomWorld, keys: CallbackKeys): CallbackHandler {
  const inFlight = new Set<Promise<void>>();
  const query = (url: URL) => ({
    msg_signature: url.searchParams.get("msg_signature") ?? "",
    timestamp: url.searchParams.get("timestamp") ?? "",
    nonce: url.searchParams.get("nonce") ?? "",
  });
  const refuse = (res: ServerResponse, why: string) => {
    w.log.warn({ why }, "WeCom callback refused");
    res.writeHead(403, { "content-type": "text/plain" }).end("forbidden");
  };

  async function post(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const raw = (await readAll(req, MAX_CALLBACK_BYTES)).toString("utf8");
    const cipher = parseXml(raw).Encrypt ?? "";
    if (!cipher || !signatureOk(keys, query(url), cipher)) return refuse(res, "bad signature");
    const plain = openCipher(keys, cipher);
    if (plain === undefined) return refuse(res, "cannot decrypt");
    const m = parseXml(plain);
    // Stored before WeCom gets its 200 (a failure here answers 503: WeCom sends it again).
    const key = dedupeKey(m);
    if (!m.FromUserName || !(await w.channels.firstSight(key, JSON.stringify(m)))) {
      if (m.FromUserName) w.log.info({ key }, "WeCom callback seen before; skipped");
      res.writeHead(200, { "content-type": "text/plain" }).end("");
      return;
    }
    // Then the updates are made and stored too; should that fail, the callback is kept and made
    // again at the next start.
    await makeUpdates(w, key, m).catch((e: unknown) => w.log.error({ err: e, key }, "WeCom callback could not be handled yet; kept for the next start"));
    res.writeHead(200, { "content-type": "text/plain" }).end("");
  }

  return {
    handle(req, res, url) {
      if (req.method === "GET") {
        const echostr = url.searchParams.get("echostr") ?? "";
        if (!echostr || !signatureOk(keys, query(url), echostr)) return refuse(res, "bad signature");
        const plain = openCipher(keys, echostr);
        if (plain === undefined) return refuse(res, "cannot decrypt");
        res.writeHead(200, { "content-type": "text/plain" }).end(plain);
        return;
      }
      if (req.method !== "POST") {
        res.writeHead(405).end();
        return;
      }
      const job = post(req, res, url).catch((e: unknown) => {
        w.log.error({ err: e }, "WeCom callback failed");
        if (!res.headersSent) res.writeHead(503).end();
      });
      inFlight.add(job);
      void job.finally(() => inFlight.delete(job));
    },
    async idle() {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
  };
}

function dedupeKey(m: Record<string, string>): string {
  if (m.MsgId) return `wecom:msg:${m.MsgId}`;
  return `wecom:event:${[m.FromUserName, m.CreateTime, m.Event, m.EventKey, m.ResponseCode, m.TaskId].join("|")}`;
}

type Fields = Omit<Update, "update_id">;

/**
 * Makes the callback's updates, gives them their update_ids, stores them with the callback and
 * queues them for the bot — the last three in one order across callbacks (WecomWorld.serially).
 */
export async function makeUpdates(w: WecomWorld, key: string, m: Record<string, string>): Promise<void> {
  const out: Fields[] = [];
  await produce(w, m, out);
  await w.serially(async () => {
    const updates = out.flatMap((f) => w.queue.make(f) ?? []);
    await w.channels.made(key, updates, new Date());
    w.queue.add(...updates);
  });
}

/**
 * After a restart: the stored updates the bot had not taken go back in the queue with their
 * update_ids (the bot's inbox takes each update_id once), and callbacks taken but not yet made into
 * updates are made now.
 */
export async function resumeIntake(w: WecomWorld, startedAt: Date): Promise<{ updates: number; callbacks: number }> {
  const left = await w.serially(async () => {
    // Callbacks of this run (taken while the database opened) are being made by their own request.
    const u = await w.channels.unfinished(startedAt);
    w.queue.advanceTo(Math.max(u.lastUpdateId + 1, 1));
    const updates = u.updates.flatMap((json) => JSON.parse(json) as Update[]);
    w.queue.add(...updates);
    return { updates: updates.length, callbacks: u.callbacks };
  });
  for (const c of left.callbacks) {
    await makeUpdates(w, c.key, JSON.parse(c.callback) as Record<string, string>).catch((e: unknown) => w.log.error({ err: e, key: c.key }, "WeCom callback could not be handled"));
  }
  return { updates: left.updates, callbacks: left.callbacks.length };
}

/** One decrypted callback: the update(s) it makes, into `out`. */
async function produce(w: WecomWorld, m: Record<string, string>, out: Fields[]): Promise<void> {
  const userid = m.FromUserName;
  if (!userid) return;
  const from = await w.member(userid);
  const t = (await w.target(from.id))!;
  const chat = w.tgChat(from.id, t);
  const date = Number(m.CreateTime) || Math.floor(Date.now() / 1000);
  const message: MessageMaker = async (fields) => ({ message_id: await w.newMessageId(from.id), from, chat, date, ...fields });

  switch (m.MsgType) {
    case "text": {
      const text = (m.Content ?? "").trim();
      if (!text) return;
      if (/^\/bind(\s|$)/.test(text)) return bindGroup(w, from, userid, message, out);
      const entities = detectEntities(text);
      out.push({ message: await message({ text, ...(entities.length ? { entities } : {}) }) });
      return;
    }
    case "image": {
      const id = m.MediaId ?? "";
      out.push({ message: await message({ photo: [{ file_id: `wx:${id}`, file_unique_id: id.slice(0, 32), width: 0, height: 0, file_size: 0 }] }) });
      return;
    }
    case "file": {
      const id = m.MediaId ?? "";
      out.push({ message: await message({ document: { file_id: `wx:${id}`, file_unique_id: id.slice(0, 32), file_size: Number(m.FileSize) || 0, ...(m.FileName || m.Title ? { file_name: m.FileName || m.Title } : {}) } }) });
      return;
    }
    case "event":
      return event(w, m, from, userid, message, out);
    default:
      w.log.info({ type: m.MsgType }, "WeCom message type not handled");
  }
}

type MessageMaker = (fields: Partial<Message>) => Promise<Message>;

async function event(w: WecomWorld, m: Record<string, string>, from: TgUser, userid: string, message: MessageMaker, out: Fields[]): Promise<void> {
  const chatId = from.id;
  if (m.Event === "click" && m.EventKey?.startsWith("/")) {
    // A menu entry: the command as if typed.
    const text = m.EventKey;
    out.push({ message: await message({ text, entities: detectEntities(text) }) });
    return;
  }
  if (m.Event !== "template_card_event") return;
  const key = parseKey(m.EventKey ?? "");
  if (!key) return;
  const sent = await w.sentMessage(chatId, key.messageId);
  if (sent?.card && m.ResponseCode) {
    sent.card.responseCode = { code: m.ResponseCode, at: Date.now() };
    if (key.kind !== "page") await w.remember(sent);
  }
  if (key.kind === "page") {
    const card = sent?.card;
    const code = w.takeResponseCode(card);
    if (!sent || !card || !code) return;
    card.page = key.page;
    await w.api.updateTemplateCard([userid], code, templateCard({ messageId: key.messageId, ...card }, w.words)).catch((e: unknown) => w.log.warn({ err: asApiError(e) }, "WeCom: could not turn the card's page"));
    await w.remember(sent);
    return;
  }
  const t = (await w.target(chatId))!;
  const cardMessage = sent?.message ?? w.message(chatId, t, { text: "" }, key.messageId);
  out.push({
    callback_query: { id: w.newCallbackId(chatId, userid), from, message: cardMessage, chat_instance: `wecom${chatId}`, data: key.data },
  });
}

/**
 * /bind typed in WeCom: the secretary's branch gets an app chat (appchat/create) with its members,
 * and the bot is told as Telegram would tell it: added to a group, then /bind typed there.
 */
async function bindGroup(w: WecomWorld, from: TgUser, userid: string, message: MessageMaker, out: Fields[]): Promise<void> {
  const roster = await w.channels.rosterOfSecretary(from.id);
  const reply = async (content: string) => {
    await w.limiter.run(userid, () => w.api.sendMessage(userid, "text", { content }));
  };
  if (!roster) {
    // Not a secretary: the bot answers /bind as it does elsewhere.
    out.push({ message: await message({ text: "/bind", entities: detectEntities("/bind") }) });
    return;
  }
  const ids = await w.channels.externalIds("wecom", roster.memberIds);
  const userlist = [...new Set([userid, ...ids.values()])];
  if (userlist.length < 2) {
    await reply(w.words.bindTooFew);
    return;
  }
  let chatid: string;
  try {
    const r = await w.api.createAppChat(roster.branchName.slice(0, 50), userid, userlist);
    chatid = r.chatid ?? "";
  } catch (e) {
    w.log.warn({ err: asApiError(e) }, "WeCom: appchat/create failed");
    await reply(w.words.bindFailed);
    return;
  }
  const groupId = await w.appChat(chatid, roster.branchName);
  const t = (await w.target(groupId))!;
  const chat = w.tgChat(groupId, t);
  const bot = { ...w.bot };
  out.push({
    my_chat_member: { chat, from, date: Math.floor(Date.now() / 1000), old_chat_member: { status: "left", user: bot }, new_chat_member: { status: "member", user: bot } },
  });
  out.push({ message: { message_id: await w.newMessageId(groupId), from, chat, date: Math.floor(Date.now() / 1000), text: "/bind", entities: detectEntities("/bind") } });
}
