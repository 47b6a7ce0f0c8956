// Parallel batch dedupe over worker threads (worker.ts): the same pairs and weights as the in-process
// path (dedupeRecords), in about 1/W of the scoring time. The main thread only relays the model and the
// shared blocks, shows progress and merges the workers' pairs for writing.
import { Worker } from 'node:worker_threads';
import { DedupeInputError } from './batch.ts';
import { BLOCKING_RULES } from './blocking.ts';
import type { BlockingStats, RuleBlocks } from './candidates.ts';
import type { DedupeProgress } from './dedupe.ts';
import type { ModelParams } from './model.ts';
import type { TrainOptions } from './training.ts';
import type { FromWorker, WorkerSetup } from './worker-protocol.ts';

export interface ParallelOptions {
  workers: number;
  threshold: number;
  lenientDates?: boolean;
  model?: ModelParams;
  training?: TrainOptions;
  maxBlockSize?: number;
  onProgress?: (progress: DedupeProgress) => void;
}

export interface ParallelResult {
  ids: string[];
  /** Pairs at or above the threshold, sorted by left then right index. */
  left: Int32Array;
  right: Int32Array;
  weight: Float64Array;
  comparisons: number;
  blocking: BlockingStats[];
  model: ModelParams;
}

// Workers are plain threads without the tsx loader the CLI registers, so each registers it first.
const BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((api) => { api.register(); return import(workerData.entry); });`;

function spawn(setup: WorkerSetup): Worker {
  return new Worker(BOOT, {
    eval: true,
    workerData: { ...setup, tsx: import.meta.resolve('tsx/esm/api'), entry: new URL('./worker.ts', import.meta.url).href },
  });
}

/** Dedupes a persons CSV with `workers` threads; the file is validated by every worker as it reads. */
export function dedupeParallel(path: string, options: ParallelOptions): Promise<ParallelResult> {
  const rules = BLOCKING_RULES.length;
  // One counter per rule (next block to score) and one for the next rule to build.
  const counters = new Int32Array(new SharedArrayBuffer((rules + 1) * 4));
  const { training: { onProgress: _ignored, ...training } = {} } = options;
  const workers = Array.from({ length: options.workers }, (_, index) =>
    spawn({
      path,
      lenientDates: options.lenientDates,
      threshold: options.threshold,
      model: options.model,
      training,
      maxBlockSize: options.maxBlockSize,
      index,
      workers: options.workers,
      counters,
    }),
  );
  const progress = options.onProgress;
  return new Promise<ParallelResult>((resolve, reject) => {
    let settled = false;
    let ids: string[] | null = null;
    let model: ModelParams | null = options.model ?? null;
    const blocks: (RuleBlocks | undefined)[] = new Array(rules);
    let built = 0;
    let started = false;
    let totalPairs = 0;
    const compared = new Array<number>(workers.length).fill(0);
    const scored = new Array<number>(workers.length).fill(0);
    const results: Extract<FromWorker, { type: 'done' }>[] = [];
    let blockedRecords = 0;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      for (const w of workers) void w.terminate();
      reject(error);
    };
    const maybeStart = () => {
      if (started || !model || built < rules || !ids) return;
      started = true;
      totalPairs = blocks.reduce((s, b) => s + (b as RuleBlocks).blockPairs, 0);
      for (const w of workers) w.postMessage({ type: 'start', model, blocks });
      progress?.({ phase: 'scoring', done: 0, total: totalPairs, detail: '0 pairs scored' });
    };
    const finish = () => {
      const count = results.reduce((s, r) => s + r.count, 0);
      const order = new Uint32Array(count);
      const left = new Int32Array(count);
      const right = new Int32Array(count);
      const weight = new Float64Array(count);
      let k = 0;
      for (const r of results) {
        left.set(r.left.subarray(0, r.count), k);
        right.set(r.right.subarray(0, r.count), k);
        weight.set(r.weight.subarray(0, r.count), k);
        k += r.count;
      }
      for (let i = 0; i < count; i++) order[i] = i;
      order.sort((a, b) => left[a] - left[b] || right[a] - right[b]);
      const sorted = { left: new Int32Array(count), right: new Int32Array(count), weight: new Float64Array(count) };
      for (let i = 0; i < count; i++) {
        sorted.left[i] = left[order[i]];
        sorted.right[i] = right[order[i]];
        sorted.weight[i] = weight[order[i]];
      }
      const blocking = blocks.map((b, r) => ({ ...(b as RuleBlocks).stat, pairs: results.reduce((s, x) => s + x.unique[r], 0) }));
      const comparisons = blocking.reduce((s, b) => s + b.pairs, 0);
      settled = true;
      for (const w of workers) void w.terminate();
      resolve({ ids: ids as string[], ...sorted, comparisons, blocking, model: model as ModelParams });
    };
    workers.forEach((worker, index) => {
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (!settled && code !== 0) fail(new Error(`matching worker ${index} stopped (exit code ${code})`));
      });
      worker.on('message', (m: FromWorker) => {
        if (settled) return;
        switch (m.type) {
          case 'progress':
            if (m.phase === 'reading' && index === 0) progress?.({ phase: 'reading', done: m.done, total: 0 });
            else if (m.phase === 'training') progress?.({ phase: 'training', done: 0, total: 1, detail: m.detail });
            else if (m.phase === 'scoring') {
              compared[index] = m.compared;
              scored[index] = m.scored;
              const done = compared.reduce((s, x) => s + x, 0);
              const unique = scored.reduce((s, x) => s + x, 0);
              progress?.({ phase: 'scoring', done, total: totalPairs, detail: `${unique} pairs scored` });
            }
            break;
          case 'read':
            workers[index + 1]?.postMessage({ type: 'read' });
            if (m.ids) {
              ids = m.ids;
              progress?.({ phase: 'reading', done: m.records, total: m.records });
            }
            maybeStart();
            break;
          case 'model':
            model = m.model;
            progress?.({ phase: 'training', done: 1, total: 1 });
            maybeStart();
            break;
          case 'blocks':
            blocks[m.rule] = m;
            built++;
            blockedRecords += m.ids.length;
            progress?.({ phase: 'blocking', done: blockedRecords, total: rules * m.ids.length, detail: `rule ${m.stat.rule}` });
            maybeStart();
            break;
          case 'done':
            results.push(m);
            if (results.length === workers.length) finish();
            break;
          case 'input-error':
            fail(new DedupeInputError(m.message, m.line));
            break;
          case 'fatal':
            fail(Object.assign(new Error(m.message), { stack: m.stack }));
        }
      });
    });
  });
}
