#!/usr/bin/env node
// Runs Jigsaw's command line from dist/jigsaw.mjs, one JavaScript file bundled from src/ (scripts/build.mjs), built
// here first whenever a source file is newer, so there is no build step to forget. Where it cannot be built (a
// read-only install without the bundle) or JIGSAW_BUNDLE=0, the TypeScript sources run directly through tsx.
import { pathToFileURL } from 'node:url';
import { BUNDLE, buildBundle, bundleIsFresh } from '../scripts/build.mjs';

async function entry() {
  if (process.env.JIGSAW_BUNDLE === '0') return null;
  if (bundleIsFresh()) return BUNDLE;
  try {
    await buildBundle();
    return BUNDLE;
  } catch (err) {
    console.error(`Running from the TypeScript sources: the bundle could not be built (${err.message})`);
    return null;
  }
}

const bundle = await entry();
let main;
if (bundle) ({ main } = await import(pathToFileURL(bundle).href));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli.ts'));
}
process.exitCode = await main(process.argv.slice(2));
