// Transpiles src/ (with the generated Prisma client) to dist/src/ file by file with esbuild: the
// same layout `tsc -p tsconfig.build.json` writes, in about a second. No type checking here —
// `npm run typecheck` (and `npm test`) does that. Run directly: `node scripts/build.mjs`.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
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

export async function haveEsbuild() {
  return import("esbuild").then(() => true, () => false);
}

export async function buildDist() {
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch {
    throw new Error("dist/ is missing or out of date and esbuild is not installed: run `npm ci` (or `npm run build`) first");
  }
  const started = Date.now();
  const src = path.join(root, "src");
  const out = path.join(root, "dist", "src");
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
  writeFileSync(path.join(root, "dist", ".built"), new Date().toISOString() + "\n");
  console.error(`built dist/ from ${sources.length} files in ${Date.now() - started} ms`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildDist();
}
