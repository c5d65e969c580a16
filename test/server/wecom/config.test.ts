// CHANNEL and WECOM_* are validated at start like every other variable, secrets never echoed.
import { ConfigError, loadConfig } from "../../../src/config.js";

const WECOM = { CHANNEL: "wecom", WECOM_CORP_ID: "wx5823bf96d3bd56c7", WECOM_AGENT_ID: "1000002", WECOM_SECRET: "app-secret", WECOM_TOKEN: "QDG6eK", WECOM_AES_KEY: "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C" };
const base = { DATABASE_URL: "file::memory:" };
const message = (env: Record<string, string>) => {
  try {
    loadConfig({ ...base, ...env });
    return "ok";
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
};

describe("CHANNEL and WECOM_*", () => {
  it("defaults to Telegram and fills WeCom's defaults", () => {
    expect(loadConfig(base).CHANNEL).toBe("telegram");
    expect(loadConfig({ ...base, ...WECOM })).toMatchObject({ CHANNEL: "wecom", WECOM_AGENT_ID: 1000002, WECOM_API_ROOT: "https://qyapi.weixin.qq.com", WECOM_CALLBACK_PATH: "/wecom/callback" });
  });

  it.each([
    [{ CHANNEL: "wechat" }, 'Configuration error: CHANNEL must be "telegram" or "wecom" (got "wechat")'],
    [{ CHANNEL: "wecom" }, "Configuration error: WECOM_CORP_ID is required when CHANNEL=wecom"],
    [{ ...WECOM, WECOM_AGENT_ID: "abc" }, `Configuration error: WECOM_AGENT_ID must be the app's AgentId (a number) (got "abc")`],
    [{ ...WECOM, WECOM_AES_KEY: "too-short-secret" }, "Configuration error: WECOM_AES_KEY must be the callback EncodingAESKey (43 letters and digits)"],
    [{ ...WECOM, WECOM_API_ROOT: "qyapi" }, 'Configuration error: WECOM_API_ROOT must be an http(s) URL (got "qyapi")'],
    [{ ...WECOM, WECOM_CALLBACK_PATH: "wecom" }, 'Configuration error: WECOM_CALLBACK_PATH must be a URL path starting with "/" (got "wecom")'],
  ])("stops with one line for %j", (env, expected) => {
    expect(message(env)).toBe(expected);
  });
});
