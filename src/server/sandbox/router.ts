/**
 * Routing: the shared Bot API core (../botapi/http.ts) first, then the web page (static files)
 * and its API under /sandbox/.
 */
import { existsSync, readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { handleBotApi, json, sendCore, type BotApiDeps } from "../botapi/http.js";
import type { Store } from "./store.js";

export interface CoreDeps extends BotApiDeps {
  store: Store;
}

function publicDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, "public"), path.resolve(here, "../../../../src/server/sandbox/public")];
  return candidates.find((d) => existsSync(d)) ?? candidates[0] ?? here;
}

const STATIC: Record<string, [string, string]> = {
  "/": ["index.html", "text/html; charset=utf-8"],
  "/index.html": ["index.html", "text/html; charset=utf-8"],
  "/app.js": ["app.js", "text/javascript; charset=utf-8"],
  "/style.css": ["style.css", "text/css; charset=utf-8"],
};

/** Serves the page's files (read on each request, so edits show without a restart). */
export function serveStatic(res: ServerResponse, pathname: string): boolean {
  const entry = STATIC[pathname];
  if (!entry) return false;
  const body = readFileSync(path.join(publicDir(), entry[0]));
  res.writeHead(200, { "content-type": entry[1], "cache-control": "no-store" });
  res.end(body);
  return true;
}

export type WebHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export function createHttpHandler(
  deps: CoreDeps,
  web: WebHandler,
  onError: (e: unknown) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const controller = new AbortController();
    res.on("close", () => { if (!res.writableFinished) controller.abort(); });
    const run = async (): Promise<void> => {
      const url = new URL(req.url ?? "/", "http://sandbox.local");
      const api = await handleBotApi(deps, url, req.headers["content-type"], req, controller.signal);
      if (api) return sendCore(res, api);
      if (await web(req, res, url)) return;
      if (req.method === "GET" && serveStatic(res, url.pathname)) return;
      sendCore(res, { status: 404, headers: { "content-type": "text/plain; charset=utf-8" }, body: "Not Found" });
    };
    run().catch((e: unknown) => {
      onError(e);
      sendCore(res, json(500, { ok: false, error_code: 500, description: "Internal Server Error" }));
    });
  };
}
