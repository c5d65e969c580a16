import { ConfigError, loadConfig } from "../src/config.js";

const base = { DATABASE_URL: "file::memory:" };

function errorOf(env: Record<string, string>): string {
  try {
    loadConfig({ ...base, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error("expected a configuration error");
}

describe("loadConfig", () => {
  it("defaults to polling", () => {
    const config = loadConfig(base);
    expect(config.BOT_MODE).toBe("polling");
    expect(config.PORT).toBe(8080);
    expect(config.BOT_ADMINS).toEqual([]);
  });

  it("gives the webhook fields only in webhook mode", () => {
    const config = loadConfig({
      ...base,
      BOT_TOKEN: "1:x",
      BOT_MODE: "webhook",
      WEBHOOK_URL: "https://bot.example/tg",
      WEBHOOK_SECRET: "abc",
    });
    expect(config).toMatchObject({ BOT_MODE: "webhook", WEBHOOK_URL: "https://bot.example/tg", WEBHOOK_SECRET: "abc" });
  });

  it("runs the token-less sandbox by polling even when webhook mode is asked for", () => {
    const config = loadConfig({ ...base, BOT_MODE: "webhook" });
    expect(config).toMatchObject({ BOT_MODE: "polling", webhookNeedsToken: true });
  });

  it("requires WEBHOOK_URL in webhook mode with a token", () => {
    expect(errorOf({ BOT_TOKEN: "1:x", BOT_MODE: "webhook" })).toBe("Configuration error: WEBHOOK_URL is required when BOT_MODE=webhook");
  });

  it("reads BOT_ADMINS as a list of user ids", () => {
    expect(loadConfig({ ...base, BOT_ADMINS: " 12, 34 ,," }).BOT_ADMINS).toEqual([12, 34]);
    expect(errorOf({ BOT_ADMINS: "12,alice" })).toBe(
      'Configuration error: BOT_ADMINS must be comma-separated Telegram user ids (got "12,alice")',
    );
  });

  it.each([
    ["WEBHOOK_SECRET", { BOT_TOKEN: "1:x", BOT_MODE: "webhook", WEBHOOK_URL: "https://bot.example/tg", WEBHOOK_SECRET: "has spaces!" }],
    ["DATABASE_URL", { DATABASE_URL: "mysql://user:pass@host/db" }],
  ])("never echoes the value of %s", (name, env) => {
    const message = errorOf(env);
    expect(message.startsWith(`Configuration error: ${name} `)).toBe(true);
    expect(message).not.toContain("(got");
  });

  it("names the variable and echoes harmless values", () => {
    expect(errorOf({ BOT_MODE: "banana" })).toBe('Configuration error: BOT_MODE must be "polling" or "webhook" (got "banana")');
    expect(errorOf({ DEFAULT_TIMEZONE: "Mars/Base" })).toBe(
      'Configuration error: DEFAULT_TIMEZONE must be an IANA time zone such as Asia/Shanghai (got "Mars/Base")',
    );
  });
});
