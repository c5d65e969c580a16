// Debian's chromium through playwright-core, for the tests that look at the sandbox page.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";

/** `describe`, or `describe.skip` with a message when chromium is missing (never under CI=true). */
export function describeWithBrowser(): typeof describe | typeof describe.skip {
  const available = existsSync(CHROMIUM) || process.env.CI === "true";
  if (!available) console.log(`browser test skipped: ${CHROMIUM} not found (apt-get install -y chromium); it runs under CI=true`);
  return available ? describe : describe.skip;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A headless chromium with a fresh profile and no background networking (this machine has none). */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), "ledger-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1280, height: 800 },
    locale: "zh-CN",
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
