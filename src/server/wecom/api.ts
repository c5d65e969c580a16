/**
 * WeCom's server API for a 自建应用: the access token (cached, refreshed before it expires and once
 * on an expired-token error), message/send, update_template_card, media upload/download, appchat,
 * menu, user/get. Every call goes to WECOM_API_ROOT (WeCom's, 政务微信's or a test fake).
 */
export interface WecomApiOptions {
  apiRoot: string;
  corpId: string;
  secret: string;
  agentId: number;
  fetch?: typeof fetch;
  now?: () => number;
}

/** A WeCom error reply (`errcode` other than 0). */
export class WecomError extends Error {
  constructor(readonly errcode: number, readonly errmsg: string, readonly path: string) {
    super(`WeCom ${path}: ${errcode} ${errmsg}`);
    this.name = "WecomError";
  }
}

/** errcodes meaning the token is invalid or expired. */
const TOKEN_ERRORS = new Set([40014, 41001, 42001]);
/** Refresh this long before WeCom's expires_in runs out. */
const TOKEN_MARGIN_MS = 5 * 60_000;

type Reply = { errcode?: number; errmsg?: string } & Record<string, unknown>;

export class WecomApi {
  private token: { value: string; until: number } | undefined;
  private pendingToken: Promise<string> | undefined;
  private readonly doFetch: typeof fetch;
  private readonly now: () => number;
  /** Token fetches so far (tests check the cache). */
  tokenFetches = 0;

  constructor(private readonly o: WecomApiOptions) {
    this.doFetch = o.fetch ?? fetch;
    this.now = o.now ?? Date.now;
  }

  get agentId(): number {
    return this.o.agentId;
  }

  private url(path: string, query: Record<string, string> = {}): string {
    const u = new URL(path.replace(/^\//, ""), this.o.apiRoot.endsWith("/") ? this.o.apiRoot : `${this.o.apiRoot}/`);
    for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
    return u.href;
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.now() < this.token.until) return this.token.value;
    this.pendingToken ??= (async () => {
      try {
        const res = await this.doFetch(this.url("/cgi-bin/gettoken", { corpid: this.o.corpId, corpsecret: this.o.secret }));
        const body = (await res.json()) as Reply & { access_token?: string; expires_in?: number };
        if (body.errcode || !body.access_token) throw new WecomError(body.errcode ?? -1, body.errmsg ?? "no access_token", "gettoken");
        this.tokenFetches++;
        const ttl = (body.expires_in ?? 7200) * 1000;
        this.token = { value: body.access_token, until: this.now() + Math.max(ttl - TOKEN_MARGIN_MS, ttl / 2) };
        return body.access_token;
      } finally {
        this.pendingToken = undefined;
      }
    })();
    return this.pendingToken;
  }

  /** Calls an API path with the token; on an expired-token error, refreshes once and retries. */
  private async withToken<T extends Reply>(path: string, send: (token: string) => Promise<Response>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      const res = await send(token);
      if (!res.ok) throw new WecomError(-1, `HTTP ${res.status}`, path);
      const body = (await res.json()) as T;
      if (body.errcode && TOKEN_ERRORS.has(body.errcode) && attempt === 0) {
        this.token = undefined;
        continue;
      }
      if (body.errcode) throw new WecomError(body.errcode, body.errmsg ?? "", path);
      return body;
    }
  }

  post<T extends Reply = Reply>(path: string, body: unknown, query: Record<string, string> = {}): Promise<T> {
    return this.withToken<T>(path, (token) =>
      this.doFetch(this.url(path, { access_token: token, ...query }), {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8" },
        body: JSON.stringify(body),
      }),
    );
  }

  get<T extends Reply = Reply>(path: string, query: Record<string, string>): Promise<T> {
    return this.withToken<T>(path, (token) => this.doFetch(this.url(path, { access_token: token, ...query })));
  }

  /** message/send to members (touser) of this app; returns msgid and, for interactive cards, response_code. */
  sendMessage(touser: string, msgtype: string, content: Record<string, unknown>): Promise<{ msgid?: string; response_code?: string }> {
    return this.post("/cgi-bin/message/send", { touser, msgtype, agentid: this.o.agentId, [msgtype]: content, enable_duplicate_check: 0 });
  }

  sendToChat(chatid: string, msgtype: string, content: Record<string, unknown>): Promise<Reply> {
    return this.post("/cgi-bin/appchat/send", { chatid, msgtype, [msgtype]: content });
  }

  updateTemplateCard(userids: string[], responseCode: string, templateCard: Record<string, unknown>): Promise<Reply> {
    return this.post("/cgi-bin/message/update_template_card", {
      userids, agentid: this.o.agentId, response_code: responseCode, template_card: templateCard,
    });
  }

  recall(msgid: string): Promise<Reply> {
    return this.post("/cgi-bin/message/recall", { msgid });
  }

  /** media/upload (multipart field "media"); type image or file. */
  async upload(type: "image" | "file", bytes: Buffer, filename: string, mimeType?: string): Promise<string> {
    const body = await this.withToken<Reply & { media_id?: string }>("/cgi-bin/media/upload", (token) => {
      const form = new FormData();
      form.append("media", new Blob([new Uint8Array(bytes)], { type: mimeType ?? "application/octet-stream" }), filename);
      return this.doFetch(this.url("/cgi-bin/media/upload", { access_token: token, type }), { method: "POST", body: form });
    });
    if (!body.media_id) throw new WecomError(-1, "no media_id", "media/upload");
    return body.media_id;
  }

  /** media/get: the bytes of a temporary media file and its type. */
  async download(mediaId: string): Promise<{ bytes: Buffer; mimeType?: string; filename?: string }> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      const res = await this.doFetch(this.url("/cgi-bin/media/get", { access_token: token, media_id: mediaId }));
      const type = res.headers.get("content-type") ?? undefined;
      if (type?.startsWith("application/json") || type?.startsWith("text/plain")) {
        const body = (await res.json()) as Reply;
        if (body.errcode && TOKEN_ERRORS.has(body.errcode) && attempt === 0) {
          this.token = undefined;
          continue;
        }
        throw new WecomError(body.errcode ?? -1, body.errmsg ?? "", "media/get");
      }
      if (!res.ok) throw new WecomError(-1, `HTTP ${res.status}`, "media/get");
      const disposition = res.headers.get("content-disposition") ?? "";
      const name = /filename="?([^";]+)"?/.exec(disposition)?.[1];
      return { bytes: Buffer.from(await res.arrayBuffer()), ...(type ? { mimeType: type } : {}), ...(name ? { filename: decodeURIComponent(name) } : {}) };
    }
  }

  /** A member's display name (user/get), or undefined when the app may not read it. */
  async userName(userid: string): Promise<string | undefined> {
    try {
      const body = await this.get<Reply & { name?: string }>("/cgi-bin/user/get", { userid });
      return body.name || undefined;
    } catch {
      return undefined;
    }
  }

  createAppChat(name: string, owner: string, userlist: string[]): Promise<Reply & { chatid?: string }> {
    return this.post("/cgi-bin/appchat/create", { name, owner, userlist });
  }

  createMenu(menu: { button: unknown[] }): Promise<Reply> {
    return this.post("/cgi-bin/menu/create", menu, { agentid: String(this.o.agentId) });
  }
}
