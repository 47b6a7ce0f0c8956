// Embedded mode (PGlite) figures: time to serving and resident memory (VmRSS of the whole process, worker thread
// included) for `jigsaw serve --demo` on an empty data directory (first start, with demo seeding) and on a restart;
// then client latency of /health and a person page at 8 connections, alone and while a slow request (the audit
// export, one long query) runs over and over. Run: npx tsx bench/embedded.ts [--seconds 5] [--in-thread]
// (--in-thread sets JIGSAW_PGLITE_IN_THREAD=1: PGlite on the main thread, as before the worker).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '5' }, 'in-thread': { type: 'boolean', default: false } } });
const seconds = Number(values.seconds);
const mode = values['in-thread'] ? { JIGSAW_PGLITE_IN_THREAD: '1' } : {};

function start(env: NodeJS.ProcessEnv): { child: ChildProcess; ready: Promise<number> } {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/jigsaw.js', 'serve', '--demo'], {
    env: { ...process.env, LOG_LEVEL: 'error', DATABASE_URL: '', ...mode, ...env },
  });
  const ready = new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (d) => String(d).includes('running at') && resolve(performance.now() - started));
    child.stderr?.on('data', (d) => process.stderr.write(d));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, ready };
}
const stop = (child: ChildProcess) =>
  new Promise((r) => {
    child.once('exit', r);
    child.kill('SIGTERM');
  });
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
const settle = () => new Promise((r) => setTimeout(r, 1500));

async function signIn(base: string, user: string): Promise<string> {
  const page = await fetch(`${base}/sign-in`);
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ _csrf: csrf, email: `${user}@demo.jigsaw.example`, password: 'demo-password' }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith('jigsaw_session='));
  if (!session) throw new Error(`sign-in as ${user} failed: ${res.status}`);
  return session.split(';')[0];
}

async function load(url: string, cookie: string) {
  const r = await autocannon({ url, connections: 8, duration: seconds, headers: { cookie } });
  return `p50 ${r.latency.p50} ms, p97.5 ${r.latency.p97_5} ms, p99 ${r.latency.p99} ms, ${r.requests.average.toFixed(0)} requests/s${r.non2xx ? ` (${r.non2xx} not 2xx)` : ''}`;
}

const dir = mkdtempSync(join(tmpdir(), 'jigsaw-embedded-'));
const port = 3950 + Math.floor(Math.random() * 40);
const env = { JIGSAW_DATA_DIR: join(dir, 'data'), PORT: String(port) };
try {
  const first = start(env);
  const firstMs = await first.ready;
  await settle();
  const firstRss = rssMb(first.child.pid as number);
  await stop(first.child);
  console.log(`first start (empty data directory, demo seeded): serving after ${(firstMs / 1000).toFixed(1)} s; RSS ${firstRss.toFixed(0)} MB`);

  const again = start(env);
  const againMs = await again.ready;
  await settle();
  console.log(`restart: serving after ${(againMs / 1000).toFixed(1)} s; RSS ${rssMb(again.child.pid as number).toFixed(0)} MB`);

  const base = `http://127.0.0.1:${port}`;
  const coordinator = await signIn(base, 'hub.coordinator');
  const governance = await signIn(base, 'governance');
  const list = await (await fetch(`${base}/referrals`, { headers: { cookie: coordinator } })).text();
  const person = /href="\/people\/([0-9a-f-]{36})"/.exec(list)?.[1];
  if (!person) throw new Error('no person linked from /referrals');
  const slowUrl = `${base}/governance/audit.csv`;
  const t = performance.now();
  const slow = await fetch(slowUrl, { headers: { cookie: governance } });
  await slow.text();
  console.log(`slow request (GET /governance/audit.csv): ${slow.status}, ${(performance.now() - t).toFixed(0)} ms alone`);

  console.log(`/health, 8 connections, alone: ${await load(`${base}/health`, coordinator)}`);
  console.log(`person page, 8 connections, alone: ${await load(`${base}/people/${person}`, coordinator)}`);
  let slowRunning = true;
  const slowLoop = (async () => {
    while (slowRunning) await (await fetch(slowUrl, { headers: { cookie: governance } })).text();
  })();
  console.log(`/health, 8 connections, slow request running: ${await load(`${base}/health`, coordinator)}`);
  console.log(`person page, 8 connections, slow request running: ${await load(`${base}/people/${person}`, coordinator)}`);
  slowRunning = false;
  await slowLoop;
  console.log(`RSS after load: ${rssMb(again.child.pid as number).toFixed(0)} MB`);
  await stop(again.child);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
