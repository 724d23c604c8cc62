// HTML -> PDF by printing in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core; no browser is ever downloaded), with a fresh profile that is removed after.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CommandError, EXIT } from "../commands/command-error.js";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/**
 * Prints `htmlFile` to `pdfFile` (A4, backgrounds on).
 * @example await printPdf("reports/01.html", "reports/01.pdf")
 */
export async function printPdf(htmlFile: string, pdfFile: string): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) throw new CommandError(`report: --to pdf needs Chromium at ${CHROMIUM} (apt-get install chromium)`, EXIT.environment);
  // Loaded lazily: only PDF export needs it.
  const { chromium } = await import("playwright-core");
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-report-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  try {
    const page = await context.newPage();
    await page.goto(`file://${path.resolve(htmlFile)}`, { waitUntil: "load" });
    // Nothing to wait for after "load": the math is SVG already (typeset at export, math.ts).
    await page.pdf({ path: pdfFile, format: "A4", printBackground: true, margin: { top: "12mm", bottom: "12mm", left: "10mm", right: "10mm" } });
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
