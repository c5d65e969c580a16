// `npm start` without BOT_TOKEN: the sandbox (a local Telegram stand-in with a web chat page) and the bot against it.
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { createSandbox } from "./sandbox/index.js";

export const SANDBOX_TOKEN = "1000000001:sandbox-token";

export async function startLocalSandbox(config: Config, logger: Logger) {
  const sandbox = await createSandbox({
    port: config.PORT,
    host: "127.0.0.1",
    logger: { info: (m) => logger.info(m), error: (e, m) => logger.error(e, m) },
  });
  console.log(`Sandbox: ${sandbox.url}`);
  return { token: SANDBOX_TOKEN, apiRoot: sandbox.apiRoot, close: () => sandbox.close() };
}
