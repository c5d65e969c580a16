// Arrows point down: the import-direction rules of the developers' guide, checked on every import.
import path from "node:path";
import { sourcesUnder, type Source } from "./sources.js";

/** Top-level area of a module: "domain", "db", "render", "bot", "jobs", "server", … or "root" (src/*.ts). */
function areaOf(file: string): string {
  const parts = file.split("/");
  return parts.length > 2 ? parts[1]! : "root";
}

/** Our modules a source imports (relative specifiers, resolved from the repository root). */
export function importsOf(source: Source): string[] {
  const specifiers = [
    ...source.text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ]
    .map((m) => m[1] ?? m[2]!)
    .filter((s) => s.startsWith("."));
  return specifiers.map((s) => path.posix.normalize(path.posix.join(path.posix.dirname(source.file), s)).replace(/\.js$/, ".ts"));
}

/** What each area may import besides itself (src/callbacks: button data both bot and jobs use). */
const ALLOWED: Record<string, (target: string) => boolean> = {
  domain: () => false,
  // The generated Prisma client and the folder paths are the db layer's own tools.
  db: (t) => t.startsWith("src/domain/") || t.startsWith("src/generated/") || t === "src/paths.ts",
  render: (t) => t.startsWith("src/domain/") || t.startsWith("src/i18n/"),
  jobs: (t) => !t.startsWith("src/bot/"),
  bot: (t) => !t.startsWith("src/jobs/"),
  server: (t) => !t.startsWith("src/bot/features/"),
  callbacks: (t) => t.startsWith("src/domain/"),
  // Loads the Fluent names of kinds (locales/*/kinds.ftl) into the domain's kindLabel.
  i18n: (t) => t.startsWith("src/domain/") || t === "src/paths.ts",
};

describe("import direction", () => {
  const sources = sourcesUnder("src");

  it("finds the imports of a module", () => {
    const sample: Source = {
      file: "src/db/repos/x.ts",
      text: 'import type { A } from "../../domain/a.js";\nimport { b } from "grammy";\nexport * from "./c.js";\nconst d = await import("../../render/d.js");',
    };
    expect(importsOf(sample)).toEqual(["src/domain/a.ts", "src/db/repos/c.ts", "src/render/d.ts"]);
  });

  it("domain imports nothing of ours; db and render only domain; bot and jobs not each other; server no bot feature", () => {
    const wrong = sources.flatMap((s) => {
      const area = areaOf(s.file);
      const allowed = ALLOWED[area];
      if (!allowed) return [];
      return importsOf(s)
        .filter((target) => !target.startsWith(`src/${area}/`) && !allowed(target))
        .map((target) => `${s.file} → ${target}`);
    });
    expect(wrong).toEqual([]);
  });

  it("domain uses no framework or database package", () => {
    const wrong = sources
      .filter((s) => s.file.startsWith("src/domain/"))
      .filter((s) => /from\s+["'](grammy|@grammyjs\/[^"']+|@prisma\/[^"']+|pino|node:(fs|http|net|child_process))["']/.test(s.text))
      .map((s) => s.file);
    expect(wrong).toEqual([]);
  });
});
