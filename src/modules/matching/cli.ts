// `jigsaw persons dedupe --in FILE.csv --out PAIRS.csv [--threshold P]`
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DedupeInputError, dedupeCsv } from './batch.ts';
import type { ModelParams } from './model.ts';
import { progressReporter } from './progress.ts';

export const DEDUPE_USAGE = `Usage: jigsaw persons dedupe --in FILE.csv --out PAIRS.csv [--threshold P] [--workers N]

Finds records that are probably the same person and writes id_l,id_r,probability,match_weight
for every pair with probability at or above the threshold (default 0.5), each pair once.
The input header must include id,given_name,family_name,date_of_birth,sex,postcode,address,identifier
(any value may be empty; dates as YYYY-MM-DD or YYYYMMDD).

Options:
  --threshold P        minimum match probability, 0 to 1 (default 0.5)
  --lenient-dates      keep impossible dates such as 19560431 (compared as text) instead of failing
  --model FILE.json    score with saved model parameters instead of training on the input
  --save-model FILE    also write the trained model parameters (m, u, term frequencies) as JSON
  --workers N          worker threads (default 2 for files over 30 MB, else 1; each holds the records)
  --quiet              no progress on stderr (a bar on a terminal, plain lines otherwise)`;

/** Runs the command with the arguments after `persons dedupe`; returns the exit code. */
export async function personsDedupe(args: string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: args[0] === 'persons' && args[1] === 'dedupe' ? args.slice(2) : args,
      options: {
        in: { type: 'string' },
        out: { type: 'string' },
        threshold: { type: 'string' },
        'lenient-dates': { type: 'boolean' },
        model: { type: 'string' },
        'save-model': { type: 'string' },
        workers: { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`Error: ${(error as Error).message}\n\n${DEDUPE_USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${DEDUPE_USAGE}\n`);
    return 0;
  }
  const input = values.in as string | undefined;
  const output = values.out as string | undefined;
  if (!input || !output) {
    process.stderr.write(`Error: give both --in and --out\n\n${DEDUPE_USAGE}\n`);
    return 2;
  }
  const threshold = values.threshold === undefined ? 0.5 : Number(values.threshold);
  if (!(threshold >= 0 && threshold <= 1) || values.threshold === '') {
    process.stderr.write(`Error: --threshold must be a probability between 0 and 1, not "${values.threshold}"\n`);
    return 2;
  }
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1 && workers <= 64)) {
    process.stderr.write(`Error: --workers must be a whole number from 1 to 64, not "${values.workers}"\n`);
    return 2;
  }
  const reporter = values.quiet ? null : progressReporter({ tty: process.stderr.isTTY === true, write: (t) => process.stderr.write(t) });
  try {
    let model: ModelParams | undefined;
    if (typeof values.model === 'string') {
      try {
        model = JSON.parse(await readFile(values.model, 'utf8')) as ModelParams;
      } catch (error) {
        throw new DedupeInputError(`cannot read model ${values.model}: ${(error as Error).message}`);
      }
    }
    const result = await dedupeCsv(input, output, {
      threshold,
      model,
      lenientDates: values['lenient-dates'] === true,
      workers,
      onProgress: reporter?.onProgress,
    });
    reporter?.finish();
    if (typeof values['save-model'] === 'string') await writeFile(values['save-model'], `${JSON.stringify(result.model)}\n`);
    if (!values.quiet) {
      process.stderr.write(
        `${result.records} records, ${result.comparisons} pairs compared, ${result.pairsWritten} pairs at or above ${threshold} written to ${output} in ${result.seconds.total.toFixed(1)} s (${result.workers} ${result.workers === 1 ? 'thread' : 'worker threads'})\n`,
      );
    }
    return 0;
  } catch (error) {
    reporter?.finish();
    if (error instanceof DedupeInputError) {
      const hint = /not a real calendar date/.test(error.message) ? ' (--lenient-dates keeps such dates as text)' : '';
      process.stderr.write(`Error: ${error.message}${hint}\n`);
      return 1;
    }
    throw error;
  }
}
