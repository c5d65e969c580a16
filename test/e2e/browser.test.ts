/**
 * The real bot through the sandbox's web chat page in a real browser (Debian's chromium through
 * playwright-core): what a secretary trying the bot sees. Skipped with a message when
 * /usr/bin/chromium is missing, except under CI (CI=true), where it must run.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describeWithBrowser, launchBrowser, type Browser } from "../support/chromium.js";
import { startHarness, type Harness } from "../support/harness.js";

const describeBrowser = describeWithBrowser();

describeBrowser("branch-ledger in the sandbox page", () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    h = await startHarness();
    browser = await launchBrowser();
    page = browser.page;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  it("creates a branch, records an activity in one line and confirms with a button", async () => {
    const secretary = h.user({ id: 6_300_000_001, first_name: "王书记" });
    await page.goto(h.sandbox.url);
    await page.selectOption("#user-select", String(secretary.id));
    await page.locator(".chat-item.active", { hasText: "私聊" }).waitFor();

    const send = async (text: string) => {
      await page.fill("#composer-input", text);
      await page.click("#send-btn");
    };
    await send("/start");
    await page.locator(".msg.bot", { hasText: "您好，王书记！" }).waitFor();
    await send("/newbranch 第一党支部");
    await page.locator(".msg.bot", { hasText: "已创建支部「第一党支部」" }).waitFor();
    await page.locator(".msg.bot", { hasText: "真实姓名" }).waitFor();
    await send("王建国");
    await page.locator(".msg.bot", { hasText: "王建国，已记下" }).waitFor();
    await send("昨天 主题党日 “传承好家风 筑牢廉洁墙” 参观家风教育基地 12人参加");
    await page.locator(".msg.bot", { hasText: "要记录这次活动吗" }).waitFor();
    await page.locator(".inline-btn", { hasText: "✅ 保存" }).last().click();
    await page.locator(".msg.bot", { hasText: "本年累计：主题党日 1次、12人次" }).waitFor();

    const rows = await h.db.prisma.activity.findMany({ include: { kinds: true } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.title).toBe("传承好家风 筑牢廉洁墙");
    mkdirSync("test-artifacts", { recursive: true });
    await page.screenshot({ path: path.join("test-artifacts", "ledger-in-sandbox.png") });
  }, 60_000);
});
