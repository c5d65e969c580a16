// Transpiles src/ (with the generated Prisma client) to dist/src/ file by file with esbuild: the
// same layout `tsc -p tsconfig.build.json` writes, in about a second. No type checking here —
// `npm run typecheck` (and `npm test`) does that. Run directly: `node scripts/build.mjs`.
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

function listFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn` holding dist/.lock (a folder: mkdir is atomic); a lock older than a minute is taken over. */
export async function withBuildLock(fn) {
  const lock = path.join(root, "dist", ".lock");
  mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      const age = Date.now() - (existsSync(lock) ? statSync(lock).mtimeMs : Date.now());
      if (age > 60_000) rmSync(lock, { recursive: true, force: true });
      else await sleep(100);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export async function haveEsbuild() {
  return import("esbuild").then(() => true, () => false);
}

export async function buildDist({ quiet = false } = {}) {
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch {
    throw new Error("dist/ is missing or out of date and esbuild is not installed: run `npm ci` (or `npm run build`) first");
  }
  const started = Date.now();
  const src = path.join(root, "src");
  const final = path.join(root, "dist", "src");
  // Written beside, then swapped in: a running process never sees a half-written dist/src.
  const out = path.join(root, "dist", `.src-${process.pid}`);
  if (!existsSync(path.join(src, "generated"))) throw new Error("the Prisma client is not generated: run `npm run db:generate`");
  rmSync(out, { recursive: true, force: true });
  const files = listFiles(src);
  const sources = files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));
  await esbuild.build({
    entryPoints: sources,
    outdir: out,
    outbase: src,
    format: "esm",
    platform: "node",
    target: "node20",
    bundle: false,
    sourcemap: false,
    logLevel: "warning",
  });
  // Non-TypeScript files next to the sources (the sandbox's web page) are copied as they are.
  for (const f of files.filter((f) => !f.endsWith(".ts"))) {
    const to = path.join(out, path.relative(src, f));
    mkdirSync(path.dirname(to), { recursive: true });
    cpSync(f, to);
  }
  const old = path.join(root, "dist", `.old-${process.pid}`);
  if (existsSync(final)) renameSync(final, old);
  renameSync(out, final);
  rmSync(old, { recursive: true, force: true });
  writeFileSync(path.join(root, "dist", ".built"), new Date().toISOString() + "\n");
  if (!quiet) console.error(`built dist/ from ${sources.length} files in ${Date.now() - started} ms`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildDist();
}
