import { existsSync } from 'node:fs';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
} from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); browsers are never downloaded on these machines. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for running as root, without a GPU and without any outside network traffic of Chromium's own. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Viewports the journeys are checked at. */
export const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  phone: {
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  },
  /** A small phone (375 px), the narrowest the app is checked at. */
  phoneNarrow: {
    viewport: { width: 375, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  },
} satisfies Record<string, BrowserContextOptions>;

/**
 * Why browser journeys cannot run here, or null when they can. Without Chromium they are skipped
 * with this reason — except in CI (`CI=true`), where a missing browser is a failure, not a skip.
 */
export const browserSkipReason: string | null = existsSync(CHROMIUM_PATH)
  ? null
  : `Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)`;

if (browserSkipReason !== null) {
  if (process.env.CI === 'true')
    throw new Error(`Browser journeys cannot run in CI: ${browserSkipReason}`);
  console.warn(`[e2e] browser journeys skipped: ${browserSkipReason}`);
}

/** Launches headless Chromium with {@link CHROMIUM_ARGS}. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** A fresh context (own cookies and storage) in Vietnamese, at one of the {@link VIEWPORTS}. */
export async function newContext(
  browser: Browser,
  viewport: keyof typeof VIEWPORTS,
): Promise<BrowserContext> {
  return browser.newContext({
    ...VIEWPORTS[viewport],
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    reducedMotion: 'reduce',
  });
}
