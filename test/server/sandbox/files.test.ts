import { Bot, InputFile } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { createSandbox, type Sandbox } from "../../../src/server/sandbox/index.js";
import { call, PNG_1x1, startEchoBot, TOKEN } from "./helpers.js";

describe("sandbox files (multipart uploads, getFile, downloads)", () => {
  let sandbox: Sandbox;
  beforeEach(async () => { sandbox = await createSandbox(); });
  afterEach(async () => { await sandbox.close(); });

  it("keeps the bytes, name and type of grammY's sendDocument (unquoted Chinese filename)", async () => {
    const echo = await startEchoBot(sandbox);
    try {
      const u = sandbox.user({ id: 7, first_name: "书记" });
      await u.command("file");
      const m = await u.next();
      expect(m.text).toBe("导出完成");
      expect(m.document).toMatchObject({
        file_name: "2024年 台账 (草稿).xlsx",
        mime_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      });
      expect(m.bytes?.toString("utf8")).toBe("台账内容 ledger bytes");
      const docs = u.documents();
      expect(docs).toHaveLength(1);
      expect(docs[0]).toMatchObject({ kind: "document", file_name: "2024年 台账 (草稿).xlsx", caption: "导出完成" });
      expect(docs[0]?.bytes.toString("utf8")).toBe("台账内容 ledger bytes");
      expect(sandbox.requests.last("sendDocument")?.params.document).toMatchObject({ filename: "2024年 台账 (草稿).xlsx" });

      // the page's download link and the Bot API file path both serve the bytes
      const page = await fetch(`${sandbox.apiRoot}${m.document?.href}`);
      expect(page.headers.get("content-disposition")).toContain("filename*=UTF-8''2024%E5%B9%B4%20");
      expect(Buffer.from(await page.arrayBuffer()).toString("utf8")).toBe("台账内容 ledger bytes");
      const info = await call(sandbox, "getFile", { file_id: m.document?.file_id });
      const path = (info.body.result as { file_path: string }).file_path;
      const api = await fetch(`${sandbox.apiRoot}/file/bot${TOKEN}/${path}`);
      expect(Buffer.from(await api.arrayBuffer()).toString("utf8")).toBe("台账内容 ledger bytes");
    } finally {
      await echo.stop();
    }
  });

  it("sendPhoto takes an upload or a known file_id; unknown ids are rejected", async () => {
    const bot = new Bot(TOKEN, { client: { apiRoot: sandbox.apiRoot }, botInfo: sandbox.botInfo as unknown as UserFromGetMe });
    const u = sandbox.user({ id: 7, first_name: "A", started: true });
    const first = await bot.api.sendPhoto(7, new InputFile(PNG_1x1), { caption: "<b>图表</b>", parse_mode: "HTML" });
    expect(first.photo?.[0]).toMatchObject({ width: 1, height: 1, file_size: PNG_1x1.length });
    expect(first.caption).toBe("图表");
    expect(first.caption_entities).toEqual([{ type: "bold", offset: 0, length: 2 }]);
    const again = await bot.api.sendPhoto(7, first.photo?.[0]?.file_id ?? "");
    expect(again.photo?.[0]?.file_id).toBe(first.photo?.[0]?.file_id);
    await expect(bot.api.sendPhoto(7, "no-such-file")).rejects.toThrow("Bad Request: wrong file identifier/HTTP URL specified");
    const photos = u.photos();
    expect(photos.map((p) => p.bytes.equals(PNG_1x1))).toEqual([true, true]);
    const doc = await bot.api.sendDocument(7, new InputFile(Buffer.from("a,b\n1,2\n"), "data.csv"));
    await expect(bot.api.sendPhoto(7, doc.document?.file_id ?? "")).rejects.toThrow("can't use file of type Document as Photo");
    await expect(bot.api.sendDocument(7, new InputFile(Buffer.alloc(0), "empty.txt"))).rejects.toThrow("file must be non-empty");
    const byUrl = await bot.api.sendPhoto(7, `${sandbox.apiRoot}/sandbox/files/${encodeURIComponent(first.photo?.[0]?.file_id ?? "")}`);
    expect(byUrl.photo?.[0]).toMatchObject({ width: 1, height: 1, file_size: PNG_1x1.length });
    await expect(bot.api.sendPhoto(7, `${sandbox.apiRoot}/nothing-here.png`)).rejects.toThrow("Bad Request: failed to get HTTP URL content");
    expect((await bot.api.sendMessage(7, "&#1114112; &#x4e2d;", { parse_mode: "HTML" })).text).toBe("&#1114112; 中");
  });

  it("users can send documents that the bot downloads", async () => {
    const bot = new Bot(TOKEN, { client: { apiRoot: sandbox.apiRoot }, botInfo: sandbox.botInfo as unknown as UserFromGetMe });
    const u = sandbox.user({ id: 7, first_name: "A" });
    await u.sendDocument(Buffer.from("签到表"), "签到表.txt", { caption: "附件" });
    const [update] = await bot.api.getUpdates();
    expect(update?.message?.document).toMatchObject({ file_name: "签到表.txt", mime_type: "text/plain", file_size: 9 });
    const file = await bot.api.getFile(update?.message?.document?.file_id ?? "");
    const res = await fetch(`${sandbox.apiRoot}/file/bot${TOKEN}/${file.file_path}`);
    expect(await res.text()).toBe("签到表");
  });
});
