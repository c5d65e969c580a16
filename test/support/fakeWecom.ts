/**
 * A fake WeCom (企业微信) server for tests, written from WeCom's published server API: gettoken,
 * message/send (text, markdown, image, file, template_card), update_template_card, recall,
 * media/upload and media/get, user/get, appchat/create and appchat/send, menu/create. It checks
 * what WeCom checks (token, agentid, recipients, 2,048-byte contents, card shapes, media sizes)
 * and keeps what each member received. `member()` plays a member: it encrypts and signs their
 * messages and card clicks exactly as WeCom does and posts them to the bot's callback URL.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseRequest } from "../../src/server/botapi/body.js";
import { seal, toXml } from "../../src/server/wecom/crypto.js";

export interface FakeWecomOptions {
  corpId: string;
  secret: string;
  agentId: number;
  token: string;
  aesKey: string;
}

export interface Received {
  seq: number;
  msgtype: string;
  /** text / markdown content */
  content?: string;
  card?: Card;
  media?: { media_id: string; bytes: Buffer; filename: string; type: string };
  msgid: string;
  at: number;
}

export interface Card {
  task_id: string;
  main_title: { title: string };
  sub_title_text?: string;
  button_list: { text: string; key: string; style?: number }[];
  card_type: string;
  /** update_template_card calls applied to this card. */
  updates: number;
}

interface Media { bytes: Buffer; filename: string; type: string; contentType: string }

const KEY_RE = /^[A-Za-z0-9_\-@]{1,1024}$/;
const TASK_RE = /^[A-Za-z0-9_\-@]{1,128}$/;
const CONTENT_MAX = 2048;

export class FakeWecom {
  url = "";
  /** Every API call: path and errcode. */
  readonly calls: { path: string; errcode: number; body?: unknown }[] = [];
  readonly inbox = new Map<string, Received[]>();
  readonly chats = new Map<string, { name: string; owner: string; userlist: string[]; received: Received[] }>();
  readonly names = new Map<string, string>();
  readonly media = new Map<string, Media>();
  menu: unknown;
  /** Messages WeCom would have dropped silently: more than 30 a minute to one member. */
  readonly dropped: { userid: string; at: number }[] = [];
  /** Problems a real WeCom would have refused or truncated; tests expect none. */
  readonly violations: string[] = [];
  private tokens = new Map<string, number>();
  private responseCodes = new Map<string, { userid: string; task: string; used: boolean }>();
  private cards = new Map<string, Card>();
  private tasks = new Set<string>();
  private seq = 0;
  private server: http.Server | undefined;
  private waiters = new Set<() => void>();
  callbackUrl = "";
  /** While true, message/send calls are held unanswered and undelivered (see dropHeld). */
  holdSends = false;
  private held: http.ServerResponse[] = [];

  constructor(readonly o: FakeWecomOptions) {}

  /** How many message/send calls are held now. */
  get heldSends(): number {
    return this.held.length;
  }

  /** Stops holding; the held calls are never delivered (their caller was killed). */
  dropHeld(): void {
    this.holdSends = false;
    for (const res of this.held.splice(0)) res.destroy();
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        res.writeHead(500).end(String(e));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    await new Promise<void>((r) => {
      this.server!.close(() => r());
      this.server!.closeAllConnections();
    });
  }

  /** Every access token issued so far expires now (the next call gets 42001). */
  expireTokens(): void {
    for (const k of this.tokens.keys()) this.tokens.set(k, 0);
  }

  private reply(res: http.ServerResponse, path: string, body: Record<string, unknown>, payload?: unknown): void {
    const errcode = Number(body.errcode ?? 0);
    this.calls.push({ path, errcode, ...(payload !== undefined ? { body: payload } : {}) });
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ errcode: 0, errmsg: "ok", ...body }));
  }

  private tokenError(url: URL): Record<string, unknown> | undefined {
    const t = url.searchParams.get("access_token") ?? "";
    const until = this.tokens.get(t);
    if (until === undefined) return { errcode: 40014, errmsg: "invalid access_token" };
    if (until < Date.now()) return { errcode: 42001, errmsg: "access_token expired" };
    return undefined;
  }

  private push(userid: string, r: Omit<Received, "seq" | "msgid" | "at">): Received {
    const item: Received = { ...r, seq: ++this.seq, msgid: `msg${this.seq}_${randomBytes(4).toString("hex")}`, at: Date.now() };
    const list = this.inbox.get(userid) ?? [];
    const minute = list.filter((x) => x.at > item.at - 60_000).length;
    if (minute >= 30) this.dropped.push({ userid, at: item.at });
    list.push(item);
    this.inbox.set(userid, list);
    for (const w of this.waiters) w();
    return item;
  }

  private checkContent(what: string, content: unknown): string | undefined {
    if (typeof content !== "string" || content === "") return `${what}: empty content`;
    if (Buffer.byteLength(content) > CONTENT_MAX) return `${what}: ${Buffer.byteLength(content)} bytes > ${CONTENT_MAX}`;
    return undefined;
  }

  private checkCard(card: Record<string, unknown>): string | undefined {
    if (card.card_type !== "button_interaction") return `card_type ${String(card.card_type)}`;
    const title = (card.main_title as { title?: string } | undefined)?.title;
    if (!title) return "main_title.title missing";
    if (typeof card.task_id !== "string" || !TASK_RE.test(card.task_id)) return `bad task_id ${String(card.task_id)}`;
    const buttons = card.button_list as { text?: string; key?: string }[] | undefined;
    if (!Array.isArray(buttons) || buttons.length > 6) return `button_list of ${buttons?.length} (at most 6)`;
    for (const b of buttons) if (!b.text || !b.key || !KEY_RE.test(b.key)) return `bad button ${JSON.stringify(b)}`;
    if (new Set(buttons.map((b) => b.key)).size !== buttons.length) return "duplicate button keys";
    return undefined;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.url);
    const path = url.pathname.replace(/^\/cgi-bin\//, "");
    if (path === "gettoken") {
      if (url.searchParams.get("corpid") !== this.o.corpId || url.searchParams.get("corpsecret") !== this.o.secret) {
        return this.reply(res, path, { errcode: 40001, errmsg: "invalid credential" });
      }
      const token = `tok_${randomBytes(8).toString("hex")}`;
      this.tokens.set(token, Date.now() + 7200_000);
      return this.reply(res, path, { access_token: token, expires_in: 7200 });
    }
    const bad = this.tokenError(url);
    if (bad) return this.reply(res, path, bad);
    if (this.holdSends && path === "message/send") {
      this.held.push(res);
      return;
    }
    if (path === "media/get") {
      const m = this.media.get(url.searchParams.get("media_id") ?? "");
      if (!m) return this.reply(res, path, { errcode: 40007, errmsg: "invalid media_id" });
      this.calls.push({ path, errcode: 0 });
      res.writeHead(200, { "content-type": m.contentType, "content-disposition": `attachment; filename="${encodeURIComponent(m.filename)}"` }).end(m.bytes);
      return;
    }
    if (path === "user/get") {
      const userid = url.searchParams.get("userid") ?? "";
      const name = this.names.get(userid);
      if (!name) return this.reply(res, path, { errcode: 60111, errmsg: "userid not found" });
      return this.reply(res, path, { userid, name });
    }
    const parsed = await parseRequest(req.headers["content-type"], req, new URLSearchParams());
    if (path === "media/upload") {
      const type = url.searchParams.get("type") ?? "";
      const part = parsed.files.get("media");
      if (!part) return this.reply(res, path, { errcode: 41005, errmsg: "media data missing" });
      const max = type === "image" ? 10 : 20;
      if (part.bytes.length > max * 1024 * 1024 || part.bytes.length < 5) return this.reply(res, path, { errcode: 40006, errmsg: "invalid media size" });
      if (type === "image" && !/^image\/(png|jpeg)$/.test(part.mimeType)) this.violations.push(`image upload of ${part.mimeType}`);
      const id = `media_${randomBytes(8).toString("hex")}`;
      this.media.set(id, { bytes: part.bytes, filename: part.filename, type, contentType: part.mimeType });
      return this.reply(res, path, { type, media_id: id, created_at: String(Math.floor(Date.now() / 1000)) });
    }
    const body = parsed.params as Record<string, unknown>;
    if (path === "message/send") return this.send(res, path, body);
    if (path === "message/update_template_card") {
      const rc = this.responseCodes.get(String(body.response_code));
      if (Number(body.agentid) !== this.o.agentId) return this.reply(res, path, { errcode: 40056, errmsg: "invalid agentid" });
      if (!rc || rc.used) return this.reply(res, path, { errcode: 40123, errmsg: "invalid response_code" }, body);
      const card = body.template_card as Record<string, unknown>;
      const problem = this.checkCard(card);
      if (problem) {
        this.violations.push(`update_template_card: ${problem}`);
        return this.reply(res, path, { errcode: 40058, errmsg: problem });
      }
      rc.used = true;
      const old = this.cards.get(rc.task);
      if (old) Object.assign(old, { ...card, updates: old.updates + 1 });
      for (const w of this.waiters) w();
      return this.reply(res, path, {}, body);
    }
    if (path === "message/recall") return this.reply(res, path, {});
    if (path === "appchat/create") {
      const userlist = body.userlist as string[];
      if (!Array.isArray(userlist) || userlist.length < 2) return this.reply(res, path, { errcode: 86216, errmsg: "appchat member count invalid" });
      const chatid = String(body.chatid ?? `chat${randomBytes(6).toString("hex")}`);
      this.chats.set(chatid, { name: String(body.name), owner: String(body.owner), userlist, received: [] });
      return this.reply(res, path, { chatid });
    }
    if (path === "appchat/send") {
      const chat = this.chats.get(String(body.chatid));
      if (!chat) return this.reply(res, path, { errcode: 86003, errmsg: "chat not exist" });
      const type = String(body.msgtype);
      const content = (body[type] as { content?: string; media_id?: string }) ?? {};
      if (type === "text" || type === "markdown") {
        const p = this.checkContent(`appchat ${type}`, content.content);
        if (p) this.violations.push(p);
      } else if (type === "template_card") this.violations.push("appchat/send takes no template_card");
      chat.received.push({ seq: ++this.seq, msgtype: type, ...(content.content ? { content: content.content } : {}), msgid: "", at: Date.now() });
      for (const w of this.waiters) w();
      return this.reply(res, path, {});
    }
    if (path === "menu/create") {
      this.menu = body;
      return this.reply(res, path, {});
    }
    return this.reply(res, path, { errcode: 404, errmsg: `no such API ${path}` });
  }

  private send(res: http.ServerResponse, path: string, body: Record<string, unknown>): void {
    if (Number(body.agentid) !== this.o.agentId) return this.reply(res, path, { errcode: 40056, errmsg: "invalid agentid" });
    const userid = String(body.touser ?? "");
    if (!this.names.has(userid)) return this.reply(res, path, { errcode: 81013, errmsg: "user & party & tag all invalid", invaliduser: userid });
    const type = String(body.msgtype);
    const content = body[type] as Record<string, unknown> | undefined;
    if (!content) return this.reply(res, path, { errcode: 41008, errmsg: "missing content" });
    if (type === "text" || type === "markdown") {
      const problem = this.checkContent(type, content.content);
      if (problem) {
        this.violations.push(problem);
        return this.reply(res, path, { errcode: 45002, errmsg: problem });
      }
      const r = this.push(userid, { msgtype: type, content: String(content.content) });
      return this.reply(res, path, { msgid: r.msgid }, body);
    }
    if (type === "image" || type === "file") {
      const m = this.media.get(String(content.media_id));
      if (!m) return this.reply(res, path, { errcode: 40007, errmsg: "invalid media_id" });
      const r = this.push(userid, { msgtype: type, media: { media_id: String(content.media_id), bytes: m.bytes, filename: m.filename, type: m.type } });
      return this.reply(res, path, { msgid: r.msgid }, body);
    }
    if (type === "template_card") {
      const problem = this.checkCard(content);
      if (problem) {
        this.violations.push(`message/send: ${problem}`);
        return this.reply(res, path, { errcode: 40058, errmsg: problem });
      }
      const task = String(content.task_id);
      if (this.tasks.has(task)) return this.reply(res, path, { errcode: 40058, errmsg: "task_id exists" });
      this.tasks.add(task);
      const card = { ...(content as unknown as Card), updates: 0 };
      this.cards.set(task, card);
      const r = this.push(userid, { msgtype: type, card });
      const code = this.newResponseCode(userid, task);
      return this.reply(res, path, { msgid: r.msgid, response_code: code }, body);
    }
    return this.reply(res, path, { errcode: 40008, errmsg: `invalid message type ${type}` });
  }

  private newResponseCode(userid: string, task: string): string {
    const code = `rc_${randomBytes(10).toString("hex")}`;
    this.responseCodes.set(code, { userid, task, used: false });
    return code;
  }

  /** Waits until `check` returns a value (re-checked on every change). */
  waitUntil<T>(check: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const tryIt = () => {
        const v = check();
        if (v === undefined) return;
        this.waiters.delete(tryIt);
        clearTimeout(timer);
        resolve(v);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(tryIt);
        reject(new Error(`fake WeCom: timed out waiting for ${what}`));
      }, timeoutMs);
      this.waiters.add(tryIt);
      tryIt();
    });
  }

  /** A member of the corp who uses the app. */
  member(userid: string, name: string): WecomMember {
    this.names.set(userid, name);
    return new WecomMember(this, userid);
  }

  /** Posts an encrypted, signed callback as WeCom does; returns the HTTP status and body. */
  async callback(fields: Record<string, string | number>, opts: { badSignature?: boolean } = {}): Promise<{ status: number; body: string }> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = String(Math.floor(Math.random() * 1e9));
    const keys = { token: this.o.token, aesKey: this.o.aesKey, corpId: this.o.corpId };
    const { cipher, signature } = seal(keys, toXml(fields), timestamp, nonce);
    const sig = opts.badSignature ? signature.replace(/^./, (c) => (c === "0" ? "1" : "0")) : signature;
    const xml = toXml({ ToUserName: this.o.corpId, AgentID: this.o.agentId, Encrypt: cipher });
    const url = `${this.callbackUrl}?msg_signature=${sig}&timestamp=${timestamp}&nonce=${nonce}`;
    const res = await fetch(url, { method: "POST", headers: { "content-type": "text/xml" }, body: xml });
    return { status: res.status, body: await res.text() };
  }

  /** A click on a card button: WeCom issues a fresh response_code with the event. */
  clickCode(userid: string, task: string): string {
    return this.newResponseCode(userid, task);
  }

  cardByTask(task: string): Card | undefined {
    return this.cards.get(task);
  }

  uploadFromMember(bytes: Buffer, filename: string, type: "image" | "file", contentType: string): string {
    const id = `media_${randomBytes(8).toString("hex")}`;
    this.media.set(id, { bytes, filename, type, contentType });
    return id;
  }
}

let msgIds = 7_000_000_000;

export class WecomMember {
  private read = 0;

  constructor(private readonly wecom: FakeWecom, readonly userid: string) {}

  received(): Received[] {
    return this.wecom.inbox.get(this.userid) ?? [];
  }

  private base(type: string): Record<string, string | number> {
    return { ToUserName: this.wecom.o.corpId, FromUserName: this.userid, CreateTime: Math.floor(Date.now() / 1000), MsgType: type, AgentID: this.wecom.o.agentId };
  }

  /** Types a text message; returns the callback's HTTP status and the MsgId used. */
  async say(text: string, opts: { msgId?: string; badSignature?: boolean } = {}): Promise<{ status: number; body: string; msgId: string }> {
    const msgId = opts.msgId ?? String(++msgIds);
    const r = await this.wecom.callback({ ...this.base("text"), Content: text, MsgId: msgId }, opts);
    return { ...r, msgId };
  }

  async sendImage(bytes: Buffer): Promise<number> {
    const media = this.wecom.uploadFromMember(bytes, "photo.jpg", "image", "image/jpeg");
    return (await this.wecom.callback({ ...this.base("image"), PicUrl: "http://wework.example/pic", MediaId: media, MsgId: String(++msgIds) })).status;
  }

  async menuClick(key: string): Promise<number> {
    return (await this.wecom.callback({ ...this.base("event"), Event: "click", EventKey: key })).status;
  }

  /** Clicks a button by its text on a card (turning its pages with 下一页 first if needed). */
  async press(card: Card, text: string): Promise<void> {
    for (let turns = 0; turns < 10; turns++) {
      const current = this.wecom.cardByTask(card.task_id)!;
      const button = current.button_list.find((b) => b.text === text);
      if (button) return this.click(current, button.key);
      const next = current.button_list.find((b) => b.text === "下一页");
      if (!next) throw new Error(`card "${current.main_title.title}" has no button ${text}: ${current.button_list.map((b) => b.text).join(", ")}`);
      const updates = current.updates;
      await this.click(current, next.key);
      await this.wecom.waitUntil(() => (this.wecom.cardByTask(card.task_id)!.updates > updates ? true : undefined), "the next page");
    }
    throw new Error(`no button ${text}`);
  }

  async click(card: Card, key: string): Promise<void> {
    const code = this.wecom.clickCode(this.userid, card.task_id);
    const r = await this.wecom.callback({ ...this.base("event"), Event: "template_card_event", EventKey: key, TaskId: card.task_id, CardType: "button_interaction", ResponseCode: code });
    if (r.status !== 200) throw new Error(`click refused: ${r.status}`);
  }

  /** The next message this member receives (after those already read). */
  async next(what = "a message", timeoutMs = 15_000): Promise<Received> {
    const item = await this.wecom.waitUntil(() => this.received()[this.read], `${this.userid}: ${what}`, timeoutMs);
    this.read++;
    return item;
  }

  /** Reads messages until one matches; returns it. */
  async until(match: (r: Received) => boolean, what: string, timeoutMs = 20_000): Promise<Received> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await this.next(what, Math.max(1, deadline - Date.now()));
      if (match(r)) return r;
    }
  }

  /** Text of a message as a member sees it (content, or a card's title and text and buttons). */
  static text(r: Received): string {
    if (r.content !== undefined) return r.content;
    if (r.card) return [r.card.main_title.title, r.card.sub_title_text ?? "", r.card.button_list.map((b) => `[${b.text}]`).join(" ")].join("\n");
    return `<${r.msgtype} ${r.media?.filename ?? ""}>`;
  }

  /** Skips everything received so far. */
  skip(): void {
    this.read = this.received().length;
  }
}
