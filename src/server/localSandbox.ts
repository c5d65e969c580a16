// `npm start` without BOT_TOKEN: the sandbox (a local Telegram stand-in with a web chat page) and the bot against it.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Config } from "../config.js";
import { databaseKind, sqlitePath } from "../db/url.js";
import type { Logger } from "../logger.js";
import { createSandbox } from "./sandbox/index.js";

export const SANDBOX_TOKEN = "1000000001:sandbox-token";

/** Beside the database: data/ledger.db → data/ledger.sandbox.json (PostgreSQL: ./data/sandbox.json). */
export function sandboxStateFile(databaseUrl: string): string | undefined {
  if (databaseKind(databaseUrl) !== "sqlite") return path.resolve("data", "sandbox.json");
  const db = sqlitePath(databaseUrl);
  if (db === ":memory:") return undefined;
  return path.join(path.dirname(db), `${path.basename(db, path.extname(db))}.sandbox.json`);
}

export async function startLocalSandbox(config: Config, logger: Logger) {
  const stateFile = sandboxStateFile(config.DATABASE_URL);
  if (stateFile) mkdirSync(path.dirname(stateFile), { recursive: true });
  const sandbox = await createSandbox({
    port: config.PORT,
    host: "127.0.0.1",
    logger: { info: (m) => logger.info(m), error: (e, m) => logger.error(e, m) },
    ...(stateFile ? { stateFile } : {}),
  });
  console.log(`Sandbox: ${sandbox.url}`);
  if (stateFile) logger.info({ stateFile }, "sandbox users, groups and chats are kept in this file (重置 on the page clears it)");
  return { token: SANDBOX_TOKEN, apiRoot: sandbox.apiRoot, close: () => sandbox.close() };
}
