// Headless Debian Chromium for display tests: fresh profile, no network beyond what a test
// allows (everything not file:// or the given origin is aborted), console errors collected.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export interface Browser {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught page errors so far. */
  errors: string[];
  /** URLs the page tried to reach and was refused. */
  blocked: string[];
  /** URLs that answered with an HTTP error status. */
  failed: string[];
  close(): Promise<void>;
}

/** Launch Chromium; requests outside file:// (and `allowOrigin`, when given) are aborted. */
export async function openBrowser(opts: { allowOrigin?: string; viewport?: { width: number; height: number } } = {}): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: opts.viewport ?? { width: 1200, height: 900 },
  });
  const errors: string[] = [];
  const blocked: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file://") || url.startsWith("data:") || (opts.allowOrigin && url.startsWith(opts.allowOrigin))) return route.continue();
    blocked.push(url);
    return route.abort("internetdisconnected");
  });
  const failed: string[] = [];
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("response", (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  page.on("console", (m) => { if (m.type() === "error") errors.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  return {
    page, context, errors, blocked, failed,
    close: async () => { await context.close(); fs.rmSync(profile, { recursive: true, force: true }); },
  };
}

/** Per figure container: how many Plotly `.main-svg` roots it holds and whether its static image is visible. */
export async function figureStates(page: Page): Promise<{ key: string; mainSvg: number; staticVisible: boolean; staticLoaded: boolean }[]> {
  return page.$$eval("div.deeprob-figure", (els) => els.map((el) => {
    const img = el.querySelector("img.drfig-static") as HTMLImageElement | null;
    return {
      key: el.getAttribute("data-drfig") ?? "",
      mainSvg: el.querySelectorAll(".main-svg").length,
      staticVisible: !!img && img.style.display !== "none" && img.offsetWidth > 0,
      staticLoaded: !!img && img.complete && img.naturalWidth > 0,
    };
  }));
}

/**
 * Wait until at least `count` figures exist and every one drew (or `ms` passed; the caller's
 * assertions then say which did not).
 */
export async function waitForFigures(page: Page, ms = 20_000, count = 1): Promise<void> {
  await page.waitForFunction((n) => {
    const figs = document.querySelectorAll("div.deeprob-figure");
    return figs.length >= n && Array.from(figs).every((f) => f.querySelector(".main-svg"));
  }, count, { timeout: ms }).catch(() => undefined);
}
