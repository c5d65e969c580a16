// Generates the Prisma client into src/generated/ (git-ignored). Runs on `npm ci`.
// PRISMA_SCHEMA_ENGINE_BINARY stops the CLI from downloading a native engine that generate never uses;
// /bin/false (not /bin/true) so that a stray `prisma migrate` fails loudly instead of doing nothing.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { writePostgresSchema } from "./postgres-schema.mjs";

const require = createRequire(import.meta.url);
let cli;
try {
  cli = require.resolve("prisma/build/index.js");
} catch {
  // `npm ci --omit=dev` (the runtime image): the client was generated and compiled in the build stage.
  console.log("prisma CLI not installed (production install): client generation skipped.");
  process.exit(0);
}
// The PostgreSQL schema is derived from the SQLite one (provider line only); keep it in step.
if (existsSync("prisma/schema.prisma")) writePostgresSchema();
const schemas = ["prisma/schema.prisma", "prisma/postgres/schema.prisma"].filter((s) => existsSync(s));
for (const schema of schemas) {
  const result = spawnSync(process.execPath, [cli, "generate", "--schema", schema], {
    stdio: "inherit",
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/false", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
