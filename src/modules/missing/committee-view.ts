// The committee's missing figures as the page, the API and the CSV lay them out: the same rows from measureRows, so
// a figure hidden as `c` on one is hidden on all.
import { type CommitteeFigures, measureRows, TREND_RATES, type TrendRow } from './committee-figures.ts';

export interface CommitteeResult {
  figures: CommitteeFigures;
  trend: TrendRow[];
  /** Published figures: the partnership's disclosure rule in words; null (or absent) for exact counts. */
  disclosure?: string | null;
}

const pctText = (p: number | null | 'c') => (p === 'c' ? 'c' : p === null ? '' : `${p}%`);

/** The API's body: every figure with what it counts and its shares, each naming its denominator. */
export function committeeJson({ figures: f, trend, disclosure }: CommitteeResult) {
  const rows = (c: CommitteeFigures['total']) => measureRows(c).map(({ key, label, counts, value, shares }) => ({ key, label, counts, value, shares }));
  return {
    from: f.from,
    to: f.to,
    suppressed: f.published,
    disclosure: disclosure ?? null,
    episodes: f.episodes,
    children: f.children,
    notReturned: f.notReturned,
    figures: rows(f.total),
    splits: f.splits.map((s) => ({ key: s.key, label: s.label, groups: s.groups.map((g) => ({ key: g.key, label: g.label, figures: rows(g.counts) })) })),
    trend: trend.map((t) => ({ from: t.from, to: t.to, label: t.label, returns: t.returns, rates: t.rates })),
  };
}

/** CSV: the totals, each split, then the trend. Cells are numbers, `c`, or labels of our own (no formulas). */
export function committeeCsv({ figures: f, trend, disclosure }: CommitteeResult): string {
  const lines: (string | number)[][] = [
    [
      'Missing children: figures for the committee',
      `${f.from} to ${f.to}`,
      f.published ? `Published: ${disclosure ?? 'counts from 1 to 5 are shown as c'}` : 'Exact counts: not for publication',
    ],
    [],
    ['Episodes reported', f.episodes, 'episodes'],
    ['Children', f.children, 'children'],
    ['Not yet returned', f.notReturned, 'episodes'],
    [],
    HEADER,
    ...measureLines('All', f.total),
  ];
  for (const s of f.splits) {
    lines.push([], [s.label], HEADER);
    for (const g of s.groups) lines.push(...measureLines(g.label, g.counts));
  }
  lines.push([], ['Quarter', 'Returned episodes', ...TREND_RATES.map((r) => r.label)]);
  for (const t of trend) lines.push([t.label, t.returns, ...t.rates.map((r) => pctText(r.pct))]);
  return `${lines.map((l) => l.map((v) => csvCell(String(v))).join(',')).join('\r\n')}\r\n`;
}

const HEADER = ['Group', 'Figure', 'Counts', 'Number', '% of returned episodes', '% of interviews', 'Interviews the % is of'];

function measureLines(group: string, c: CommitteeFigures['total']): (string | number)[][] {
  return measureRows(c).map((m) => {
    const interviews = m.shares.find((s) => s.of !== 'returns');
    return [
      group,
      m.label,
      m.counts,
      m.value,
      pctText(m.shares.find((s) => s.of === 'returns')?.pct ?? null),
      interviews ? pctText(interviews.pct) : '',
      interviews?.ofLabel ?? '',
    ];
  });
}

function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The page's model: rows of figures for the totals and each split's groups side by side. */
export function committeePage({ figures: f }: CommitteeResult) {
  return {
    total: measureRows(f.total),
    splits: f.splits.map((s) => ({
      key: s.key,
      label: s.label,
      groups: s.groups.map((g) => g.label),
      rows: measureRows(f.total).map((m, i) => ({ label: m.label, counts: m.counts, cells: s.groups.map((g) => measureRows(g.counts)[i]) })),
    })),
  };
}
