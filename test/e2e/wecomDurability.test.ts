// Nothing WeCom was told was taken is lost: the real process with CHANNEL=wecom against the fake
// WeCom, kill -9 right after a burst of callbacks got their 200 (before any answer reached WeCom),
// then a restart: every report saved and answered exactly once. And a card sent before a restart
// can still be paged and edited in place after it.
import { jest } from "@jest/globals";
import { openDatabase } from "../../src/db/client.js";
import { deployMigrations } from "../../src/db/migrations/migrator.js";
import { channelsRepo } from "../../src/db/repos/channels.js";
import { createStore } from "../../src/db/store.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { FakeWecom, WecomMember, type Received } from "../support/fakeWecom.js";
import { freePort, startBotProcess, type BotProcess } from "./spawn.js";

jest.setTimeout(180_000);

const KEYS = {
  corpId: "wx5823bf96d3bd56c7",
  secret: "app-secret-durable",
  agentId: 1000002,
  token: "QDG6eK",
  aesKey: "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
};
const PEOPLE = [
  ["ZhangSan", "张三"],
  ["LiSi", "李四"],
  ["WangWu", "王五"],
  ["ZhaoLiu", "赵六"],
] as const;
const PER_MEMBER = 5;
const KINDS = ["支委会", "党课", "主题党日", "党小组会", "志愿服务"];

let db: TestDatabase;
let wecom: FakeWecom;
let port: number;
const procs: BotProcess[] = [];

function start(): BotProcess {
  const p = startBotProcess({
    CHANNEL: "wecom",
    WECOM_CORP_ID: KEYS.corpId,
    WECOM_AGENT_ID: String(KEYS.agentId),
    WECOM_SECRET: KEYS.secret,
    WECOM_TOKEN: KEYS.token,
    WECOM_AES_KEY: KEYS.aesKey,
    WECOM_API_ROOT: wecom.url,
    PORT: String(port),
    DATABASE_URL: db.url,
  });
  procs.push(p);
  return p;
}

/** One branch: the first person its secretary, the others members, known to the bridge by their userids. */
async function seed(): Promise<void> {
  await deployMigrations(db.url);
  const handle = await openDatabase(db.url);
  try {
    const ids = await channelsRepo(handle.prisma).userIds(
      "wecom",
      PEOPLE.map(([u]) => u),
    );
    const store = createStore(handle);
    const memberIds: number[] = [];
    for (const [i, id] of ids.entries()) {
      const m = await store.members.ensure(id, undefined);
      await store.members.setName(m.id, PEOPLE[i]![1]);
      memberIds.push(m.id);
    }
    const branch = await store.branches.create("第一党支部", "Asia/Shanghai", memberIds[0]!);
    for (const id of memberIds.slice(1)) await store.memberships.join(branch.id, id, false);
  } finally {
    await handle.close();
  }
}

const MARKS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉";
/** Distinct one-line reports, each its own date and topic (专题甲, 专题乙 …). */
const report = (n: number) =>
  `${2021 + Math.floor(n / 12)}年${(n % 12) + 1}月${(n % 27) + 1}日 ${KINDS[n % KINDS.length]} 学习专题${MARKS[n]} ${3 + (n % 5)}人参加`;
const marker = (n: number) => new RegExp(`专题${MARKS[n]}`);
const text = (r: Received) => WecomMember.text(r);

async function activities(): Promise<{ n: number; sources: number }> {
  const handle = await openDatabase(db.url);
  try {
    const rows = await handle.prisma.activity.findMany({
      where: { deletedAt: null },
      select: { sourceChatId: true, sourceMessageId: true },
    });
    return { n: rows.length, sources: new Set(rows.map((r) => `${r.sourceChatId}:${r.sourceMessageId}`)).size };
  } finally {
    await handle.close();
  }
}

beforeEach(async () => {
  db = await createTestDatabase("wecom_dur");
  wecom = await new FakeWecom(KEYS).start();
  port = await freePort();
  wecom.callbackUrl = `http://127.0.0.1:${port}/wecom/callback`;
  for (const [u, name] of PEOPLE) wecom.member(u, name);
  await seed();
});

afterEach(async () => {
  await Promise.all(procs.splice(0).map((p) => p.stop("SIGKILL")));
  await wecom.close();
  await db.drop();
});

describe("the WeCom bridge loses nothing it took", () => {
  it("kill -9 right after a burst of callbacks was accepted, then a restart: every report saved and answered exactly once", async () => {
    const first = start();
    await first.waitFor(/polling mode/, 60_000);
    const members = PEOPLE.map(([u, name]) => wecom.member(u, name));
    // No answer reaches WeCom from the first process: each report must be taken up by the second.
    wecom.holdSends = true;
    const sent = await Promise.all(
      members.map(async (m, i) => {
        const out: { member: WecomMember; n: number }[] = [];
        for (let k = 0; k < PER_MEMBER; k++) {
          const n = i * PER_MEMBER + k;
          const r = await m.say(`/log ${report(n)}`);
          expect(r).toMatchObject({ status: 200, body: "" });
          out.push({ member: m, n });
        }
        return out;
      }),
    );
    await first.stop("SIGKILL");
    expect(members.flatMap((m) => m.received())).toEqual([]);
    wecom.dropHeld();

    const second = start();
    await second.waitFor(/polling mode/, 60_000);
    const all = sent.flat();
    const answersTo = (s: { member: WecomMember; n: number }) =>
      s.member.received().filter((r) => marker(s.n).test(text(r)) && /记录/.test(text(r)));
    await wecom
      .waitUntil(() => (all.every((s) => answersTo(s).length > 0) ? true : undefined), "every report answered", 120_000)
      .catch((e: Error) => {
        throw new Error(
          `${e.message}\nunanswered: ${all
            .filter((s) => answersTo(s).length === 0)
            .map((s) => s.n)
            .join(
              ", ",
            )}\n${second.output().slice(-3000)}\n${members.map((m) => m.userid + ":\n" + m.received().map(text).join("\n--\n")).join("\n====\n")}`,
        );
      });
    // A little longer: a second answer to any of them would come now.
    await new Promise((r) => setTimeout(r, 2000));
    expect(all.filter((s) => answersTo(s).length !== 1).map((s) => s.n)).toEqual([]);
    expect(await activities()).toEqual({ n: all.length, sources: all.length });
    expect(wecom.violations).toEqual([]);
  });

  it("a card sent before a restart is paged with 下一页 and edited in place after it", async () => {
    const first = start();
    await first.waitFor(/polling mode/, 60_000);
    const sec = wecom.member("ZhangSan", "张三");
    await sec.say("/log");
    const picker = await sec.until((r) => r.card !== undefined && /记录哪类活动/.test(text(r)), "the kind picker");
    const card = picker.card!;
    const firstPage = card.button_list.map((b) => b.text);
    expect(firstPage).toContain("下一页");
    expect(await first.stop("SIGTERM")).toBe(0);

    const second = start();
    await second.waitFor(/polling mode/, 60_000);
    // A clean stop waits until the bot confirmed what it took: nothing is queued again.
    expect(second.output()).not.toMatch(/resumed the updates/);
    await sec.click(card, card.button_list.find((b) => b.text === "下一页")!.key);
    await wecom.waitUntil(() => (card.updates === 1 ? true : undefined), "page 2 of the old card");
    expect(card.sub_title_text).toContain("第2/");
    expect(card.button_list.map((b) => b.text)).toContain("上一页");
    // A kind on page 2: the bot edits the message, and the old card shows the next question in place.
    const kind = card.button_list.find((b) => !["上一页", "下一页"].includes(b.text))!;
    expect(firstPage).not.toContain(kind.text);
    await sec.click(card, kind.key);
    await wecom.waitUntil(() => (card.updates === 2 ? true : undefined), "the card edited in place");
    expect(card.main_title.title).toMatch(/活动是哪天/);
    expect(wecom.violations).toEqual([]);
  });
});
