// The project's own TypeScript sources, for the architecture tests (generated code excluded).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export interface Source {
  /** Path from the repository root, with forward slashes: "src/domain/kinds.ts". */
  file: string;
  text: string;
}

export function sourcesUnder(dir: string): Source[] {
  const out: Source[] = [];
  const walk = (rel: string): void => {
    for (const entry of readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (child !== "src/generated") walk(child);
      } else if (entry.name.endsWith(".ts")) {
        out.push({ file: child, text: readFileSync(path.join(ROOT, child), "utf8") });
      }
    }
  };
  walk(dir);
  return out.sort((a, b) => a.file.localeCompare(b.file));
}
