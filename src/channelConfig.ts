// The chat channel and its settings (CHANNEL, WECOM_*), validated with the rest of the config.
import { z } from "zod";

const blankAsUnset = (v: unknown) => (v === "" ? undefined : v);

const REQUIRED = "is required when CHANNEL=wecom";
const text = (message: string) => z.string({ error: (iss) => (iss.input === undefined ? REQUIRED : message) }).trim();

/** 企业微信 / 政务微信 自建应用 settings; the first five are required when CHANNEL=wecom. */
const wecomSchema = z.object({
  CHANNEL: z.literal("wecom"),
  WECOM_CORP_ID: z.preprocess(blankAsUnset, text("must be the CorpID").regex(/^[A-Za-z0-9]{6,64}$/, "must be the CorpID from 我的企业 (letters and digits)")),
  WECOM_AGENT_ID: z.preprocess(
    (v) => (v === "" || v === undefined ? undefined : Number(v)),
    z.number({ error: (iss) => (iss.input === undefined ? REQUIRED : "must be the app's AgentId (a number)") })
      .int("must be the app's AgentId (a number)").positive("must be the app's AgentId (a number)"),
  ),
  WECOM_SECRET: z.preprocess(blankAsUnset, text("must be the app's Secret").min(1)),
  WECOM_TOKEN: z.preprocess(blankAsUnset, text("must be the callback Token").regex(/^[A-Za-z0-9]{1,32}$/, "must be the callback Token (1-32 letters and digits)")),
  WECOM_AES_KEY: z.preprocess(blankAsUnset, text("must be the callback EncodingAESKey").regex(/^[A-Za-z0-9]{43}$/, "must be the callback EncodingAESKey (43 letters and digits)")),
  WECOM_API_ROOT: z.preprocess(blankAsUnset, z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).default("https://qyapi.weixin.qq.com")),
  WECOM_CALLBACK_PATH: z.preprocess(blankAsUnset, z.string().regex(/^\/[\w\-./]*$/, 'must be a URL path starting with "/"').default("/wecom/callback")),
  /** The userids BOT_ADMINS names (set by loadConfig, not read from the environment). */
  WECOM_ADMINS: z.array(z.string()).optional(),
});

/** CHANNEL: telegram (default) or wecom with its settings. */
export const channelSchema = z.discriminatedUnion("CHANNEL", [z.object({ CHANNEL: z.literal("telegram") }), wecomSchema], {
  error: () => 'must be "telegram" or "wecom"',
});

export type ChannelConfig = z.infer<typeof channelSchema>;
export type WecomConfig = Extract<ChannelConfig, { CHANNEL: "wecom" }>;

/** Variables never echoed in a configuration error. */
export const CHANNEL_SECRETS = ["WECOM_SECRET", "WECOM_AES_KEY", "WECOM_TOKEN"];

export function channelInput(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const { WECOM_ADMINS: _ignored, ...rest } = env;
  return { ...rest, CHANNEL: env.CHANNEL === undefined || env.CHANNEL === "" ? "telegram" : env.CHANNEL };
}
