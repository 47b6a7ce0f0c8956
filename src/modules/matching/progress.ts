// Progress of a batch dedupe on the terminal: a redrawn bar when stderr is a TTY (records read and
// blocked, pairs compared and scored, time left), plain dated lines otherwise (logs, CI).
// The formatting is pure; `progressReporter` only decides when and how to write.
import type { DedupeProgress } from './dedupe.ts';

export interface ProgressState {
  phase: DedupeProgress['phase'];
  /** Records read so far, and records keyed by blocking rules (records x rules). */
  read: number;
  blocked: number;
  blockedTotal: number;
  /** Candidate pairs in the blocks handed out so far, of all candidate pairs; pairs scored (unique). */
  compared: number;
  comparedTotal: number;
  scored: string;
  detail: string;
  /** Milliseconds since the start, and since scoring started (for the time left). */
  elapsed: number;
  scoringSince: number | null;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** Seconds left, from the scoring rate so far (null until there is a rate). */
export function timeLeft(state: ProgressState): number | null {
  if (state.scoringSince === null || state.compared <= 0 || state.comparedTotal <= 0) return null;
  const spent = (state.elapsed - state.scoringSince) / 1000;
  if (spent < 2) return null; // no rate to speak of yet
  return (spent * (state.comparedTotal - state.compared)) / state.compared;
}

export function bar(fraction: number, width = 24): string {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const full = Math.round(f * width);
  return `[${'#'.repeat(full)}${'-'.repeat(width - full)}] ${String(Math.round(f * 100)).padStart(3)}%`;
}

const count = (n: number) => n.toLocaleString('en-GB');

/** One line describing the state, e.g. "scoring [######----] 60% 12,000,000/20,000,000 pairs compared, ...". */
export function formatProgress(state: ProgressState, withBar: boolean): string {
  const time = formatDuration(state.elapsed / 1000);
  switch (state.phase) {
    case 'reading':
      return `[${time}] reading: ${count(state.read)} records`;
    case 'training':
      return `[${time}] training the model on ${count(state.read)} records${state.detail ? ` (${state.detail})` : ''}`;
    case 'blocking': {
      const f = state.blockedTotal ? state.blocked / state.blockedTotal : 0;
      return `[${time}] blocking ${withBar ? `${bar(f)} ` : ''}${count(state.blocked)}/${count(state.blockedTotal)} records blocked`;
    }
    case 'scoring': {
      const f = state.comparedTotal ? state.compared / state.comparedTotal : 0;
      const left = timeLeft(state);
      return `[${time}] scoring ${withBar ? `${bar(f)} ` : ''}${count(state.compared)}/${count(state.comparedTotal)} pairs compared, ${state.scored}${left === null ? '' : `, ${formatDuration(left)} left`}`;
    }
    default:
      return `[${time}] writing the pairs`;
  }
}

export interface ReporterOptions {
  tty: boolean;
  write: (text: string) => void;
  now?: () => number;
  /** Plain lines at most this often (ms); the bar redraws at most every 200 ms. */
  interval?: number;
}

/** Returns an onProgress callback and a `finish` that ends the bar's line. */
export function progressReporter(options: ReporterOptions): { onProgress: (p: DedupeProgress) => void; finish: () => void } {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const interval = options.tty ? 200 : (options.interval ?? 5000);
  let last = Number.NEGATIVE_INFINITY;
  let lastPhase = '';
  let drawn = false;
  const state: ProgressState = {
    phase: 'reading',
    read: 0,
    blocked: 0,
    blockedTotal: 0,
    compared: 0,
    comparedTotal: 0,
    scored: '',
    detail: '',
    elapsed: 0,
    scoringSince: null,
  };
  const onProgress = (p: DedupeProgress) => {
    const t = now();
    state.phase = p.phase;
    state.elapsed = t - started;
    state.detail = p.detail ?? '';
    if (p.phase === 'reading') state.read = Math.max(state.read, p.done);
    if (p.phase === 'blocking') [state.blocked, state.blockedTotal] = [p.done, p.total];
    if (p.phase === 'scoring') {
      state.scoringSince ??= state.elapsed;
      [state.compared, state.comparedTotal, state.scored] = [p.done, p.total, p.detail ?? ''];
    }
    // Always show a new phase; within a phase, no more often than the interval.
    if (p.phase === lastPhase && t - last < interval) return;
    lastPhase = p.phase;
    last = t;
    const line = formatProgress(state, options.tty);
    if (options.tty) {
      options.write(`\r\x1b[2K${line}`);
      drawn = true;
    } else options.write(`${line}\n`);
  };
  const finish = () => {
    if (drawn) options.write('\r\x1b[2K');
    drawn = false;
  };
  return { onProgress, finish };
}
