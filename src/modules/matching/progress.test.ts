import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bar, formatDuration, formatProgress, progressReporter, timeLeft } from './progress.ts';

describe('progress', () => {
  it('formats durations, bars and the time left', () => {
    assert.equal(formatDuration(42.4), '42s');
    assert.equal(formatDuration(125), '2m05s');
    assert.equal(bar(0.5, 10), '[#####-----]  50%');
    const state = {
      phase: 'scoring' as const,
      read: 10,
      blocked: 0,
      blockedTotal: 0,
      compared: 250,
      comparedTotal: 1000,
      scored: '200 pairs scored',
      detail: '',
      elapsed: 30_000,
      scoringSince: 20_000,
    };
    assert.equal(timeLeft(state), 30); // 10 s for a quarter: 30 s for the rest
    assert.match(formatProgress(state, true), /^\[30s\] scoring \[#+-+\]\s+25% 250\/1,000 pairs compared, 200 pairs scored, 30s left$/);
    assert.equal(formatProgress({ ...state, phase: 'blocking', blocked: 5, blockedTotal: 10 }, false), '[30s] blocking 5/10 records blocked');
  });

  it('redraws one line on a terminal and writes plain lines otherwise, at most once per interval within a phase', () => {
    let now = 0;
    const out: string[] = [];
    const plain = progressReporter({ tty: false, write: (s) => out.push(s), now: () => now, interval: 1000 });
    plain.onProgress({ phase: 'reading', done: 100, total: 0 });
    now = 500;
    plain.onProgress({ phase: 'reading', done: 200, total: 0 }); // too soon: skipped
    plain.onProgress({ phase: 'scoring', done: 1, total: 10, detail: '1 pairs scored' }); // new phase: shown
    assert.deepEqual(out, ['[0s] reading: 100 records\n', '[1s] scoring 1/10 pairs compared, 1 pairs scored\n']);
    const tty: string[] = [];
    const bar = progressReporter({ tty: true, write: (s) => tty.push(s), now: () => now });
    bar.onProgress({ phase: 'scoring', done: 5, total: 10, detail: '5 pairs scored' });
    bar.finish();
    assert.ok(tty[0].startsWith('\r\x1b[2K[0s] scoring ['), JSON.stringify(tty[0]));
    assert.equal(tty[1], '\r\x1b[2K');
  });
});
