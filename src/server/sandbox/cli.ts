/**
 * Starts the sandbox alone: `tsx src/server/sandbox/cli.ts [--port 8081] [--host 127.0.0.1]
 * [--token 123:abc] [--no-flood]`. Point a bot at it with TELEGRAM_API_ROOT=<apiRoot>.
 */
import { pino } from "pino";
import { createSandbox } from "./sandbox.js";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

const port = Number(arg("port") ?? process.env.SANDBOX_PORT ?? 8081);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid --port: ${arg("port")}`);
  process.exit(2);
}
const token = arg("token");
const logger = pino({ level: process.env.LOG_LEVEL ?? "info" });
const sandbox = await createSandbox({
  port,
  host: arg("host") ?? "127.0.0.1",
  ...(token ? { token } : {}),
  ...(process.argv.includes("--no-flood") ? { flood: false as const } : {}),
  logger: { info: (m) => logger.info(m), error: (e, m) => logger.error(e, m) },
});
console.log(`Sandbox: ${sandbox.url}`);
console.log(`Bot API root: ${sandbox.apiRoot}  (TELEGRAM_API_ROOT=${sandbox.apiRoot})`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void sandbox.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
