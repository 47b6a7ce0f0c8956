// Messages between the batch's main thread (parallel.ts) and its worker threads (worker.ts).
import type { BlockingStats, RuleBlocks } from './candidates.ts';
import type { ModelParams } from './model.ts';
import type { TrainOptions } from './training.ts';

export interface WorkerSetup {
  path: string;
  lenientDates?: boolean;
  threshold: number;
  model?: ModelParams;
  training?: Omit<TrainOptions, 'onProgress'>;
  maxBlockSize?: number;
  index: number;
  workers: number;
  /** Per rule, the next block to hand out, then the next rule to build (Atomics.add on shared memory). */
  counters: Int32Array;
}

export type FromWorker =
  | { type: 'progress'; phase: 'reading'; done: number }
  | { type: 'progress'; phase: 'training'; detail: string }
  | { type: 'progress'; phase: 'scoring'; compared: number; scored: number }
  | { type: 'read'; records: number; ids?: string[] }
  | { type: 'model'; model: ModelParams }
  | ({ type: 'blocks'; rule: number } & Omit<RuleBlocks, 'stat'> & { stat: BlockingStats })
  | { type: 'done'; left: Int32Array; right: Int32Array; weight: Float64Array; count: number; unique: number[] }
  | { type: 'input-error'; message: string; line?: number }
  | { type: 'fatal'; message: string; stack?: string };

export type ToWorker = { type: 'read' } | { type: 'start'; model: ModelParams; blocks: RuleBlocks[] };
