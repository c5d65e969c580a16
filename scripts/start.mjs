// `npm start`: runs the compiled bot (dist/src/main.js) in this very process, so start-up pays no
// TypeScript transpiling and signals reach the bot's own handlers (no wrapper relaying them).
// When dist/ is missing or older than a source file (a fresh clone, a `git pull`, an edit), the
// sources are transpiled first with esbuild (about a second; no type checking — that is
// `npm run typecheck`). A production image ships dist/ prebuilt (`npm run build`).
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import v8 from "node:v8";

// Prisma's query compiler is WebAssembly (a 3.4 MB module). V8 compiles its hot functions again with
// TurboFan on background threads, and the memory those compilations take (about 65 MB of malloc arenas)
// is never given back: the bot idled at 210 MB. Liftoff's baseline code is enough here (the compiler
// plans a query once per shape and Prisma caches the plan; query CPU measured the same), so the top tier
// is switched off before anything is compiled. Set before the first WebAssembly module is compiled.
v8.setFlagsFromString("--liftoff-only");

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
// `node scripts/start.mjs cli/admin.js …` runs another compiled entry point (the operator commands of
// `npm run admin|backup|restore`) the same way; its own arguments follow.
const target = /^cli\/\w+\.js$/.test(process.argv[2] ?? "") ? process.argv.splice(2, 1)[0] : "main.js";
const entry = path.join(root, "dist", "src", target);
const stamp = path.join(root, "dist", ".built");

/** Newest modification time of the files under `dir` (ms). */
function newest(dir) {
  let max = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    max = Math.max(max, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return max;
}

/** dist/ is missing, or a source is newer than the last build (scripts/build.mjs's stamp, or tsc's output). */
function stale() {
  if (!existsSync(entry)) return true;
  const built = statSync(existsSync(stamp) ? stamp : entry).mtimeMs;
  return newest(path.join(root, "src")) > built;
}

if (stale()) {
  const { buildDist, haveEsbuild, withBuildLock } = await import("./build.mjs");
  if (existsSync(entry) && !(await haveEsbuild())) console.error("warning: dist/ may be older than src/ (esbuild not installed to rebuild it)");
  // Several processes may start at once (tests): one builds, the others wait and then look again.
  else await withBuildLock(async () => {
    if (stale()) await buildDist({ quiet: true });
  });
}
await import(pathToFileURL(entry).href);
