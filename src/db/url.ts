import path from "node:path";

export type DatabaseKind = "sqlite" | "postgresql";

export function databaseKind(url: string): DatabaseKind {
  return url.startsWith("postgres://") || url.startsWith("postgresql://") ? "postgresql" : "sqlite";
}

/** `file:./data/ledger.db` → an absolute path (relative paths are taken from the working directory). */
export function sqlitePath(url: string): string {
  const raw = url.replace(/^file:/, "").replace(/\?.*$/, "");
  if (raw === ":memory:") return raw;
  return path.resolve(raw);
}
