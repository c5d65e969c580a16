// `npm run backup -- <file>`: a consistent copy of the SQLite database, also while the bot runs.
import { loadConfig } from "../config.js";
import { backupDatabase } from "../db/backup.js";
import { runCli, UsageError } from "./run.js";

runCli(async () => {
  const args = process.argv.slice(2);
  if (args[0] === "--help" || args[0] === "-h") {
    console.log("usage: npm run backup -- <file>   a consistent copy of DATABASE_URL (SQLite), safe while the bot runs");
    return 0;
  }
  if (args.length !== 1 || !args[0] || args[0].startsWith("-")) throw new UsageError("usage: npm run backup -- <file>");
  const { DATABASE_URL } = loadConfig();
  const r = await backupDatabase(DATABASE_URL, args[0]);
  console.log(`Backup written: ${r.file} (${Math.ceil(r.bytes / 1024)} KiB in ${r.ms} ms)`);
  return 0;
});
