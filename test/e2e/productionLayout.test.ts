// The Dockerfile's steps by hand, on a machine without a Docker engine: compile, install the runtime
// dependencies into an empty folder with the same script the image's build uses
// (scripts/install-runtime.mjs), copy prisma/ and locales/, start `node dist/src/main.js` there with
// no BOT_TOKEN (so it runs its own sandbox), and use it as a person on the sandbox page would.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { jest } from "@jest/globals";
import { createTestDatabase, postgresServer, type TestDatabase } from "../support/database.js";
import { freePort, startBotProcess, type BotProcess } from "./spawn.js";

jest.setTimeout(600_000);

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "../..");
let dir: string;
let bot: BotProcess | undefined;
// SQLite in the first pass of .ci/run, PostgreSQL (@prisma/adapter-pg in the runtime folder) in the second.
let database: TestDatabase;

function duMiB(p: string): Promise<number> {
  return run("du", ["-sm", p]).then(({ stdout }) => Number(stdout.split(/\s/)[0]));
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "ledger-prod-"));
  database = await createTestDatabase("prodlayout");
  const opts = { cwd: root, maxBuffer: 64 << 20 };
  await run(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json", "--outDir", path.join(dir, "dist")], opts);
  await run(process.execPath, ["scripts/copy-assets.mjs", path.join(dir, "dist")], opts);
  await run(process.execPath, ["scripts/install-runtime.mjs", dir, "--native-from", path.join(root, "node_modules")], opts);
  for (const d of ["prisma", "locales"]) cpSync(path.join(root, d), path.join(dir, d), { recursive: true });
});

afterAll(async () => {
  await bot?.stop("SIGKILL");
  if (dir) rmSync(dir, { recursive: true, force: true });
  await database?.drop();
});

interface Entry {
  message_id: number;
  from: "bot" | "user";
  text: string;
  buttons: { text: string; callback_data?: string }[][];
  photo?: { href: string; mime_type?: string };
  document?: { href: string; file_name?: string };
}

/** A person on the sandbox page: the page's own JSON API. */
function pageUser(base: string, id: number) {
  let seen = 0;
  const api = async (method: "GET" | "POST", p: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${base}/sandbox/api/${p}`, {
      method,
      ...(body ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json());
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const messages = async () => ((await api("GET", `chats/${id}?user=${id}`)) as { messages: Entry[] }).messages;
  return {
    create: (first_name: string) => api("POST", "users", { id, first_name }),
    say: (text: string) => api("POST", `chats/${id}/send`, { user: id, text }),
    /** The bot's messages after the last call, once `done` holds for them (polling the page's API). */
    async replies(done: (ms: Entry[]) => boolean, timeoutMs = 60_000): Promise<Entry[]> {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const all = await messages();
        const fresh = all.filter((m) => m.message_id > seen && m.from === "bot");
        if (done(fresh)) {
          seen = Math.max(seen, ...all.map((m) => m.message_id));
          return fresh;
        }
        if (Date.now() > until) throw new Error(`no such reply; chat so far:\n${all.map((m) => `${m.from}: ${m.text}`).join("\n")}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
  };
}

describe("the production layout (what the Dockerfile builds)", () => {
  it("holds only runtime packages and runs on its own: the sandbox page, a report, /stats with a chart, /summary and /export as documents", async () => {
    const nm = path.join(dir, "node_modules");
    for (const devOnly of ["prisma", "typescript", "tsx", "esbuild", "jest", "@prisma/studio-core"]) {
      expect([devOnly, existsSync(path.join(nm, devOnly))]).toEqual([devOnly, false]);
    }
    expect(existsSync(path.join(dir, "src"))).toBe(false);
    const size = await duMiB(nm);
    console.log(`production node_modules: ${size} MiB on disk`);
    expect(size).toBeLessThan(150);

    const port = await freePort();
    bot = startBotProcess({ PORT: String(port), DATABASE_URL: database.url, NODE_ENV: "production" },
      { cwd: dir, command: [process.execPath, "dist/src/main.js"] });
    const base = (await bot.waitFor(/Sandbox: (http:\/\/127\.0\.0\.1:\d+)\//))[1]!;
    await bot.waitFor(/polling mode/);

    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("重置");
    expect((await fetch(`${base}/app.js`)).status).toBe(200);

    const u = pageUser(base, 7_300_001);
    await u.create("王书记");
    await u.say("/newbranch 生产验证党支部");
    await u.replies((ms) => ms.some((m) => m.text.includes("真实姓名")));
    await u.say("王书记");
    await u.replies((ms) => ms.some((m) => m.text.includes("已记下")));

    await u.say("/log 2023年3月15日 支委会 研究部署年度党建工作 实到5人");
    const saved = await u.replies((ms) => ms.some((m) => m.text.includes("支委会")));
    expect(saved.map((m) => m.text).join("\n")).toContain("研究部署年度党建工作");

    await u.say("/stats 2023");
    const stats = await u.replies((ms) => ms.some((m) => m.photo !== undefined));
    const chart = stats.find((m) => m.photo)!;
    const png = Buffer.from(await (await fetch(base + chart.photo!.href)).arrayBuffer());
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");

    await u.say("/summary 2023");
    const summary = await u.replies((ms) => ms.some((m) => m.document !== undefined), 120_000);
    const docx = summary.find((m) => m.document)!;
    expect(docx.document!.file_name).toMatch(/\.docx$/);
    const docxBytes = Buffer.from(await (await fetch(base + docx.document!.href)).arrayBuffer());
    expect(docxBytes.subarray(0, 2).toString("latin1")).toBe("PK");

    await u.say("/export 2023");
    const exported = await u.replies((ms) => ms.some((m) => m.document !== undefined));
    expect(exported.find((m) => m.document)!.document!.file_name).toMatch(/\.xlsx$/);

    expect(await bot.stop("SIGTERM")).toBe(0);

    // A restart shows the same sandbox page: users and chats were kept beside the database.
    bot = startBotProcess({ PORT: String(port), DATABASE_URL: database.url, NODE_ENV: "production" },
      { cwd: dir, command: [process.execPath, "dist/src/main.js"] });
    await bot.waitFor(/polling mode/);
    const state = (await (await fetch(`${base}/sandbox/api/state`)).json()) as { users: { first_name: string }[] };
    expect(state.users.map((x) => x.first_name)).toEqual(["王书记"]);
    const stateFile = postgresServer() ? path.join(dir, "data", "sandbox.json") : path.join(database.dir, "ledger.sandbox.json");
    expect(existsSync(stateFile)).toBe(true);
    expect(await bot.stop("SIGTERM")).toBe(0);
    expect(readFileSync(path.join(dir, "package.json"), "utf8")).not.toContain("devDependencies");

    // The operator commands work in the image layout too (`docker exec … npm run admin -- branches`).
    const env = { ...process.env, DATABASE_URL: database.url, BOT_TOKEN: "" };
    const branches = await run("npm", ["run", "-s", "admin", "--", "branches"], { cwd: dir, env });
    expect(branches.stdout).toMatch(/^\d+\t生产验证党支部\t1\t1\t/m);
    if (!postgresServer()) {
      const backup = await run("npm", ["run", "-s", "backup", "--", path.join(dir, "backup.db")], { cwd: dir, env });
      expect(backup.stdout).toContain("Backup written:");
    }
  });
});
