// Loaded by scripts/test.mjs into every test process: what only tests may change, set once.
import { useCheapPasswordHashesForTests } from '../src/platform/auth/secrets.ts';

useCheapPasswordHashesForTests();
