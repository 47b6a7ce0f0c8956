#!/usr/bin/env node
// Bundles the server's TypeScript (src/cli.ts and everything it imports from src/) into one plain JavaScript file,
// dist/jigsaw.mjs, with esbuild. Packages stay as imports of node_modules. bin/jigsaw.js runs the bundle when it is
// newer than every source file and builds it first when it is not, so there is still no build step to forget.
// Why: loading ~650 TypeScript modules through tsx's loader cost about a third of embedded mode's memory and start
// time (decision 0010). Source files that find their neighbours by `import.meta.url` (templates, migrations, the
// matching lexicon, the database worker) keep their own URL in the bundle, so they read the same files as before.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
export const BUNDLE = join(root, 'dist', 'jigsaw.mjs');

/** The newest modification time of anything under src/ the bundle is made from (and package.json's). */
function newestSource() {
  let newest = statSync(join(root, 'package-lock.json'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|js|mjs|json)$/.test(entry.name) && !entry.name.includes('.test.')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(src);
  return newest;
}

/** Whether dist/jigsaw.mjs exists and is newer than its sources. */
export function bundleIsFresh() {
  const built = statSync(BUNDLE, { throwIfNoEntry: false })?.mtimeMs;
  return built !== undefined && built > newestSource();
}

/** Builds dist/jigsaw.mjs (written beside it and renamed into place, so a process starting meanwhile never reads half). */
export async function buildBundle() {
  const { build } = await import('esbuild');
  const keepOwnUrl = {
    name: 'keep-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (!args.path.startsWith(src)) return undefined;
        const text = await readFile(args.path, 'utf8');
        return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
      });
    },
  };
  mkdirSync(dirname(BUNDLE), { recursive: true });
  const staging = `${BUNDLE}.${process.pid}.tmp`;
  try {
    await build({
      entryPoints: [join(src, 'cli.ts')],
      outfile: staging,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      plugins: [keepOwnUrl],
      logLevel: 'error',
      legalComments: 'none',
    });
    renameSync(staging, BUNDLE);
  } finally {
    rmSync(staging, { force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildBundle();
  console.log(`built ${BUNDLE} (${Math.round(readFileSync(BUNDLE).length / 1024)} KB) in ${Math.round(performance.now() - started)} ms`);
}
