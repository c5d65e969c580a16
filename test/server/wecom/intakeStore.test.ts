// What the WeCom bridge keeps in the database: callbacks with their updates until the bot took them,
// and sent cards for a bounded time.
import { openDatabase, type DatabaseHandle } from "../../../src/db/client.js";
import { deployMigrations } from "../../../src/db/migrations/migrator.js";
import { channelsRepo } from "../../../src/db/repos/channels.js";
import { createTestDatabase, type TestDatabase } from "../../support/database.js";

let db: TestDatabase;
let handle: DatabaseHandle;
let repo: ReturnType<typeof channelsRepo>;

beforeAll(async () => {
  db = await createTestDatabase("wecom_store");
  await deployMigrations(db.url);
  handle = await openDatabase(db.url);
  repo = channelsRepo(handle.prisma);
});
afterAll(async () => {
  await handle?.close();
  await db?.drop();
});

const day = (d: number) => new Date(Date.UTC(2026, 10, d, 12));
const update = (id: number) => ({ update_id: id, message: { text: `#${id}` } });

describe("the callbacks the bridge took", () => {
  it("keeps each once, with its updates until the bot confirms them; a restart finds what is left", async () => {
    expect(await repo.firstSight("wecom:msg:1", '{"MsgId":"1"}')).toBe(true);
    expect(await repo.firstSight("wecom:msg:1", '{"MsgId":"1"}')).toBe(false);
    await repo.firstSight("wecom:msg:2", '{"MsgId":"2"}');
    await repo.firstSight("wecom:msg:3", '{"MsgId":"3"}');
    await repo.firstSight("wecom:msg:4", '{"MsgId":"4"}');
    await repo.made("wecom:msg:1", [update(501)], day(1));
    await repo.made("wecom:msg:2", [update(502), update(503)], day(1));
    await repo.made("wecom:msg:3", [], day(1));
    // The bot confirmed everything below 502: #1 is done, #2 (502 and 503) waits, #3 made nothing, #4 is not made yet.
    expect(await repo.handedBelow(502, day(1))).toBe(1);
    const left = await repo.unfinished(new Date(Date.now() + 1000));
    expect(left.updates.map((u) => JSON.parse(u) as unknown)).toEqual([[update(502), update(503)]]);
    expect(left.callbacks).toEqual([{ key: "wecom:msg:4", callback: '{"MsgId":"4"}' }]);
    expect(left.lastUpdateId).toBe(503);
    // Callbacks of this run (received after the start) are not resumed: their own request makes them.
    expect((await repo.unfinished(new Date(0))).callbacks).toEqual([]);
  });

  it("forgets the taken ones after a day, keeps the waiting ones, gives up on unmade ones after a week", async () => {
    const now = new Date(Date.now() + 60_000);
    expect(await repo.forgetInboundBefore(now, new Date(0))).toBe(2);
    const left = await repo.unfinished(now);
    expect(left.updates).toHaveLength(1);
    expect(left.callbacks).toHaveLength(1);
    expect(await repo.forgetInboundBefore(now, now)).toBe(1);
    expect((await repo.unfinished(now)).callbacks).toEqual([]);
    expect(await repo.firstSight("wecom:msg:2", "{}")).toBe(false);
  });
});

describe("the cards the bridge sent", () => {
  it("keeps a card's state by chat and message, updated in place, and forgets it after its retention", async () => {
    await repo.saveCard("wecom", 7, 1, '{"page":0}', day(1));
    await repo.saveCard("wecom", 7, 1, '{"page":1}', day(20));
    await repo.saveCard("wecom", -3, 1, '{"page":0}', day(2));
    expect(await repo.card("wecom", 7, 1)).toBe('{"page":1}');
    expect(await repo.card("wecom", 7, 2)).toBeNull();
    expect(await repo.forgetCardsBefore(day(10))).toBe(1);
    expect(await repo.card("wecom", -3, 1)).toBeNull();
    expect(await repo.card("wecom", 7, 1)).toBe('{"page":1}');
  });
});
