// How the browser tests start Chromium, shared by tests/e2e/browser.ts (a file run on its own launches its own) and
// scripts/test.mjs (the whole suite starts one Chromium server that every browser test file connects to).

/** Debian's Chromium; `npx playwright install` cannot download browsers here. CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Set by scripts/test.mjs: the shared Chromium server's WebSocket address. */
export const BROWSER_SERVER_ENV = 'JIGSAW_TEST_BROWSER_WS';
