// After `tsc`: copies the files the compiled app reads beside its modules (tsc copies only .ts → .js),
// so dist/ runs on its own. Locales and migrations are read from the project root (see src/paths.ts).
import { cpSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const assets = ["src/server/sandbox/public"];
for (const rel of assets) {
  const to = path.join(root, "dist", rel);
  rmSync(to, { recursive: true, force: true });
  cpSync(path.join(root, rel), to, { recursive: true });
}
