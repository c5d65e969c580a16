// Child processes for the bench: `npm start` as shipped and the reference bots, with their CPU time
// and memory read from /proc (Linux).
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const root = path.resolve(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..");

export interface Proc {
  child: ChildProcess;
  /** The node process doing the work (npm's grandchild for `npm start`). */
  pid(): number;
  output(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<number>;
  /** CPU time (user + system) of the node process so far, in ms. */
  cpuMs(): number;
  rssMb(): number;
  stop(): Promise<void>;
}

const TICK_MS = 10; // USER_HZ = 100 on Linux

function statOf(pid: number): string[] {
  const text = readFileSync(`/proc/${pid}/stat`, "utf8");
  return text.slice(text.lastIndexOf(")") + 2).split(" ");
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (Number(statOf(Number(name))[1]) === pid) out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** The descendant of `pid` (itself included) whose command line contains `marker`. */
function findNode(pid: number, marker: string): number | undefined {
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift()!;
    try {
      const argv = readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0");
      if (/node/.test(path.basename(argv[0] ?? "")) && argv.some((a) => a.endsWith(marker))) return p;
    } catch {
      continue;
    }
    queue.push(...childrenOf(p));
  }
  return undefined;
}

export function startProcess(command: string, args: string[], env: Record<string, string>, marker: string): Proc {
  const child = spawn(command, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
    for (const l of listeners) l();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let nodePid: number | undefined;
  const pid = () => (nodePid ??= findNode(child.pid!, marker)) ?? child.pid!;
  const started = performance.now();
  return {
    child,
    pid,
    output: () => out,
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(out)) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(performance.now() - started);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${out.slice(-3000)}`));
        }, timeoutMs);
        listeners.add(check);
        child.once("exit", () => check());
        check();
      }),
    cpuMs: () => {
      const s = statOf(pid());
      return (Number(s[11]) + Number(s[12])) * TICK_MS;
    },
    rssMb: () => {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid()}/status`, "utf8"));
      return m ? Number(m[1]) / 1024 : NaN;
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      try {
        process.kill(pid(), "SIGTERM");
      } catch {
        // already gone
      }
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** `npm start` with production settings against a fake Bot API. */
export function npmStart(env: Record<string, string>): Proc {
  return startProcess("npm", ["start", "--silent"], { NODE_ENV: "production", LOG_LEVEL: "info", ...env }, "scripts/start.mjs");
}
