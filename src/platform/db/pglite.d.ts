import type { PGlite } from '@electric-sql/pglite';

export declare const parsers: Record<number, (value: string) => unknown>;
/** PGlite with our extensions and parsers; `loadDataDir` starts it from a dump (the tests' migrated template). */
export declare function pglite(dir?: string, loadDataDir?: Blob): Promise<PGlite>;
