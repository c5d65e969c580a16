// Offline stand-ins for `prisma migrate …` (the stock CLI needs a native engine it cannot download
// here; on an online machine `npx prisma migrate deploy` reads the same files and table).
//   tsx scripts/db.ts dev --name <x>   create a migration from schema.prisma and apply it
//   tsx scripts/db.ts deploy           apply pending migrations
//   tsx scripts/db.ts status           list pending migrations (exit 1 when some are pending)
//   tsx scripts/db.ts drift            exit 2 when schema.prisma has changes no migration holds
import { parseArgs } from "node:util";
import { ensureSqliteFolder } from "../src/db/prepare.js";
import { createMigration, deployMigrations, migrationStatus, schemaDrift } from "../src/db/migrations/migrator.js";

const { positionals, values } = parseArgs({ allowPositionals: true, options: { name: { type: "string" } } });
const url = process.env.DATABASE_URL ?? "file:./data/ledger.db";

async function main(): Promise<number> {
  ensureSqliteFolder(url);
  switch (positionals[0]) {
    case "dev": {
      if (!values.name) throw new Error("usage: npm run db:migrate:dev -- --name <name>");
      const created = await createMigration(url, values.name);
      console.log(created ? `Created and applied ${created}` : "Already in sync, no migration created.");
      return 0;
    }
    case "deploy": {
      const applied = await deployMigrations(url);
      console.log(applied.length ? `Applied: ${applied.join(", ")}` : "No pending migrations.");
      return 0;
    }
    case "status": {
      const s = await migrationStatus(url);
      console.log(`${s.total} migrations; pending: ${s.pending.join(", ") || "none"}`);
      if (s.failed.length) console.log(`failed: ${s.failed.join(", ")}`);
      if (s.edited.length) console.log(`edited after being applied: ${s.edited.join(", ")}`);
      return s.pending.length || s.failed.length ? 1 : 0;
    }
    case "drift": {
      const sql = await schemaDrift(url);
      if (sql === null) {
        console.log("schema.prisma and the migrations agree.");
        return 0;
      }
      console.log("schema.prisma has changes that no migration holds:\n" + sql);
      return 2;
    }
    default:
      throw new Error("usage: tsx scripts/db.ts dev --name <x> | deploy | status | drift");
  }
}

// The engine leaves timers behind; a CLI exits explicitly.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
