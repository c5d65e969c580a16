// Shared by the operator commands (admin, backup, restore): one line on stderr and exit code 2 for
// bad input, 1 for a failure, 0 otherwise; an explicit exit (the schema engine leaves timers).
import { BackupInputError } from "../db/backup.js";
import { ConfigError } from "../config.js";

/** Something the operator typed or configured is wrong: exit code 2, the message as one line. */
export class UsageError extends Error {}

export function runCli(main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (error: unknown) => {
      const input = error instanceof UsageError || error instanceof BackupInputError || error instanceof ConfigError;
      const message = error instanceof Error ? error.message : String(error);
      console.error(input ? message.replace(/\s*\n\s*/g, " ") : `Error: ${message}`);
      process.exit(input ? 2 : 1);
    },
  );
}
