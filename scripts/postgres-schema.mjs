// prisma/postgres/schema.prisma is generated from prisma/schema.prisma: a Prisma schema has one
// provider, so PostgreSQL gets a copy that differs only in the datasource provider and the client's
// output folder. `npm run db:generate` (and `npm run db:migrate:dev`) rewrite it; a test keeps the
// committed copy equal to what this function makes.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const SQLITE_SCHEMA = "prisma/schema.prisma";
export const POSTGRES_SCHEMA = "prisma/postgres/schema.prisma";

const HEADER = "// GENERATED from prisma/schema.prisma by scripts/postgres-schema.mjs — edit that file, not this one.\n";

/** The PostgreSQL schema for a SQLite schema text; throws when the expected lines are not there. */
export function postgresSchemaFrom(sqlite) {
  let out = sqlite;
  const swap = (re, to, what) => {
    if (!re.test(out)) throw new Error(`prisma/schema.prisma: cannot find ${what}`);
    out = out.replace(re, to);
  };
  swap(/(datasource db \{[^}]*provider\s*=\s*)"sqlite"/, '$1"postgresql"', 'the datasource\'s provider = "sqlite"');
  swap(/(output\s*=\s*)"\.\.\/src\/generated\/sqlite"/, '$1"../../src/generated/postgres"', 'the client output "../src/generated/sqlite"');
  return HEADER + out;
}

/** Writes prisma/postgres/schema.prisma; true when it changed. */
export function writePostgresSchema(root = process.cwd()) {
  const text = postgresSchemaFrom(readFileSync(`${root}/${SQLITE_SCHEMA}`, "utf8"));
  let old = null;
  try {
    old = readFileSync(`${root}/${POSTGRES_SCHEMA}`, "utf8");
  } catch {}
  if (old === text) return false;
  writeFileSync(`${root}/${POSTGRES_SCHEMA}`, text);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(writePostgresSchema() ? `${POSTGRES_SCHEMA} written` : `${POSTGRES_SCHEMA} up to date`);
}
