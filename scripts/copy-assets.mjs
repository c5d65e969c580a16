// After `tsc`: copies the files the compiled app reads beside its modules (tsc emits only .js), so
// dist/ runs on its own. Locales and migrations are read from the project root (src/paths.ts).
//   node scripts/copy-assets.mjs [outDir]   (default: dist)
import { cpSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const outDir = path.resolve(root, process.argv[2] ?? "dist");
const assets = ["src/server/sandbox/public"];
for (const rel of assets) {
  const to = path.join(outDir, rel);
  rmSync(to, { recursive: true, force: true });
  cpSync(path.join(root, rel), to, { recursive: true });
}
