import { createSandbox, type Sandbox } from "../../../src/server/sandbox/index.js";
import { buildEchoBot, startEchoBot } from "./helpers.js";
import { waitFor } from "../../support/waitFor.js";

describe("sandbox.fetch: grammY in-process, without the network", () => {
  let sandbox: Sandbox;
  beforeEach(async () => { sandbox = await createSandbox(); });
  afterEach(async () => { await sandbox.close(); });

  it("long-polls, replies, uploads files and stops cleanly", async () => {
    const echo = await startEchoBot(sandbox, { apiRoot: sandbox.apiRoot, fetch: sandbox.fetch });
    try {
      const u = sandbox.user({ id: 9, first_name: "Local" });
      await u.say("内部");
      expect((await u.next()).text).toBe("echo: 内部");
      await u.command("file");
      const m = await u.next();
      expect(m.document?.file_name).toBe("2024年 台账 (草稿).xlsx");
      expect(u.documents()[0]?.bytes.toString("utf8")).toBe("台账内容 ledger bytes");
    } finally {
      await echo.stop();
    }
  });

  it("handleUpdate works with the in-process transport too", async () => {
    const bot = buildEchoBot(sandbox, { apiRoot: sandbox.apiRoot, fetch: sandbox.fetch });
    const u = sandbox.user({ id: 10, first_name: "Direct" });
    await u.say("直接");
    const [update] = await bot.api.getUpdates();
    if (!update) throw new Error("no update");
    await bot.handleUpdate(update);
    expect((await u.next()).text).toBe("echo: 直接");
  });

  it("a second polling bot makes the first one stop with 409 Conflict", async () => {
    const first = buildEchoBot(sandbox, { apiRoot: sandbox.apiRoot, fetch: sandbox.fetch });
    let ready!: () => void;
    const polling = new Promise<void>((r) => { ready = r; });
    const firstRun = first.start({ onStart: () => ready(), timeout: 10 });
    await polling;
    await waitFor("the bot to poll the sandbox", () => sandbox.isPolling());
    const second = await startEchoBot(sandbox, { apiRoot: sandbox.apiRoot, fetch: sandbox.fetch });
    await expect(firstRun).rejects.toThrow("Conflict: terminated by other getUpdates request");
    const u = sandbox.user({ id: 11, first_name: "Still" });
    await u.say("ok");
    expect((await u.next()).text).toBe("echo: ok");
    await second.stop();
  });
});
