// Launch Debian's Chromium through playwright-core (used for PNG chart export and browser tests).
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { LocalizedError } from '../locale/errorText.ts';

/** Chromium used for PNG export and browser tests: /usr/bin/chromium (Debian) unless $SPILLOVER_CHROMIUM. */
export const CHROMIUM_PATH = process.env.SPILLOVER_CHROMIUM ?? '/usr/bin/chromium';
/** Launch flags: headless, no sandbox (containers), no GPU, no background network, no QUIC, no first-run UI. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run'];

/**
 * launchChromium() → a headless Browser (Chromium at /usr/bin/chromium or $SPILLOVER_CHROMIUM).
 * Fails with a message naming the path when Chromium is not installed (Debian: apt-get install chromium).
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new LocalizedError({
    zh: `找不到 Chromium（${CHROMIUM_PATH}）；请安装（Debian：apt-get install chromium）或设置 SPILLOVER_CHROMIUM`,
    en: `Chromium not found at ${CHROMIUM_PATH}; install it (Debian: apt-get install chromium) or set SPILLOVER_CHROMIUM`,
  });
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}
