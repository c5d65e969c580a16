/**
 * Routing: the shared Bot API core (../botapi/http.ts) first, then the web page (static files)
 * and its API under /sandbox/.
 */
import { existsSync, readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { projectRoot } from "../../paths.js";
import { handleBotApi, json, sendCore, type BotApiDeps } from "../botapi/http.js";
import type { Store } from "./store.js";

export interface CoreDeps extends BotApiDeps {
  store: Store;
}

/** Beside this module (src/ with tsx; dist/ after `npm run build` copies it), else in the source tree. */
function publicDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, "public"), path.join(projectRoot, "src", "server", "sandbox", "public")];
  const found = candidates.find((d) => existsSync(path.join(d, "index.html")));
  if (!found) throw new Error(`the sandbox page is missing: looked in ${candidates.join(" and ")}`);
  return found;
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
