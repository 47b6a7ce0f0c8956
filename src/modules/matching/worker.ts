// One worker thread of a parallel batch dedupe (parallel.ts). Every worker reads and prepares the whole
// file itself (in parallel, so it costs one read of wall time), because scoring any block needs any record.
// Worker 0 also trains, while the others build the rules' blocks into shared memory (worker 0 joins in
// when done). Then all of them take blocks from shared counters and score them.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { DedupeInputError, readPersonsCsv } from './batch.ts';
import { BLOCKING_RULES } from './blocking.ts';
import { buildRuleBlocks, DEFAULT_MAX_BLOCK, pairsInBlocks, type RuleBlocks, shared, visitBlocks } from './candidates.ts';
import { trainForBatch } from './dedupe.ts';
import { Matcher, type ModelParams, weightFromProbability } from './model.ts';
import type { PreparedRecord } from './record.ts';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-protocol.ts';

const setup = workerData as WorkerSetup;
const port = parentPort as NonNullable<typeof parentPort>;
// Full collections between phases (and every 262,144 records read, after each rule built) keep each heap
// near its live size; left alone, V8 lets garbage grow the heap to about twice that, and two workers each
// holding a million records must fit in 1.5 GB together. Each costs a fraction of a second.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/** Builds rules' blocks into shared memory, taking the next unbuilt rule until none is left. */
function build(records: readonly PreparedRecord[]): void {
  const rules = BLOCKING_RULES;
  for (;;) {
    const r = Atomics.add(setup.counters, rules.length, 1);
    if (r >= rules.length) return;
    const b = buildRuleBlocks(records, rules[r], setup.maxBlockSize ?? DEFAULT_MAX_BLOCK, shared);
    send({ type: 'blocks', rule: r, ids: b.ids, start: b.start, members: b.members, blocks: b.blocks, blockPairs: b.blockPairs, stat: b.stat });
    collect(); // each rule's keys are a million strings of garbage
  }
}

/** Growable typed arrays for the pairs at or above the threshold. */
class PairBuffer {
  left = new Int32Array(1 << 14);
  right = new Int32Array(1 << 14);
  weight = new Float64Array(1 << 14);
  count = 0;
  push(i: number, j: number, w: number) {
    if (this.count === this.left.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.left = grow(this.left);
      this.right = grow(this.right);
      this.weight = grow(this.weight);
    }
    this.left[this.count] = i;
    this.right[this.count] = j;
    this.weight[this.count++] = w;
  }
}

function score(records: readonly PreparedRecord[], model: ModelParams, blocks: RuleBlocks[]): void {
  const matcher = new Matcher(model);
  const minWeight = weightFromProbability(setup.threshold);
  const out = new PairBuffer();
  const unique = new Array<number>(blocks.length).fill(0);
  let compared = 0;
  let scored = 0;
  let last = performance.now();
  const chunk = 256;
  const visit = (i: number, j: number) => {
    const w = matcher.matchWeight(records[i], records[j]);
    if (w >= minWeight) out.push(i, j, w);
  };
  for (let r = 0; r < blocks.length; r++) {
    const rule = blocks[r];
    const earlier = blocks.slice(0, r).map((b) => b.ids);
    for (;;) {
      const from = Atomics.add(setup.counters, r, chunk);
      if (from >= rule.blocks) break;
      const to = Math.min(rule.blocks, from + chunk);
      const n = visitBlocks(rule, earlier, from, to, visit);
      unique[r] += n;
      scored += n;
      compared += pairsInBlocks(rule.start, from, to);
      const now = performance.now();
      if (now - last > 250) {
        last = now;
        send({ type: 'progress', phase: 'scoring', compared, scored });
      }
    }
  }
  send({ type: 'progress', phase: 'scoring', compared, scored });
  const { left, right, weight, count } = out;
  send({ type: 'done', left, right, weight, count, unique }, [left.buffer, right.buffer, weight.buffer] as ArrayBuffer[]);
}

/** Resolves on the first message of `type` from the main thread. */
function next<T extends ToWorker['type']>(type: T): Promise<Extract<ToWorker, { type: T }>> {
  return new Promise((resolve) => {
    const on = (m: ToWorker) => {
      if (m.type !== type) return;
      port.off('message', on);
      resolve(m as Extract<ToWorker, { type: T }>);
    };
    port.on('message', on);
  });
}

async function main(): Promise<void> {
  // Workers read one after another: reading's garbage would otherwise peak in all of them at once.
  const started = next('start');
  if (setup.index > 0) await next('read');
  let records: PreparedRecord[];
  let ids: string[] | undefined = setup.index === 0 ? [] : undefined;
  try {
    // Worker 0 checks ids and hands them to the main thread; the others keep none.
    records = await readPersonsCsv(setup.path, {
      lenientDates: setup.lenientDates,
      keepIds: false,
      checkIds: setup.index === 0,
      ids: setup.index === 0 ? ids : undefined,
      onProgress: (p) => {
        send({ type: 'progress', phase: 'reading', done: p.done });
        if ((p.done & 0x3ffff) === 0) collect();
      },
    });
  } catch (error) {
    if (error instanceof DedupeInputError) {
      // The main thread rebuilds the error, which adds the "line N: " prefix again.
      const message = error.line === undefined ? error.message : error.message.replace(`line ${error.line}: `, '');
      send({ type: 'input-error', message, line: error.line });
      return;
    }
    throw error;
  }
  send({ type: 'read', records: records.length, ids });
  ids = undefined;
  collect();
  if (setup.index === 0 && !setup.model) {
    const model = trainForBatch(records, {
      ...setup.training,
      onProgress: (detail) => {
        send({ type: 'progress', phase: 'training', detail });
        collect();
      },
    });
    send({ type: 'model', model });
    collect();
  }
  build(records);
  collect();
  const start = await started;
  score(records, start.model, start.blocks);
}

main().catch((error: Error) => send({ type: 'fatal', message: error.message, stack: error.stack }));
