// The trend of the main missing rates over the last quarters, as shapes for an inline SVG drawn on the server (no
// JavaScript). The template adds a title and a description; the table beside the chart holds the same figures.
import { TREND_RATES, type TrendRow } from './committee-figures.ts';

const W = 640;
const H = 260;
const LEFT = 48;
const RIGHT = 16;
const TOP = 16;
const BOTTOM = 40;
// Colour and dash both tell the lines apart (not colour alone); GOV.UK palette.
const STYLES = [
  { colour: '#1d70b8', dash: '' },
  { colour: '#00703c', dash: '8 4' },
  { colour: '#d4351c', dash: '2 4' },
  { colour: '#4c2c92', dash: '12 4 2 4' },
];

const round = (n: number) => Math.round(n * 10) / 10;

/** Lines on a 0-100% scale, one point per quarter; a hidden (`c`) or undefined rate leaves a gap in its line. */
export function trendChart(rows: readonly TrendRow[]) {
  const step = rows.length > 1 ? (W - LEFT - RIGHT) / (rows.length - 1) : 0;
  const x = (i: number) => round(rows.length > 1 ? LEFT + step * i : (LEFT + W - RIGHT) / 2);
  const y = (pct: number) => round(TOP + ((H - TOP - BOTTOM) * (100 - pct)) / 100);
  const series = TREND_RATES.map((r, k) => {
    const segments: string[][] = [[]];
    const dots: { x: number; y: number; label: string }[] = [];
    rows.forEach((row, i) => {
      const pct = row.rates[k].pct;
      if (typeof pct !== 'number') {
        if (segments[segments.length - 1].length) segments.push([]);
        return;
      }
      segments[segments.length - 1].push(`${x(i)},${y(pct)}`);
      dots.push({ x: x(i), y: y(pct), label: `${row.label}: ${pct}%` });
    });
    return { key: r.key, label: r.label, ...STYLES[k], lines: segments.filter((s) => s.length).map((s) => s.join(' ')), dots };
  });
  return {
    width: W,
    height: H,
    axis: { x1: LEFT, x2: W - RIGHT, y1: TOP, y2: H - BOTTOM },
    yTicks: [100, 50, 0].map((v) => ({ y: y(v), text: `${v}%` })),
    xTicks: rows.map((row, i) => ({ x: x(i), text: `Q${(Number(row.from.slice(5, 7)) + 2) / 3} ${row.from.slice(2, 4)}` })),
    xLabelY: H - BOTTOM + 22,
    series,
  };
}
