// Installs what the running bot needs — and nothing else — into a folder: the runtime stage of the
// Dockerfile and the production-layout test both run this, so the test keeps the image honest.
//
//   node scripts/install-runtime.mjs <dir> [--native-from <node_modules>]
//
// Why not `npm ci --omit=dev` on our own package.json: npm keeps "devOptional" packages, and the
// Prisma CLI (with its studio, pglite, effect …) and TypeScript are optional peers of
// @prisma/client, so they land in production (568 MB). Here the lockfile is pruned to the closure
// of "dependencies" (optional peers not followed), written with a package.json that has no dev
// dependencies, and `npm ci` installs exactly the pinned versions. Then files no running code reads
// (other databases' query compilers, source maps, type declarations, native build intermediates)
// are removed.
//
// --native-from: copy compiled native addons (better-sqlite3's build/) from an installed tree of the
// same versions instead of compiling them again (the Docker build stage and the test have one).
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { "native-from": { type: "string" } },
});
if (positionals.length !== 1) {
  console.error("usage: node scripts/install-runtime.mjs <dir> [--native-from <node_modules>]");
  process.exit(2);
}
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const target = path.resolve(positionals[0]);
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8"));

/** Scripts that make sense in the image: the compiled entry points. */
const RUNTIME_SCRIPTS = {
  start: "node dist/src/main.js",
  admin: "node dist/src/cli/admin.js",
  backup: "node dist/src/cli/backup.js",
  restore: "node dist/src/cli/restore.js",
};

// ---- the production closure of the lockfile --------------------------------------------------
const entries = lock.packages;
/** Where `name` required from the package at `from` is installed (node's lookup, nearest first). */
function resolve(from, name) {
  let dir = from;
  for (;;) {
    const candidate = (dir ? `${dir}/` : "") + `node_modules/${name}`;
    if (entries[candidate]) return candidate;
    if (!dir) return undefined;
    const at = dir.lastIndexOf("/node_modules/");
    dir = at < 0 ? "" : dir.slice(0, at);
  }
}
const keep = new Set();
const queue = [""];
while (queue.length) {
  const at = queue.shift();
  const e = entries[at];
  const optionalPeers = new Set(Object.entries(e.peerDependenciesMeta ?? {}).filter(([, m]) => m.optional).map(([n]) => n));
  const wanted = [
    ...Object.keys(e.dependencies ?? {}).map((n) => [n, false]),
    ...Object.keys(e.optionalDependencies ?? {}).map((n) => [n, true]),
    ...Object.keys(e.peerDependencies ?? {}).filter((n) => !optionalPeers.has(n)).map((n) => [n, false]),
  ];
  for (const [name, optional] of wanted) {
    const where = resolve(at, name);
    if (!where) {
      if (optional) continue;
      throw new Error(`${at || "package.json"} needs ${name}, which package-lock.json does not hold`);
    }
    if (!keep.has(where)) {
      keep.add(where);
      queue.push(where);
    }
  }
}

const packages = {
  "": {
    name: pkg.name,
    version: pkg.version,
    dependencies: pkg.dependencies,
    ...(pkg.engines ? { engines: pkg.engines } : {}),
  },
};
for (const key of Object.keys(entries).sort()) {
  if (!keep.has(key)) continue;
  const { dev: _dev, devOptional, peer: _peer, ...rest } = entries[key];
  packages[key] = devOptional ? { ...rest, optional: true } : rest;
}

mkdirSync(target, { recursive: true });
const manifest = {
  name: pkg.name,
  version: pkg.version,
  private: true,
  type: pkg.type,
  ...(pkg.engines ? { engines: pkg.engines } : {}),
  dependencies: pkg.dependencies,
  scripts: RUNTIME_SCRIPTS,
};
writeFileSync(path.join(target, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
writeFileSync(
  path.join(target, "package-lock.json"),
  JSON.stringify({ name: pkg.name, version: pkg.version, lockfileVersion: lock.lockfileVersion, requires: true, packages }, null, 2) + "\n",
);

// ---- install ---------------------------------------------------------------------------------
const nativeFrom = values["native-from"] ? path.resolve(values["native-from"]) : undefined;
/** Packages with install scripts (native addons) whose build can be copied from nativeFrom. */
const copyable = Object.entries(packages)
  .filter(([key, e]) => key && e.hasInstallScript)
  .map(([key, e]) => ({ key, version: e.version, from: nativeFrom && path.join(nativeFrom, key.slice("node_modules/".length)) }))
  .filter((p) => p.from && existsSync(path.join(p.from, "build")) && readVersion(p.from) === p.version);

function readVersion(dir) {
  try {
    return JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")).version;
  } catch {
    return undefined;
  }
}

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
function run(args) {
  const r = spawnSync(npm, args, { cwd: target, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
run(["ci", "--omit=dev", "--no-audit", "--no-fund", ...(copyable.length ? ["--ignore-scripts"] : [])]);
if (copyable.length) {
  for (const p of copyable) {
    const to = path.join(target, p.key);
    rmSync(path.join(to, "build"), { recursive: true, force: true });
    cpSync(path.join(p.from, "build"), path.join(to, "build"), { recursive: true });
  }
  // Whatever else has an install script is built as npm would.
  const rest = Object.entries(packages)
    .filter(([key, e]) => key && e.hasInstallScript && !copyable.some((p) => p.key === key))
    .map(([key]) => key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length));
  if (rest.length) run(["rebuild", ...rest]);
}

// ---- prune what nothing reads at run time ----------------------------------------------------
const nm = path.join(target, "node_modules");
const removeIfExists = (p) => rmSync(p, { recursive: true, force: true });
// better-sqlite3: the bundled SQLite sources and the compiler's intermediates.
for (const dir of ["deps", "src", "build/Release/obj", "build/Release/obj.target", "build/Release/.deps", "build/deps", "build/test_extension.node"]) {
  removeIfExists(path.join(nm, "better-sqlite3", dir));
}
/** Removes the files of `dir` (one level) whose names match `pattern`. */
function removeMatching(dir, pattern) {
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir)) if (pattern.test(f)) removeIfExists(path.join(dir, f));
}
// @prisma/client: the generated client (ESM) loads the "fast" WebAssembly query compiler of SQLite
// or PostgreSQL as .mjs; the other databases', the "small" builds and CommonJS twins go.
removeMatching(path.join(nm, "@prisma", "client", "runtime"),
  /\.(mysql|sqlserver|cockroachdb)\.|^query_compiler_small_|^query_compiler_.*\.js$/);
// echarts: we import the ES modules (lib/); of dist/ keep only the CommonJS entry.
removeMatching(path.join(nm, "echarts", "dist"), /^(?!echarts\.js$)/);
// date-fns: the 90-odd locales; its own default (en-US) stays — nothing of ours imports date-fns/locale.
removeMatching(path.join(nm, "date-fns", "locale"), /^(?!en-US(\.|$)|_lib$)/);
// docx: browser bundles (UMD, IIFE).
removeMatching(path.join(nm, "docx", "dist"), /\.(umd\.cjs|iife\.js)$/);
// Source maps, TypeScript declarations and sources: read by editors, never by node.
(function walk(dir) {
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, ent.name);
    if (ent.isDirectory()) walk(p);
    else if (/\.(map|d\.ts|d\.mts|d\.cts|ts\.map)$/.test(ent.name) || (/\.ts$/.test(ent.name) && !ent.name.endsWith(".d.ts"))) removeIfExists(p);
  }
})(nm);

function duBytes(p) {
  const s = statSync(p);
  if (!s.isDirectory()) return s.size;
  let total = 0;
  for (const ent of readdirSync(p)) total += duBytes(path.join(p, ent));
  return total;
}
console.log(`runtime node_modules: ${(duBytes(nm) / 1048576).toFixed(1)} MiB in ${target}`);
