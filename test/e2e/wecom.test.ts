// The real bot process with CHANNEL=wecom against a fake WeCom: every message checked as WeCom gets it.
import { jest } from "@jest/globals";
import { openDatabase } from "../../src/db/client.js";
import { createStore } from "../../src/db/store.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { FakeWecom, WecomMember, type Received } from "../support/fakeWecom.js";
import { freePort, startBotProcess, type BotProcess } from "./spawn.js";

jest.setTimeout(180_000);

const KEYS = { corpId: "wx5823bf96d3bd56c7", secret: "app-secret-e2e", agentId: 1000002, token: "QDG6eK", aesKey: "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C" };

let db0: TestDatabase;
let dbUrl: string;
let wecom: FakeWecom;
let bot: BotProcess;
let port: number;
const members: WecomMember[] = [];

beforeAll(async () => {
  db0 = await createTestDatabase("wecom_f");
  dbUrl = db0.url;
  wecom = await new FakeWecom(KEYS).start();
  port = await freePort();
  bot = startProcess();
  wecom.callbackUrl = `http://127.0.0.1:${port}/wecom/callback`;
  await bot.waitFor(/polling mode/, 60_000);
});

afterAll(async () => {
  await bot?.stop("SIGTERM");
  await wecom?.close();
  await db0?.drop();
});

const text = (r: Received) => WecomMember.text(r);

function startProcess(): BotProcess {
  return startBotProcess({
    CHANNEL: "wecom", WECOM_CORP_ID: KEYS.corpId, WECOM_AGENT_ID: String(KEYS.agentId), WECOM_SECRET: KEYS.secret,
    WECOM_TOKEN: KEYS.token, WECOM_AES_KEY: KEYS.aesKey, WECOM_API_ROOT: wecom.url, PORT: String(port), DATABASE_URL: dbUrl,
    // WeCom userids (账号), mapped by the bot to the bridge's numeric ids.
    BOT_ADMINS: "ZhangSan,ZhaoLiu",
  });
}

async function activities(): Promise<number> {
  const db = await openDatabase(dbUrl);
  try {
    return await db.prisma.activity.count();
  } finally {
    await db.close();
  }
}

/** Items already returned by waitText/waitCard, keyed by message and card version. */
const consumed = new Set<string>();
const versionOf = (m: Received) => `${m.msgid}:${m.card?.updates ?? 0}`;

/** The first message (or card, as updated) not seen before whose text matches. */
function waitText(m: WecomMember, pattern: RegExp, card = false): Promise<Received> {
  return wecom.waitUntil(() => {
    const hit = m.received().find((r) => !consumed.has(versionOf(r)) && (!card || r.card) && pattern.test(text(r)));
    if (hit) consumed.add(versionOf(hit));
    return hit;
  }, `${m.userid}: ${pattern}`).catch((e: Error) => {
    throw new Error(`${e.message}\nreceived:\n${m.received().map(text).join("\n---\n")}`);
  });
}
const waitCard = (m: WecomMember, pattern: RegExp) => waitText(m, pattern, true);

describe("the bot in WeCom", () => {
  it("answers the URL verification with WeCom's published sample", async () => {
    const q = "msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3&timestamp=1409659589&nonce=263014780&echostr=" +
      encodeURIComponent("P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==");
    const res = await fetch(`${wecom.callbackUrl}?${q}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("1616140317555161061");
    const forged = await fetch(`${wecom.callbackUrl}?${q.replace("5c45", "5c46")}`);
    expect(forged.status).toBe(403);
  });

  it("runs a branch: create, invite, join, one-line reports, the guided flow with card buttons", async () => {
    const sec = wecom.member("ZhangSan", "张三");
    const r = await sec.say("/start");
    expect(r).toMatchObject({ status: 200, body: "" });
    expect(text(await sec.next())).toContain("您好，张三");
    await sec.say("/newbranch 测试党支部");
    const created = text(await sec.until((m) => text(m).includes("已创建支部"), "branch created"));
    expect(created).toContain("测试党支部");
    // In 企业微信 the secretary sends /bind to the app, which creates the group chat.
    expect(created).toContain("在本应用中发送 /bind");
    expect(created).not.toContain("拉进支部群");
    await sec.say("张三");
    await waitText(sec, /已记下/);
    await sec.say("/invite");
    const invite = await sec.until((m) => /start[= ]\S+/.test(text(m)), "an invite");
    const code = /start[= ]([A-Za-z0-9_-]+)/.exec(text(invite))![1]!;
    // No Telegram link in WeCom: the code and how to send it to the app.
    expect(text(invite)).not.toMatch(/t\.me|https?:/);
    expect(text(invite)).toContain(`发送 /start ${code}`);
    for (const [id, name] of [["LiSi", "李四"], ["WangWu", "王五"]] as const) {
      const m = wecom.member(id, name);
      await m.say(`/start ${code}`);
      expect(text(await m.until((x) => /加入|欢迎/.test(text(x)), `${name} joins`))).toContain("欢迎加入「测试党支部」");
      members.push(m);
    }
    // A one-line report is saved at once; a plain-text one gets a confirmation card.
    const li = members[0]!, wang = members[1]!;
    // Not in BOT_ADMINS: may not create a branch.
    await li.say("/newbranch 另一个党支部");
    await waitText(li, /没有权限/);
    await li.say("/log 今天 支部党员大会 学习贯彻党的二十大精神 实到3人");
    await waitText(li, /党员大会/);
    await wang.say("昨天 主题党日 参观家风教育基地 3人参加");
    const confirm = await waitCard(wang, /主题党日/);
    await wang.press(confirm.card!, "✅ 保存");
    await waitText(wang, /已保存|已记录|主题党日 1次/);

    // The guided flow with card buttons; the kind picker (19 kinds) is paged.
    await sec.say("/log");
    const picker = await waitCard(sec, /记录哪类活动/);
    expect(picker.card!.button_list.length).toBeLessThanOrEqual(6);
    expect(picker.card!.button_list.map((b) => b.text)).toContain("下一页");
    // Turning the pages: the bridge updates the card with the click's response_code.
    const firstPage = picker.card!.button_list.map((b) => b.text);
    await sec.click(picker.card!, picker.card!.button_list.find((b) => b.text === "下一页")!.key);
    await wecom.waitUntil(() => (picker.card!.updates === 1 ? true : undefined), "page 2");
    const secondPage = picker.card!.button_list.map((b) => b.text);
    expect(secondPage).toContain("上一页");
    expect(secondPage.filter((t) => !["上一页", "下一页"].includes(t)).some((t) => firstPage.includes(t))).toBe(false);
    expect(picker.card!.sub_title_text).toContain("第2/");
    await sec.click(picker.card!, picker.card!.button_list.find((b) => b.text === "上一页")!.key);
    await wecom.waitUntil(() => (picker.card!.updates === 2 ? true : undefined), "page 1 again");
    expect(picker.card!.button_list.map((b) => b.text)).toEqual(firstPage);
    await sec.press(picker.card!, "支委会");
    const day = await waitCard(sec, /活动是哪天/);
    await sec.press(day.card!, "今天");
    const topic = await waitCard(sec, /主题|议题/);
    await sec.press(topic.card!, "跳过");
    await waitText(sec, /人/);
    await sec.say("5");
    const review = await waitCard(sec, /实到 5/);
    await sec.press(review.card!, "✅ 保存");
    await waitText(sec, /支委会 1次、5人次/);
    expect(await activities()).toBe(3);
  });

  it("sends /stats with its chart as an image and /summary as a .docx file", async () => {
    const sec = wecom.member("ZhangSan", "张三");
    sec.skip();
    await sec.say("/stats");
    const chart = await sec.until((m) => m.msgtype === "image", "the chart");
    expect(chart.media!.bytes.subarray(1, 4).toString()).toBe("PNG");
    await sec.say("/summary");
    const docx = await sec.until((m) => m.msgtype === "file", "the .docx", 60_000);
    expect(docx.media!.filename).toMatch(/\.docx$/);
    expect(docx.media!.bytes.subarray(0, 2).toString()).toBe("PK");
  });

  it("/remind before /bind says how a group is made in WeCom: /bind in the app, not adding the bot to a group", async () => {
    const sec = wecom.member("ZhangSan", "张三");
    sec.skip();
    await sec.say("/remind");
    const note = text(await sec.until((m) => /还没有绑定支部群/.test(text(m)), "the reminder panel"));
    expect(note).toContain("在本应用中发送 /bind，即可建立支部群聊并绑定");
    expect(note).not.toContain("拉进支部群");
  });

  it("refuses a wrong signature (403, nothing changes) and takes a replayed MsgId once", async () => {
    const li = wecom.member("LiSi", "李四");
    const before = await activities();
    const forged = await li.say("/log 今天 党小组会 学习党章 实到3人", { badSignature: true });
    expect(forged.status).toBe(403);
    const first = await li.say("/log 今天 党课 学习新思想 实到3人");
    expect(first.status).toBe(200);
    await waitText(li, /党课/);
    const replay = await li.say("/log 今天 党课 学习新思想 实到3人", { msgId: first.msgId });
    expect(replay).toMatchObject({ status: 200, body: "" });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await activities()).toBe(before + 1);
  });

  it("binds an app chat with /bind and sends the 主题党日 reminder there", async () => {
    const sec = wecom.member("ZhangSan", "张三");
    await sec.say("/bind");
    const chat = await wecom.waitUntil(() => [...wecom.chats.values()][0], "an app chat");
    expect(chat.userlist.sort()).toEqual(["LiSi", "WangWu", "ZhangSan"]);
    await wecom.waitUntil(() => chat.received.find((m) => /绑定/.test(m.content ?? "")), "the bind answer");
    // A theme day today with a reminder five minutes ago; the scheduler's pass at start sends it.
    await bot.stop("SIGTERM");
    const db = await openDatabase(dbUrl);
    const at = new Date(Date.now() - 5 * 60_000);
    const local = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Shanghai", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false }).formatToParts(at);
    const part = (t: string) => local.find((p) => p.type === t)!.value;
    const branch = await db.prisma.branch.findFirstOrThrow();
    const store = createStore(db);
    await store.reminders.setRule(branch.id, { pattern: { type: "day_of_month", day: Number(part("day")) }, onNonWorkday: "keep", reminders: [{ daysBefore: 0, time: `${part("hour")}:${part("minute")}` }] }, new Date());
    await store.reminders.setEnabled(branch.id, true, new Date(Date.now() - 30 * 60_000));
    await db.close();
    bot = startProcess();
    await bot.waitFor(/polling mode/, 60_000);
    const reminder = await wecom.waitUntil(() => chat.received.find((m) => /主题党日/.test(m.content ?? "")), "the reminder", 30_000);
    expect(reminder.content).toContain("测试党支部");
  });

  it("tells a secretary without members that /bind needs them, reminders then go privately", async () => {
    const solo = wecom.member("ZhaoLiu", "赵六");
    await solo.say("/newbranch 新建党支部");
    await waitText(solo, /已创建支部/);
    await solo.say("赵六");
    await waitText(solo, /已记下/);
    const chats = wecom.chats.size;
    await solo.say("/bind");
    await waitText(solo, /至少两名/);
    expect(wecom.chats.size).toBe(chats);
  });

  it("after the restart, a member's report is still saved: ids never repeat", async () => {
    const li = wecom.member("LiSi", "李四");
    const before = await activities();
    await li.say("/log 今天 党小组会 学习党章 实到3人");
    await waitText(li, /党小组会/);
    expect(await activities()).toBe(before + 1);
  });

  it("delivered everything as WeCom takes it", () => {
    expect(wecom.violations).toEqual([]);
    expect(wecom.dropped).toEqual([]);
    for (const list of wecom.inbox.values()) {
      for (const m of list) if (m.content) expect(Buffer.byteLength(m.content)).toBeLessThanOrEqual(2048);
    }
  });
});
