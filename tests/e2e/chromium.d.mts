// Types for chromium.mjs (plain JavaScript, so scripts/test.mjs can load it without tsx).
export declare const CHROMIUM_PATH: string;
export declare const CHROMIUM_ARGS: string[];
export declare const BROWSER_SERVER_ENV: string;
