import { createSandbox, type Sandbox } from "../../../src/server/sandbox/index.js";
import { call, TOKEN } from "./helpers.js";
import { waitFor } from "../../support/waitFor.js";

describe("sandbox Bot API over HTTP", () => {
  let sandbox: Sandbox;
  beforeEach(async () => { sandbox = await createSandbox({ token: TOKEN }); });
  afterEach(async () => { await sandbox.close(); });

  const started = (id: number) => sandbox.user({ id, first_name: `U${id}`, started: true });

  it("answers getMe, rejects other tokens and unknown methods in Telegram's format", async () => {
    expect(await call(sandbox, "getMe")).toEqual({ status: 200, body: { ok: true, result: sandbox.botInfo } });
    expect(sandbox.botInfo.id).toBe(123456);
    expect(await call(sandbox, "getMe", {}, "999:other")).toEqual({
      status: 401, body: { ok: false, error_code: 401, description: "Unauthorized" },
    });
    expect(await call(sandbox, "sendTelepathy", { chat_id: 1 })).toEqual({
      status: 404, body: { ok: false, error_code: 404, description: "Not Found: method not found" },
    });
  });

  it("accepts GET query strings and urlencoded bodies (method names are case-insensitive)", async () => {
    started(7);
    const get = await fetch(`${sandbox.apiRoot}/bot${TOKEN}/sendmessage?chat_id=7&text=${encodeURIComponent("查询")}`);
    expect(await get.json()).toMatchObject({ ok: true, result: { text: "查询", chat: { id: 7, type: "private" } } });
    const form = await fetch(`${sandbox.apiRoot}/bot${TOKEN}/sendMessage`, {
      method: "POST", body: new URLSearchParams({ chat_id: "7", text: "表单", reply_markup: JSON.stringify({ inline_keyboard: [[{ text: "A", callback_data: "a" }]] }) }),
    });
    expect(await form.json()).toMatchObject({ ok: true, result: { message_id: 2, text: "表单", reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a" }]] } } });
    expect(sandbox.requests.last("sendMessage")?.params).toEqual({
      chat_id: 7, text: "表单", reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a" }]] },
    });
  });

  it("enforces text limits: empty, 4096 characters, HTML errors", async () => {
    started(7);
    expect((await call(sandbox, "sendMessage", { chat_id: 7, text: "  " })).body).toEqual(
      { ok: false, error_code: 400, description: "Bad Request: message text is empty" });
    expect((await call(sandbox, "sendMessage", { chat_id: 7, text: "字".repeat(4096) })).body.ok).toBe(true);
    expect((await call(sandbox, "sendMessage", { chat_id: 7, text: "字".repeat(4097) })).body).toEqual(
      { ok: false, error_code: 400, description: "Bad Request: message is too long" });
    // the limit applies after HTML parsing
    expect((await call(sandbox, "sendMessage", { chat_id: 7, text: `<b>${"a".repeat(4096)}</b>`, parse_mode: "HTML" })).body.ok).toBe(true);
    expect((await call(sandbox, "sendMessage", { chat_id: 7, text: "实到 <5 人", parse_mode: "HTML" })).body.description)
      .toBe("Bad Request: can't parse entities: Unsupported start tag \"5\" at byte offset 7");
    expect((await call(sandbox, "sendMessage", { chat_id: 7, text: "<b>粗", parse_mode: "HTML" })).body.description)
      .toBe("Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"");
  });

  it("limits callback_data to 64 bytes and rejects buttons without an action", async () => {
    started(7);
    const kb = (data: string) => ({ inline_keyboard: [[{ text: "按钮", callback_data: data }]] });
    expect((await call(sandbox, "sendMessage", { chat_id: 7, text: "x", reply_markup: kb("a".repeat(64)) })).body.ok).toBe(true);
    expect((await call(sandbox, "sendMessage", { chat_id: 7, text: "x", reply_markup: kb("字".repeat(22)) })).body).toEqual(
      { ok: false, error_code: 400, description: "Bad Request: BUTTON_DATA_INVALID" });
    expect((await call(sandbox, "sendMessage", { chat_id: 7, text: "x", reply_markup: { inline_keyboard: [[{ text: "空" }]] } })).body.description)
      .toBe("Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  });

  it("editMessageText / editMessageReplyMarkup report 'message is not modified'", async () => {
    started(7);
    const markup = { inline_keyboard: [[{ text: "确认", callback_data: "ok" }]] };
    const sent = await call(sandbox, "sendMessage", { chat_id: 7, text: "原文", reply_markup: markup });
    const id = (sent.body.result as { message_id: number }).message_id;
    const notModified = {
      ok: false, error_code: 400,
      description: "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
    };
    expect((await call(sandbox, "editMessageText", { chat_id: 7, message_id: id, text: "原文", reply_markup: markup })).body).toEqual(notModified);
    expect((await call(sandbox, "editMessageReplyMarkup", { chat_id: 7, message_id: id, reply_markup: markup })).body).toEqual(notModified);
    const edited = await call(sandbox, "editMessageText", { chat_id: 7, message_id: id, text: "原文" });
    expect(edited.body.result).toMatchObject({ message_id: id, text: "原文", edit_date: expect.any(Number) });
    expect((edited.body.result as Record<string, unknown>).reply_markup).toBeUndefined();
    expect((await call(sandbox, "editMessageText", { chat_id: 7, message_id: 999, text: "x" })).body.description)
      .toBe("Bad Request: message to edit not found");
    expect((await call(sandbox, "deleteMessage", { chat_id: 7, message_id: id })).body.result).toBe(true);
    expect((await call(sandbox, "deleteMessage", { chat_id: 7, message_id: id })).body.description)
      .toBe("Bad Request: message to delete not found");
  });

  it("answers 403 to users who blocked the bot or never started it, 400 to unknown chats", async () => {
    const u = sandbox.user({ id: 8, first_name: "Blocker" });
    expect((await call(sandbox, "sendMessage", { chat_id: 8, text: "hi" })).body).toEqual(
      { ok: false, error_code: 403, description: "Forbidden: bot can't initiate conversation with a user" });
    await u.say("/start");
    expect((await call(sandbox, "sendMessage", { chat_id: 8, text: "hi" })).body.ok).toBe(true);
    await u.block();
    expect(await call(sandbox, "sendMessage", { chat_id: 8, text: "hi" })).toEqual({
      status: 403, body: { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" },
    });
    const updates = (await call(sandbox, "getUpdates")).body.result as Record<string, unknown>[];
    expect(updates.map((x) => Object.keys(x)[1])).toEqual(["message", "my_chat_member"]);
    expect(updates[1]).toMatchObject({ my_chat_member: { new_chat_member: { status: "kicked" }, old_chat_member: { status: "member" } } });
    expect((await call(sandbox, "sendMessage", { chat_id: -1, text: "hi" })).body.description).toBe("Bad Request: chat not found");
  });

  it("answers 429 with retry_after when one chat is flooded; limits are configurable", async () => {
    started(7);
    sandbox.setFlood([{ scope: "chat", max: 5, windowMs: 60_000 }]);
    for (let i = 0; i < 5; i++) expect((await call(sandbox, "sendMessage", { chat_id: 7, text: `m${i}` })).body.ok).toBe(true);
    const flooded = await call(sandbox, "sendMessage", { chat_id: 7, text: "too much" });
    expect(flooded.status).toBe(429);
    expect(flooded.body).toMatchObject({ ok: false, error_code: 429, parameters: { retry_after: expect.any(Number) } });
    expect(flooded.body.description).toBe(`Too Many Requests: retry after ${flooded.body.parameters?.retry_after}`);
    started(9);
    expect((await call(sandbox, "sendMessage", { chat_id: 9, text: "other chat" })).body.ok).toBe(true);
    sandbox.setFlood(false);
    expect((await call(sandbox, "sendMessage", { chat_id: 7, text: "free" })).body.ok).toBe(true);
    expect(sandbox.stats()).toMatchObject({ botMessages: 7, floodRejections: 1, chats: { "7": { botMessages: 6 } } });
  });

  it("getUpdates: offset confirms, limit caps, timeout waits for the next update", async () => {
    const u = sandbox.user({ id: 7, first_name: "Poller" });
    await u.say("one");
    await u.say("two");
    await u.say("three");
    const all = (await call(sandbox, "getUpdates")).body.result as { update_id: number }[];
    expect(all.map((x) => x.update_id)).toEqual([1, 2, 3]);
    expect(((await call(sandbox, "getUpdates", { limit: 1 })).body.result as unknown[]).length).toBe(1);
    const rest = (await call(sandbox, "getUpdates", { offset: 3 })).body.result as { update_id: number }[];
    expect(rest.map((x) => x.update_id)).toEqual([3]);
    expect(sandbox.pendingUpdates()).toBe(1);
    const waiting = call(sandbox, "getUpdates", { offset: 4, timeout: 20 });
    await waitFor("the bot to poll the sandbox", () => sandbox.isPolling());
    await u.say("four");
    const got = (await waiting).body.result as { update_id: number; message: { text: string } }[];
    expect(got.map((x) => [x.update_id, x.message.text])).toEqual([[4, "four"]]);
    expect((await call(sandbox, "getUpdates", { offset: 5 })).body.result).toEqual([]);
  });

  it("getUpdates: a second poller terminates the waiting one with 409; a webhook blocks polling", async () => {
    const first = call(sandbox, "getUpdates", { timeout: 20 });
    await waitFor("the bot to poll the sandbox", () => sandbox.isPolling());
    const second = call(sandbox, "getUpdates", { timeout: 0 });
    expect(await first).toEqual({
      status: 409,
      body: { ok: false, error_code: 409, description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running" },
    });
    expect((await second).body).toEqual({ ok: true, result: [] });
    await call(sandbox, "setWebhook", { url: "http://127.0.0.1:9/hook" });
    expect((await call(sandbox, "getUpdates")).body).toEqual({
      ok: false, error_code: 409,
      description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    });
  });

  it("honours allowed_updates (chat_member is opt-in, the setting persists)", async () => {
    const u = sandbox.user({ id: 7, first_name: "A" });
    await call(sandbox, "getUpdates", { allowed_updates: ["callback_query"] });
    await u.say("ignored");
    expect(sandbox.pendingUpdates()).toBe(0);
    await call(sandbox, "getUpdates", { allowed_updates: [] });
    await u.say("seen");
    expect(sandbox.pendingUpdates()).toBe(1);
  });

  it("getChat / getChatMember / commands / descriptions answer minimal realistic objects", async () => {
    const a = sandbox.user({ id: 7, first_name: "创建者" });
    const b = sandbox.user({ id: 8, first_name: "成员" });
    const g = sandbox.group({ id: -100, title: "支部群", members: [a, b] });
    expect((await call(sandbox, "getChat", { chat_id: -100 })).body.result).toMatchObject({ id: -100, type: "group", title: "支部群" });
    expect((await call(sandbox, "getChatMember", { chat_id: g.id, user_id: 7 })).body.result).toMatchObject({ status: "creator" });
    expect((await call(sandbox, "getChatMember", { chat_id: g.id, user_id: 8 })).body.result).toMatchObject({ status: "member" });
    expect((await call(sandbox, "setMyDescription", { description: "台账机器人" })).body.result).toBe(true);
    expect((await call(sandbox, "getMyDescription")).body.result).toEqual({ description: "台账机器人" });
    expect((await call(sandbox, "setMyCommands", { commands: [{ command: "Log", description: "x" }] })).body.description)
      .toBe("Bad Request: BOT_COMMAND_INVALID");
  });
  it("replies (reply_parameters / reply_to_message_id), chat actions, group membership", async () => {
    const a = started(7);
    const sent = await a.say("原消息");
    const reply = await call(sandbox, "sendMessage", { chat_id: 7, text: "回复", reply_parameters: { message_id: sent.message_id } });
    expect(reply.body.result).toMatchObject({ reply_to_message: { message_id: sent.message_id, text: "原消息" } });
    const legacy = await call(sandbox, "sendMessage", { chat_id: 7, text: "旧参数", reply_to_message_id: sent.message_id });
    expect(legacy.body.result).toMatchObject({ reply_to_message: { message_id: sent.message_id } });
    expect((await call(sandbox, "sendMessage", { chat_id: 7, text: "x", reply_parameters: { message_id: 999 } })).body.description)
      .toBe("Bad Request: message to be replied not found");
    expect((await call(sandbox, "sendMessage", { chat_id: 7, text: "x", reply_parameters: { message_id: 999, allow_sending_without_reply: true } })).body.ok).toBe(true);
    expect((await call(sandbox, "sendChatAction", { chat_id: 7, action: "typing" })).body.result).toBe(true);
    expect((await call(sandbox, "sendChatAction", { chat_id: 7, action: "dancing" })).body.description)
      .toBe("Bad Request: wrong parameter action in request");

    const b = sandbox.user({ id: 8, first_name: "新成员" });
    const g = sandbox.group({ title: "支部", members: [a] });
    g.add(b);
    expect(g.members()).toEqual([7, 8]);
    await b.in(g).removeBotFrom(g);
    expect((await call(sandbox, "sendMessage", { chat_id: g.id, text: "x" })).body).toEqual(
      { ok: false, error_code: 403, description: "Forbidden: bot was kicked from the group chat" });
    const updates = (await call(sandbox, "getUpdates")).body.result as Record<string, Record<string, unknown>>[];
    const joined = updates.find((x) => x.message?.new_chat_members);
    expect(joined?.message).toMatchObject({ new_chat_members: [{ id: 8, first_name: "新成员" }], chat: { id: g.id, type: "group", title: "支部" } });
    expect(updates.at(-1)?.my_chat_member).toMatchObject({ from: { id: 8 }, new_chat_member: { status: "kicked", user: { id: sandbox.botInfo.id } } });
  });
});
