// Shared by the benchmarks: a fresh database of their own, and timing that reports median, p95 and max.
import { performance } from 'node:perf_hooks';
import pg from 'pg';

export const BENCH_DATABASE_URL = process.env.JIGSAW_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Drops and creates the named database on the bench server; returns its URL. */
export async function recreateDatabase(name: string): Promise<string> {
  await dropDatabase(name);
  const admin = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(BENCH_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}

/** Runs fn once to warm up, then `runs` times; prints and returns the timings. `fn` gets the run number. */
export async function time<T>(label: string, runs: number, fn: (run: number) => Promise<T>): Promise<{ result: T; median: number; p95: number; max: number }> {
  let result = await fn(-1);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = await fn(i);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor(ms.length * p))];
  const [median, p95, max] = [at(0.5), at(0.95), ms[ms.length - 1]];
  console.log(
    `${label.padEnd(58)} median ${median.toFixed(1).padStart(7)} ms   p95 ${p95.toFixed(1).padStart(7)} ms   max ${max.toFixed(1).padStart(7)} ms   (${runs} runs)`,
  );
  return { result, median, p95, max };
}
