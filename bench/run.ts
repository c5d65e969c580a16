// `npm run bench`: speed and memory figures, printed (never asserted). Ratios within one run are what to compare.
import { runBotBench } from "./bot.js";
import { runLedgerBench } from "./ledger.js";
import { runRemindersBench } from "./reminders.js";

console.log(`branch-ledger bench · node ${process.version} · ${new Date().toISOString()}`);
await runLedgerBench();
await runBotBench();
await runRemindersBench();
console.log(`\npeak rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
process.exit(0);
