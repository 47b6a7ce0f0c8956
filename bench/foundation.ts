// Foundation figures: cold start of `npm start` on an empty embedded database, and the server time (median, p95)
// of the referral list and a person page under autocannon on PostgreSQL with the demo partnership, with the
// server's resident memory. Run: npx tsx bench/foundation.ts [--seconds 10] [--pg postgres://...]
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, pg: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' } },
});
const seconds = Number(values.seconds);

function start(env: NodeJS.ProcessEnv): { child: ChildProcess; ready: Promise<number> } {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/jigsaw.js', 'serve', '--demo'], { env: { ...process.env, LOG_LEVEL: 'error', ...env } });
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
const pct = (xs: number[], p: number) => xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function signIn(base: string): Promise<string> {
  const page = await fetch(`${base}/sign-in`);
  const csrfCookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ _csrf: csrf, email: 'hub.coordinator@demo.jigsaw.example', password: 'demo-password' }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith('jigsaw_session='));
  if (!session) throw new Error(`sign-in failed: ${res.status}`);
  return session.split(';')[0];
}

async function load(url: string, cookie: string, connections: number) {
  const serverMs: number[] = [];
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: { cookie, accept: 'text/html' },
    requests: [
      {
        onResponse: (_status, _body, _context, headers) => {
          const timing = headers?.['server-timing'];
          if (typeof timing === 'string') serverMs.push(Number(/dur=([\d.]+)/.exec(timing)?.[1]));
        },
      },
    ],
  });
  return {
    requests: result.requests.total,
    non2xx: result.non2xx,
    rps: result.requests.average,
    median: pct(serverMs, 50),
    p95: pct(serverMs, 95),
    clientP50: result.latency.p50,
  };
}

// 1. Cold start on an empty embedded database.
const dir = mkdtempSync(join(tmpdir(), 'jigsaw-bench-'));
const port = 3900 + Math.floor(Math.random() * 50);
const cold = start({ JIGSAW_DATA_DIR: join(dir, 'data'), PORT: String(port), DATABASE_URL: '' });
const coldMs = await cold.ready;
const coldRss = rssMb(cold.child.pid as number);
await stop(cold.child);
const warm = start({ JIGSAW_DATA_DIR: join(dir, 'data'), PORT: String(port), DATABASE_URL: '' });
const warmMs = await warm.ready;
await stop(warm.child);
rmSync(dir, { recursive: true, force: true });
console.log(
  `cold start, empty embedded database, demo data loaded: ${(coldMs / 1000).toFixed(1)} s (second start ${(warmMs / 1000).toFixed(1)} s); RSS ${coldRss.toFixed(0)} MB`,
);

// 2. PostgreSQL with the demo partnership, under load.
const dbName = 'jigsaw_bench';
const admin = new pg.Client({ connectionString: values.pg });
await admin.connect();
await admin.query(`drop database if exists ${dbName} with (force)`);
await admin.query(`create database ${dbName}`);
await admin.end();
const dbUrl = new URL(values.pg as string);
dbUrl.pathname = `/${dbName}`;
const server = start({ DATABASE_URL: dbUrl.toString(), PORT: String(port + 1) });
await server.ready;
const base = `http://127.0.0.1:${port + 1}`;
const cookie = await signIn(base);
const client = new pg.Client({ connectionString: dbUrl.toString() });
await client.connect();
const person = (await client.query('select person_id from referral group by person_id order by count(*) desc limit 1')).rows[0].person_id;
const idleRss = rssMb(server.child.pid as number);
for (const [name, path] of [
  ['referral list (/referrals)', '/referrals'],
  ['person page (/people/:id)', `/people/${person}`],
] as const) {
  for (const connections of [1, 10]) {
    const r = await load(`${base}${path}`, cookie, connections);
    console.log(
      `${name}, ${connections} connection(s): server time median ${r.median.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms; ${r.rps.toFixed(0)} requests/s (${r.requests} requests in ${seconds} s, ${r.non2xx} not 2xx)`,
    );
  }
}
console.log(`server resident memory on PostgreSQL: ${idleRss.toFixed(0)} MB idle, ${rssMb(server.child.pid as number).toFixed(0)} MB after load`);
const audited = (await client.query("select count(*)::int as n from audit_event where action = 'person.viewed'")).rows[0].n;
console.log(`person views audited during the run: ${audited}`);
await client.end();
await stop(server.child);
