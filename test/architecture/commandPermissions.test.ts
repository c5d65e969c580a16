// commands.ts' COMMANDS is where a command's permission is declared. The features gate each command with
// requires(permission, …) (which also narrows the handler's context); this check keeps every such gate
// equal to the table, so the table stays the one declaration: change a permission there and here fails
// until the feature's gate says the same.
import { COMMANDS } from "../../src/bot/commands.js";
import { sourcesUnder } from "./sources.js";

/** Every `.command("name", requires("permission"` in the bot's features (line breaks allowed). */
function gates(): { file: string; command: string; permission: string }[] {
  return sourcesUnder("src/bot/features").flatMap((s) =>
    [...s.text.matchAll(/\.command\(\s*"(\w+)",\s*requires\(\s*"([\w.]+)"/g)].map((m) => ({
      file: s.file,
      command: m[1]!,
      permission: m[2]!,
    })),
  );
}

describe("command permissions are declared once, in COMMANDS", () => {
  const found = gates();
  const spec = new Map(COMMANDS.map((c) => [c.name, c.permission]));

  it("finds the gates (the detector works)", () => {
    expect(found.length).toBeGreaterThan(10);
  });

  it.each(found.map((g) => [`${g.file}: /${g.command}`, g] as const))("%s is gated with the table's permission", (_, g) => {
    expect(spec.has(g.command)).toBe(true);
    expect(g.permission).toBe(spec.get(g.command));
  });

  it.each(COMMANDS.filter((c) => c.permission !== "use").map((c) => [c.name, c.permission] as const))(
    "/%s (%s) is gated by requires() in a feature",
    (name, permission) => {
      expect(found.filter((g) => g.command === name).map((g) => g.permission)).toContain(permission);
    },
  );

  it.each(COMMANDS.filter((c) => c.permission === "use").map((c) => [c.name] as const))("/%s (anyone) has no narrower gate", (name) => {
    expect(found.filter((g) => g.command === name)).toEqual([]);
  });
});
