/**
 * The web chat page in a real browser (Debian's chromium through playwright-core). Skipped with a
 * message when /usr/bin/chromium is missing, except under CI (CI=true), where it must run.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describeWithBrowser, launchBrowser, type Browser } from "../../support/chromium.js";
import { createSandbox, type Sandbox } from "../../../src/server/sandbox/index.js";
import { startEchoBot, type EchoBot } from "./helpers.js";

const describeBrowser = describeWithBrowser();
const ARTIFACTS = path.resolve("test-artifacts");

describeBrowser("sandbox web chat page", () => {
  let sandbox: Sandbox;
  let echo: EchoBot;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    sandbox = await createSandbox();
    echo = await startEchoBot(sandbox);
    await echo.bot.api.setMyCommands([
      { command: "start", description: "开始使用" },
      { command: "file", description: "导出台账文件" },
      { command: "html", description: "格式化示例" },
    ]);
    browser = await launchBrowser();
    page = browser.page;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await echo?.stop();
    await sandbox?.close();
  });

  it("picks a user, talks to the bot, presses a button, downloads a file", async () => {
    sandbox.user({ id: 6_200_000_001, first_name: "王书记", language_code: "zh" });
    const li = sandbox.user({ id: 6_200_000_002, first_name: "李委员", language_code: "zh" });
    await page.goto(sandbox.url);

    // pick a user created by the test, then add one on the page: both are the same objects
    await page.selectOption("#user-select", String(li.id));
    await page.locator("#new-user summary").click();
    await page.fill("#new-user-form input[name=first_name]", "张三");
    await page.fill("#new-user-form input[name=id]", "6200000003");
    await page.click("#new-user-form button[type=submit]");
    await page.locator("#user-select").filter({ has: page.locator("option[value='6200000003']:checked") }).waitFor();
    const zhang = sandbox.users().find((u) => u.id === 6_200_000_003);
    expect(zhang?.user.first_name).toBe("张三");
    await page.selectOption("#user-select", String(li.id));
    await page.locator(".chat-item.active", { hasText: "私聊" }).waitFor();

    await page.fill("#composer-input", "/start");
    await page.click("#send-btn");
    await page.locator(".msg.bot", { hasText: "欢迎使用！请选择：" }).waitFor();
    await page.locator(".inline-btn", { hasText: "确认" }).click();
    await page.locator("#toast", { hasText: "已确认" }).waitFor();
    await page.locator(".msg.bot", { hasText: "已确认 ✅" }).waitFor();
    expect(li.transcript().map((e) => e.text)).toEqual(["/start", "已确认 ✅"]);

    // the command menu comes from setMyCommands; clicking a command sends it
    await page.click("#commands-btn");
    await page.locator(".command-item", { hasText: "导出台账文件" }).click();
    const link = page.locator(".msg.bot .file a", { hasText: "2024年 台账 (草稿).xlsx" });
    await link.waitFor();
    const href = await link.getAttribute("href");
    const res = await page.request.get(`${sandbox.apiRoot}${href}`);
    expect((await res.body()).toString("utf8")).toBe("台账内容 ledger bytes");

    // a message sent by the test shows up live on the page
    await li.say("测试脚本发来的消息");
    await page.locator(".msg.bot", { hasText: "echo: 测试脚本发来的消息" }).waitFor();
    await li.command("html");
    await page.locator(".msg.bot b", { hasText: "粗体" }).waitFor();
    await li.command("start");
    await page.locator(".msg.bot").last().locator(".inline-btn", { hasText: "取消" }).waitFor();

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, "sandbox.png") });
  }, 60_000);

  it("creates a group on the page and adds the bot", async () => {
    await page.locator("#new-group summary").click();
    await page.fill("#new-group-form input[name=title]", "第一党支部");
    await page.locator("#group-members label", { hasText: "王书记" }).locator("input").check();
    await page.locator("#new-group-form input[name=withBot]").uncheck();
    await page.click("#new-group-form button[type=submit]");
    await page.locator(".chat-item.active", { hasText: "第一党支部" }).waitFor();
    await page.locator("[data-action=add-bot]").click();
    await page.locator(".msg.bot", { hasText: "大家好，我加入了 第一党支部" }).waitFor();
    const chat = [...sandbox.users()].find((u) => u.id === 6_200_000_001);
    const groupId = Number(await page.locator(".chat-item.active").getAttribute("data-chat"));
    expect(chat?.in(groupId).transcript().map((e) => e.service ?? e.text)).toEqual([
      "李委员 添加了 台账助手（沙盒）", "大家好，我加入了 第一党支部",
    ]);
    await page.screenshot({ path: path.join(ARTIFACTS, "sandbox-group.png") });
  }, 60_000);
});
