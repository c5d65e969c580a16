import { startHarness, type Harness } from "../../support/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

describe("/start, /help, /lang", () => {
  it("welcomes a newcomer in Chinese and says how to join", async () => {
    const u = h.user({ id: 101, first_name: "小王" });
    await u.command("start");
    const reply = await u.next();
    expect(reply.text).toContain("您好，小王！");
    // No Fluent isolation marks around placeables.
    expect(reply.text).not.toMatch(/[\u2068\u2069]/);
    expect(reply.text).toContain("/newbranch");
    expect(reply.text).toContain("邀请链接");
  });

  it("lists every command with an example in /help", async () => {
    const u = h.user({ id: 102, first_name: "老李" });
    await u.command("help");
    const reply = await u.next();
    for (const cmd of ["/log", "/mine", "/undo", "/stats", "/check", "/summary", "/export", "/invite", "/members", "/remind", "/next", "/lang", "/newbranch"]) {
      expect(reply.text).toContain(cmd);
    }
    expect(reply.text).not.toMatch(/[\u2068\u2069]/);
  });

  it("switches to English with /lang and remembers it in the database", async () => {
    const u = h.user({ id: 103, first_name: "Li" });
    await u.command("lang");
    await u.next();
    await u.press("English");
    const edited = await u.next();
    expect(edited.text).toBe("Switched to English.");
    const member = await h.store.members.ensure(103, undefined);
    expect(member.locale).toBe("en");
    await u.command("start");
    expect((await u.next()).text).toContain("Hello, Li!");
  });

  it("registers the command menu in Chinese and English", () => {
    const zh = h.sandbox.commands({ language_code: "zh" });
    const en = h.sandbox.commands({ language_code: "en" });
    expect(zh.find((c) => c.command === "log")?.description).toBe("记录一次活动");
    expect(en.find((c) => c.command === "log")?.description).toBe("Record an activity");
    expect(h.sandbox.commands().find((c) => c.command === "help")?.description).toBe("全部命令与示例");
  });
});
