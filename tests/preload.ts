// Loaded by scripts/test.mjs into every test process: what only tests may change, set once.
import { after } from 'node:test';
import { useCheapPasswordHashesForTests } from '../src/platform/auth/secrets.ts';

useCheapPasswordHashesForTests();

// A file whose tests have all finished but whose process stays up (a server, pool or timer left open, often by a
// `before` that failed half way) fails within a minute, saying so, instead of running into the runner's file timeout.
after(() => {
  setTimeout(() => {
    process.stderr.write('✖ The tests finished but the process did not exit within 60 s: something was left open (a server, pool or timer).\n');
    process.exit(1);
  }, 60_000).unref();
});
