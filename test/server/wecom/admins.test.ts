// BOT_ADMINS with CHANNEL=wecom names WeCom userids; the bot sees the bridge's numeric ids.
import { resolveWecomAdmins } from "../../../src/app.js";
import { ConfigError, loadConfig } from "../../../src/config.js";
import { openDatabase, type DatabaseHandle } from "../../../src/db/client.js";
import { deployMigrations } from "../../../src/db/migrations/migrator.js";
import { channelsRepo } from "../../../src/db/repos/channels.js";
import { createTestDatabase, type TestDatabase } from "../../support/database.js";

const WECOM = {
  CHANNEL: "wecom",
  WECOM_CORP_ID: "wx5823bf96d3bd56c7",
  WECOM_AGENT_ID: "1000002",
  WECOM_SECRET: "app-secret",
  WECOM_TOKEN: "QDG6eK",
  WECOM_AES_KEY: "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
};
const base = { DATABASE_URL: "file::memory:" };
const silent = { info: () => undefined } as unknown as Parameters<typeof resolveWecomAdmins>[2];
const errorOf = (env: Record<string, string>) => {
  try {
    loadConfig({ ...base, ...env });
    return "ok";
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
};

describe("BOT_ADMINS by channel", () => {
  it("takes Telegram user ids only on Telegram (as before)", () => {
    expect(loadConfig({ ...base, BOT_ADMINS: "12, 34" }).BOT_ADMINS).toEqual([12, 34]);
    expect(errorOf({ BOT_ADMINS: "12,zhangsan" })).toBe(
      'Configuration error: BOT_ADMINS must be comma-separated Telegram user ids (got "12,zhangsan")',
    );
  });

  it("takes WeCom userids with CHANNEL=wecom, nobody allowed until they are mapped", () => {
    const config = loadConfig({ ...base, ...WECOM, BOT_ADMINS: "zhangsan, li.si@corp ,10086" });
    expect(config).toMatchObject({ CHANNEL: "wecom", WECOM_ADMINS: ["zhangsan", "li.si@corp", "10086"], BOT_ADMINS: [0] });
    expect(loadConfig({ ...base, ...WECOM }).BOT_ADMINS).toEqual([]);
    expect(errorOf({ ...WECOM, BOT_ADMINS: "zhangsan,张三" })).toBe(
      'Configuration error: BOT_ADMINS must be comma-separated WeCom userids (账号, e.g. zhangsan,lisi) (got "zhangsan,张三")',
    );
    // WECOM_ADMINS comes from BOT_ADMINS only, never from the environment.
    expect(loadConfig({ ...base, ...WECOM, WECOM_ADMINS: "x" })).toMatchObject({ BOT_ADMINS: [] });
  });

  describe("mapped through ChannelUser", () => {
    let tdb: TestDatabase;
    let db: DatabaseHandle;
    beforeAll(async () => {
      tdb = await createTestDatabase("f2-admins");
      await deployMigrations(tdb.url);
      db = await openDatabase(tdb.url);
    });
    afterAll(async () => {
      await db.close();
      await tdb.drop();
    });

    it("gives the ids the bridge uses for those members, before and after they first write", async () => {
      const channels = channelsRepo(db.prisma);
      const known = await channels.userId("wecom", "lisi", "李四"); // wrote to the app already
      const config = loadConfig({ ...base, ...WECOM, BOT_ADMINS: "zhangsan,lisi" });
      const resolved = await resolveWecomAdmins(config, channels, silent);
      expect(resolved.BOT_ADMINS).toHaveLength(2);
      expect(resolved.BOT_ADMINS[1]).toBe(known.id);
      // zhangsan writes later: the bridge finds the same id, and names the member then.
      const zhang = await channels.userId("wecom", "zhangsan", "张三");
      expect(resolved.BOT_ADMINS[0]).toBe(zhang.id);
      expect(zhang.name).toBe("张三");
      // A restart maps to the same ids.
      expect((await resolveWecomAdmins(config, channels, silent)).BOT_ADMINS).toEqual(resolved.BOT_ADMINS);
      // Telegram configs are left alone.
      const telegram = loadConfig({ ...base, BOT_ADMINS: "5" });
      expect(await resolveWecomAdmins(telegram, channels, silent)).toBe(telegram);
    });
  });
});
