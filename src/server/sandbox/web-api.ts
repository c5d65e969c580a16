/**
 * The web page's API under /sandbox/api/ (JSON), live events (Server-Sent Events) and file
 * downloads under /sandbox/files/. It acts on the same Store and Simulator as the tests.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseRequest } from "../botapi/body.js";
import { resolveCommands } from "./commands.js";
import type { Simulator } from "./simulate.js";
import type { SandboxEvent, Store } from "./store.js";
import { transcriptOf } from "./transcript.js";
import type { RecordedRequest } from "../botapi/types.js";
import type { SandboxStats } from "./types.js";
import type { WebhookDeliverer } from "./webhook.js";

export interface WebDeps {
  store: Store;
  sim: Simulator;
  webhook: WebhookDeliverer;
  pendingUpdates: () => number;
  stats: () => SandboxStats;
  recentRequests: (limit: number) => RecordedRequest[];
  reset: () => void;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(text);
}

const num = (v: unknown, what: string): number => {
  const n = Number(v);
  if (v === undefined || v === null || v === "" || !Number.isFinite(n)) throw new HttpError(400, `缺少或无效的 ${what}`);
  return n;
};

export class WebApi {
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly onChange = (e: SandboxEvent): void => this.broadcast(e);

  constructor(private readonly d: WebDeps) {
    d.store.events.on("change", this.onChange);
    this.heartbeat = setInterval(() => { for (const c of this.clients) c.write(": ping\n\n"); }, 15_000);
    this.heartbeat.unref();
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.d.store.events.off("change", this.onChange);
    for (const c of this.clients) c.end();
    this.clients.clear();
  }

  private broadcast(e: SandboxEvent): void {
    if (this.clients.size === 0) return;
    const line = `data: ${JSON.stringify(e)}\n\n`;
    for (const c of this.clients) c.write(line);
  }

  private state(): unknown {
    const { store, webhook } = this.d;
    const online = webhook.config !== undefined || Date.now() - store.lastPollAt < 65_000;
    return {
      bot: { ...store.bot, online, mode: webhook.config ? "webhook" : "polling", pending: this.d.pendingUpdates() },
      users: [...store.users.values()],
      chats: [...store.chats.values()].map((c) => ({
        id: c.id, type: c.type, title: c.title ?? store.users.get(c.userId ?? 0)?.first_name ?? String(c.id),
        members: c.members, botStatus: c.botStatus, blocked: c.blocked,
      })),
    };
  }

  private chatView(chatId: number, userId: number): unknown {
    const { store } = this.d;
    const chat = store.chats.get(chatId);
    if (!chat) throw new HttpError(404, `没有会话 ${chatId}`);
    const messages = transcriptOf(store, chat).map(({ message: _raw, ...rest }) => rest);
    const typing = chat.lastAction && Date.now() - chat.lastAction.time < 5000 ? chat.lastAction.action : undefined;
    return {
      id: chat.id, type: chat.type, botStatus: chat.botStatus, blocked: chat.blocked, members: chat.members,
      messages,
      keyboard: chat.replyKeyboard?.markup.keyboard.map((r) => r.map((b) => b.text)),
      placeholder: chat.replyKeyboard?.markup.input_field_placeholder,
      commands: resolveCommands(store, chat, userId),
      typing,
    };
  }

  /** Returns true when the request was for the web API. */
  readonly handle = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    const p = url.pathname;
    if (p.startsWith("/sandbox/files/")) return this.download(res, decodeURIComponent(p.slice("/sandbox/files/".length)));
    if (!p.startsWith("/sandbox/api/")) return false;
    try {
      if (p === "/sandbox/api/events") return this.events(res);
      const parsed = req.method === "POST" ? await parseRequest(req.headers["content-type"], req, url.searchParams)
        : { params: Object.fromEntries(url.searchParams), files: new Map() };
      const result = this.route(req.method ?? "GET", p.slice("/sandbox/api/".length).split("/"), parsed.params, parsed.files);
      sendJson(res, 200, result ?? { ok: true });
    } catch (e) {
      const status = e instanceof HttpError ? e.status : 400;
      sendJson(res, status, { error: e instanceof Error ? e.message : String(e) });
    }
    return true;
  };

  private route(
    method: string, parts: string[], b: Record<string, unknown>,
    files: Map<string, { filename: string; mimeType: string; bytes: Buffer }>,
  ): unknown {
    const { store, sim } = this.d;
    const [a, id, action] = parts;
    if (method === "GET" && a === "state") return this.state();
    if (method === "GET" && a === "stats") return this.d.stats();
    if (method === "GET" && a === "requests") return this.d.recentRequests(Number(b.limit ?? 50));
    if (method === "GET" && a === "chats" && id) return this.chatView(num(id, "chat"), num(b.user, "user"));
    if (method !== "POST") throw new HttpError(404, "未知接口");
    if (a === "reset") { this.d.reset(); return undefined; }
    if (a === "users" && !id) {
      const name = String(b.first_name ?? "").trim();
      if (!name) throw new HttpError(400, "请填写名字");
      const u = store.addUser({
        first_name: name,
        ...(b.id !== undefined && b.id !== "" ? { id: num(b.id, "id") } : {}),
        ...(b.username ? { username: String(b.username).replace(/^@/, "") } : {}),
        language_code: String(b.language_code || "zh"),
      });
      return u;
    }
    if (a === "users" && id && action === "block") { sim.setBlocked(num(id, "user"), b.blocked === true || b.blocked === "true"); return undefined; }
    if (a === "groups" && !id) {
      const members = Array.isArray(b.members) ? b.members.map((m) => num(m, "member")) : [];
      if (members.length === 0) throw new HttpError(400, "群组至少需要一名成员");
      const chat = store.addGroup({ title: String(b.title ?? "").trim() || "新群组", members, withBot: b.withBot !== false });
      return { id: chat.id };
    }
    if (a !== "chats" || !id) throw new HttpError(404, "未知接口");
    const chatId = num(id, "chat");
    const user = num(b.user, "user");
    switch (action) {
      case "send": return sim.sendText(user, chatId, String(b.text ?? ""), b.replyTo !== undefined ? num(b.replyTo, "replyTo") : undefined);
      case "press": return { queryId: sim.press(user, chatId, num(b.message_id, "message_id"), String(b.data ?? "")).queryId };
      case "edit": return sim.edit(user, chatId, num(b.message_id, "message_id"), String(b.text ?? ""));
      case "add-bot": return sim.addBot(user, chatId);
      case "remove-bot": sim.removeBot(user, chatId); return undefined;
      case "members": return sim.addMember(chatId, num(b.member, "member"), user);
      case "upload": {
        const file = files.get("file");
        if (!file) throw new HttpError(400, "没有文件");
        const kind = b.kind === "photo" ? "photo" : "document";
        return sim.sendFile(user, chatId, kind, file.bytes, {
          filename: file.filename, mime: file.mimeType, ...(b.caption ? { caption: String(b.caption) } : {}),
        });
      }
      default: throw new HttpError(404, "未知接口");
    }
  }

  private events(res: ServerResponse): true {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
    res.write(": connected\n\n");
    this.clients.add(res);
    res.on("close", () => this.clients.delete(res));
    return true;
  }

  private download(res: ServerResponse, fileId: string): true {
    const f = this.d.store.files.get(fileId);
    if (!f) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end("文件不存在");
      return true;
    }
    const name = f.file_name ?? f.file_path.split("/").pop() ?? "file";
    res.writeHead(200, {
      "content-type": f.mime_type ?? "application/octet-stream",
      "content-length": f.bytes.length,
      "content-disposition": `${f.file_path.startsWith("photos/") ? "inline" : "attachment"}; filename="${name.replace(/[^\x20-\x7e]|"/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
    res.end(f.bytes);
    return true;
  }
}
