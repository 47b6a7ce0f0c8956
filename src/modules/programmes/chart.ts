// A child's records on one scale as a line chart drawn on the server (inline SVG, no JavaScript): the shapes only;
// the template draws them with a title and a description, and the same figures as a table beside it.
import { daysBetween, formatDate } from '../../platform/time.ts';

export interface ChartPoint {
  recordedOn: string;
  value: number;
}

const W = 600;
const H = 220;
const LEFT = 48;
const RIGHT = 16;
const TOP = 16;
const BOTTOM = 36;

/** Coordinates in a 600 x 220 view box: x by date, y from the scale's lowest to its highest value. */
export function lineChart(points: readonly ChartPoint[], min: number, top: number) {
  const sorted = [...points].sort((a, b) => a.recordedOn.localeCompare(b.recordedOn));
  const span = sorted.length > 1 ? daysBetween(sorted[0].recordedOn, sorted[sorted.length - 1].recordedOn) : 0;
  const x = (on: string) => (span ? LEFT + ((W - LEFT - RIGHT) * daysBetween(sorted[0].recordedOn, on)) / span : (LEFT + W - RIGHT) / 2);
  const y = (v: number) => TOP + ((H - TOP - BOTTOM) * (top - v)) / (top - min || 1);
  const dots = sorted.map((p) => ({ x: round(x(p.recordedOn)), y: round(y(p.value)), label: `${formatDate(p.recordedOn)}: ${p.value}` }));
  const mid = Math.round((min + top) / 2);
  return {
    width: W,
    height: H,
    line: dots.map((d) => `${d.x},${d.y}`).join(' '),
    dots,
    axis: { x1: LEFT, x2: W - RIGHT, y1: TOP, y2: H - BOTTOM },
    yTicks: [top, mid, min].map((v) => ({ y: round(y(v)), text: String(v) })),
    xTicks: sorted.length
      ? [...new Set([sorted[0].recordedOn, sorted[sorted.length - 1].recordedOn])].map((on) => ({ x: round(x(on)), text: formatDate(on) }))
      : [],
    xLabelY: H - BOTTOM + 22,
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
