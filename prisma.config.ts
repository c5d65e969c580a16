import { defineConfig } from "prisma/config";

// Used by the stock Prisma CLI (prisma generate, and migrate on an online machine).
// Offline, scripts/db/*.ts drive Prisma's WebAssembly schema engine instead.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/ledger.db" },
});
