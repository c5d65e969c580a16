// `npm run restore -- <file>`: puts a backup in place of the SQLite database; refuses while the bot
// (or anything else) has the database open. The replaced database is kept beside it.
import { loadConfig } from "../config.js";
import { restoreDatabase } from "../db/backup.js";
import { runCli, UsageError } from "./run.js";

runCli(async () => {
  const args = process.argv.slice(2);
  if (args[0] === "--help" || args[0] === "-h") {
    console.log("usage: npm run restore -- <file>   replace DATABASE_URL (SQLite) with a backup; stop the bot first");
    return 0;
  }
  if (args.length !== 1 || !args[0] || args[0].startsWith("-")) throw new UsageError("usage: npm run restore -- <file>");
  const { DATABASE_URL } = loadConfig();
  const r = await restoreDatabase(DATABASE_URL, args[0]);
  console.log(`Restored ${args[0]} into ${r.database}.` + (r.previous ? ` The database it replaced is kept as ${r.previous}.` : ""));
  console.log("Start the bot: it applies any migrations newer than the backup.");
  return 0;
});
