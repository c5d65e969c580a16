// A command's permission is declared once, in commands.ts' COMMANDS. The features gate each command with
// requiresCommand("name", …), which reads the permission from the table (and narrows the handler's
// context); a command gated with requires("permission", …) would be a second declaration, and fails here.
import { COMMANDS } from "../../src/bot/commands.js";
import { sourcesUnder } from "./sources.js";

interface Gate {
  file: string;
  command: string;
  /** The gate's call: `requiresCommand("stats"` or `requires("stats.view"`. */
  gate: "requiresCommand" | "requires";
  arg: string;
}

/** Every `.command("name", requires…("…"` in the bot's features (line breaks allowed). */
function gates(): Gate[] {
  return sourcesUnder("src/bot/features").flatMap((s) =>
    [...s.text.matchAll(/\.command\(\s*"(\w+)",\s*(requiresCommand|requires)\(\s*"([\w.]+)"/g)].map((m) => ({
      file: s.file,
      command: m[1]!,
      gate: m[2] as Gate["gate"],
      arg: m[3]!,
    })),
  );
}

describe("command permissions are declared once, in COMMANDS", () => {
  const found = gates();

  it("finds the gates (the detector works)", () => {
    expect(found.length).toBeGreaterThan(10);
  });

  it("no command is gated with requires(permission): its permission would be declared a second time", () => {
    expect(found.filter((g) => g.gate === "requires").map((g) => `${g.file}: /${g.command} requires("${g.arg}")`)).toEqual([]);
  });

  it.each(found.filter((g) => g.gate === "requiresCommand").map((g) => [`${g.file}: /${g.command}`, g] as const))(
    "%s is gated by its own name",
    (_, g) => {
      expect(g.arg).toBe(g.command);
    },
  );

  it.each(COMMANDS.filter((c) => c.permission !== "use").map((c) => [c.name] as const))(
    "/%s is gated by requiresCommand() in a feature",
    (name) => {
      expect(found.filter((g) => g.command === name && g.gate === "requiresCommand")).not.toEqual([]);
    },
  );

  it.each(COMMANDS.filter((c) => c.permission === "use").map((c) => [c.name] as const))("/%s (anyone) has no gate", (name) => {
    expect(found.filter((g) => g.command === name)).toEqual([]);
  });
});
