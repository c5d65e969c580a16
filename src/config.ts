// Configuration from the environment, validated once at start (docs/contract.md).
import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { CHANNEL_SECRETS, channelInput, channelSchema, type ChannelConfig } from "./channelConfig.js";
import { databaseKind, sqlitePath } from "./db/url.js";
import { isValidTimeZone } from "./domain/calendar/index.js";
import { LANGS } from "./domain/lang.js";


const databaseUrl = z
  .string()
  .trim()
  .default("file:./data/ledger.db")
  .superRefine((url, ctx) => {
    if (databaseKind(url) === "postgresql") {
      if (!URL.canParse(url)) ctx.addIssue({ code: "custom", message: "is not a valid postgresql:// URL" });
      return;
    }
    if (!url.startsWith("file:")) {
      ctx.addIssue({ code: "custom", message: 'must start with "file:" (SQLite) or "postgresql://"' });
      return;
    }
    const file = sqlitePath(url);
    if (file === ":memory:") return;
    // The file's own folder is created on start (./data); a missing parent is a mistake.
    const parent = path.dirname(path.dirname(file));
    if (!existsSync(parent)) ctx.addIssue({ code: "custom", message: `folder ${path.dirname(file)} cannot be created: ${parent} does not exist` });
  });

const optionalText = z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().min(1).optional());

const fields = z.object({
    BOT_TOKEN: optionalText,
    TELEGRAM_API_ROOT: z.preprocess((v) => (v === "" ? undefined : v), z.url({ protocol: /^https?$/ }).optional()),
    DATABASE_URL: databaseUrl,
    BOT_MODE: z.enum(["polling", "webhook"], { message: 'must be "polling" or "webhook"' }).default("polling"),
    WEBHOOK_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url({ protocol: /^https?$/ }).optional()),
    WEBHOOK_SECRET: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, "must be 1-256 characters of A-Z, a-z, 0-9, _ and -").optional(),
    ),
    PORT: z.coerce.number({ message: "must be a port number" }).int().min(1).max(65535).default(8080),
    // Checked by channel in loadConfig: Telegram user ids, or WeCom userids.
    BOT_ADMINS: z
      .string()
      .default("")
      .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean)),
    DEFAULT_TIMEZONE: z.string().default("Asia/Shanghai").refine(isValidTimeZone, "must be an IANA time zone such as Asia/Shanghai"),
    DEFAULT_LOCALE: z.enum(LANGS, { message: 'must be "zh" or "en"' }).default("zh"),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { message: "must be a pino level (fatal … trace, silent)" })
      .default("info"),
    BACKUP_DIR: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.string().trim().refine((d) => existsSync(path.dirname(path.resolve(d))), "must be a folder whose parent exists").optional(),
    ),
    BACKUP_KEEP: z.coerce.number({ message: "must be a whole number of backups" }).int().min(1).max(1000).default(7),
    RETENTION_DAYS: z.coerce.number({ message: "must be a whole number of days" }).int().min(1).max(3650).default(30),
});

type Common = Omit<z.output<typeof fields>, "BOT_MODE" | "WEBHOOK_URL" | "WEBHOOK_SECRET" | "BOT_ADMINS"> & {
  /**
   * Numeric user ids allowed to create branches; empty = anyone. With CHANNEL=wecom the userids
   * are in WECOM_ADMINS and this holds [0] (nobody) until startApp maps them (resolveWecomAdmins).
   */
  BOT_ADMINS: number[];
};

/** How the bot takes its updates; webhook fields exist only in webhook mode. */
export type ModeConfig =
  | { BOT_MODE: "polling"; /** BOT_MODE=webhook was asked for without BOT_TOKEN (sandbox). */ webhookNeedsToken: boolean }
  | { BOT_MODE: "webhook"; WEBHOOK_URL: string; WEBHOOK_SECRET: string | undefined };

type BaseConfig = Common & ModeConfig;
export type Config = BaseConfig & ChannelConfig;

const schema = fields
  .superRefine((c, ctx) => {
    if (c.BOT_MODE === "webhook" && c.BOT_TOKEN && !c.WEBHOOK_URL) {
      ctx.addIssue({ code: "custom", path: ["WEBHOOK_URL"], message: "is required when BOT_MODE=webhook" });
    }
  })
  .transform(({ BOT_MODE, WEBHOOK_URL, WEBHOOK_SECRET, BOT_ADMINS: _admins, ...rest }): BaseConfig => {
    const common = { ...rest, BOT_ADMINS: [] };
    // Without a token the local sandbox feeds the bot by polling (it listens on PORT itself).
    if (BOT_MODE === "webhook" && common.BOT_TOKEN && WEBHOOK_URL) {
      return { ...common, BOT_MODE, WEBHOOK_URL, WEBHOOK_SECRET };
    }
    return { ...common, BOT_MODE: "polling", webhookNeedsToken: BOT_MODE === "webhook" };
  });

export class ConfigError extends Error {}

/** A WeCom userid (账号): 1-64 letters, digits, "_", "-", "." or "@". */
const WECOM_USERID = /^[A-Za-z0-9_.@-]{1,64}$/;

function adminList(value: string | undefined): string[] {
  return (value ?? "").split(",").map((x) => x.trim()).filter(Boolean);
}

function adminError(message: string, env: NodeJS.ProcessEnv): ConfigError {
  return new ConfigError(`Configuration error: BOT_ADMINS ${message} (got "${env.BOT_ADMINS ?? ""}")`);
}

/** Parses the environment; throws ConfigError with one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = schema.safeParse(env);
  const channel = channelSchema.safeParse(channelInput(env));
  if (result.success && channel.success) {
    const admins = adminList(env.BOT_ADMINS);
    if (channel.data.CHANNEL === "telegram") {
      if (admins.some((a) => !/^\d+$/.test(a))) throw adminError("must be comma-separated Telegram user ids", env);
      return { ...result.data, ...channel.data, BOT_ADMINS: admins.map(Number) };
    }
    if (admins.some((a) => !WECOM_USERID.test(a))) throw adminError("must be comma-separated WeCom userids (账号, e.g. zhangsan,lisi)", env);
    // Fail closed: id 0 is nobody's until startApp maps the userids through ChannelUser.
    return { ...result.data, ...channel.data, WECOM_ADMINS: admins, BOT_ADMINS: admins.length ? [0] : [] };
  }
  const issue = (result.error ?? channel.error)!.issues[0]!;
  const name = String(issue.path[0] ?? "environment");
  const secret = name === "BOT_TOKEN" || name === "WEBHOOK_SECRET" || name === "DATABASE_URL" || CHANNEL_SECRETS.includes(name);
  const got = env[name] === undefined || secret ? "" : ` (got "${env[name]}")`;
  throw new ConfigError(`Configuration error: ${name} ${issue.message}${got}`);
}
