// `npm start`'s sandbox keeps its users, groups and chats (with the files sent in them) in a file:
// a new sandbox on the same file shows the same page; 重置 empties it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Api, InputFile } from "grammy";
import { createSandbox, type Sandbox } from "../../../src/server/sandbox/index.js";
import { sandboxStateFile } from "../../../src/server/localSandbox.js";

let dir: string;
const open: Sandbox[] = [];
const start = async (stateFile: string) => {
  const s = await createSandbox({ stateFile, flood: false });
  open.push(s);
  return s;
};
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "sandbox-state-"));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

const view = (s: Sandbox, chatId: number) => s.transcript(chatId).map(({ message: _m, date: _d, ...rest }) => rest);

describe("sandbox state file", () => {
  it("lies beside the database", () => {
    expect(sandboxStateFile("file:/srv/data/ledger.db")).toBe("/srv/data/ledger.sandbox.json");
    expect(sandboxStateFile("file::memory:")).toBeUndefined();
  });

  it("brings back users, groups, chats and files after a restart, and new ids do not collide", async () => {
    const file = path.join(dir, "ledger.sandbox.json");
    const first = await start(file);
    const zhang = first.user({ first_name: "张三", language_code: "zh" });
    const li = first.user({ first_name: "李四" });
    await zhang.say("今天 支委会 研究部署工作");
    const group = first.group({ title: "第一党支部群", members: [zhang, li] });
    const api = new Api("1:x", { apiRoot: first.apiRoot });
    await api.sendMessage(zhang.id, "已记录", { reply_markup: { inline_keyboard: [[{ text: "撤销", callback_data: "undo" }]] } });
    const doc = await api.sendDocument(zhang.id, new InputFile(Buffer.from("台账"), "台账.xlsx"));
    const before = { users: first.users().map((u) => u.id), private: view(first, zhang.id), group: view(first, group.id) };
    await first.close();

    const second = await start(file);
    expect({ users: second.users().map((u) => u.id), private: view(second, zhang.id), group: view(second, group.id) }).toEqual(before);
    const download = await fetch(`${second.apiRoot}/sandbox/files/${encodeURIComponent(doc.document.file_id)}`);
    expect(Buffer.from(await download.arrayBuffer()).toString()).toBe("台账");
    const wang = second.user({ first_name: "王五" });
    expect([zhang.id, li.id]).not.toContain(wang.id);
    await wang.say("你好");
    const more = await new Api("1:x", { apiRoot: second.apiRoot }).sendMessage(zhang.id, "第二条");
    expect(more.message_id).toBeGreaterThan(doc.message_id);
    expect(second.group({ title: "新群", members: [wang] }).id).not.toBe(group.id);
    await second.close();

    // 重置 on the page: the next start is empty.
    const third = await start(file);
    expect(third.users()).toHaveLength(3);
    const reset = await fetch(`${third.apiRoot}/sandbox/api/reset`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(reset.status).toBe(200);
    await third.close();
    const fourth = await start(file);
    expect(fourth.users()).toEqual([]);
  });
});
