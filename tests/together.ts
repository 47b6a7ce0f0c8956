// Runs several test files in one process, in turn (scripts/test.mjs shares short files out this way): each file's
// tests sit under a suite named after the file, so its `before` and `after` hooks stay its own, and the app's modules
// load once for all of them. The files are the arguments.
import { resolve } from 'node:path';
import { describe } from 'node:test';
import { pathToFileURL } from 'node:url';

for (const file of process.argv.slice(2)) describe(file, () => import(pathToFileURL(resolve(file)).href));
