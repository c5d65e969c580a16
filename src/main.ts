// Entry point: `npm start`. Without BOT_TOKEN it runs the local sandbox (a Telegram stand-in) too.
import { startApp } from "./app.js";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { createLogger } from "./logger.js";

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);

  let token = config.BOT_TOKEN;
  let apiRoot = config.TELEGRAM_API_ROOT;
  let closeSandbox: (() => Promise<void>) | undefined;
  /** Stops taking messages from outside before the bot stops (the WeCom bridge). */
  let stopIntake: (() => Promise<void>) | undefined;
  if (config.CHANNEL === "wecom") {
    // The bot polls the WeCom bridge, which takes WeCom's callbacks on PORT (docs/contract.md).
    if (config.BOT_MODE === "webhook") {
      logger.info("CHANNEL=wecom: the bot polls the WeCom bridge; WeCom's callbacks arrive on PORT");
      const { WEBHOOK_URL: _url, WEBHOOK_SECRET: _secret, ...rest } = config;
      config = { ...rest, BOT_MODE: "polling", webhookNeedsToken: false };
    }
    const { startWecomBridge } = await import("./server/wecom/bridge.js");
    const bridge = await startWecomBridge({ config, logger });
    token = bridge.token;
    apiRoot = bridge.apiRoot;
    closeSandbox = bridge.close;
    stopIntake = bridge.stopTaking;
  } else if (!token) {
    // The sandbox listens on PORT itself; the bot takes its updates by polling it.
    if (config.BOT_MODE === "polling" && config.webhookNeedsToken) {
      logger.info("sandbox mode: taking updates by polling (BOT_MODE=webhook needs BOT_TOKEN)");
    }
    const { startLocalSandbox } = await import("./server/localSandbox.js");
    const sandbox = await startLocalSandbox(config, logger);
    token = sandbox.token;
    apiRoot = sandbox.apiRoot;
    closeSandbox = sandbox.close;
  }

  const app = await startApp(config, logger, { token, ...(apiRoot ? { apiRoot } : {}), healthInPolling: !closeSandbox });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    await stopIntake?.();
    await app.stop();
    await closeSandbox?.();
    process.exit(0);
  };
  // `on`, not `once`: a signal sent to the whole process group reaches us twice (directly and
  // relayed by npm); the second must not kill the process in the middle of a clean stop.
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `Fatal: ${error.message}` : error);
  process.exit(1);
});
