// Charts as SVG drawn on the server (no JavaScript, printable): a line chart of one or more series over periods.
// The SVG has a title and a description and is role="img"; the page puts the same figures in a table beside it,
// which is the accessible alternative. Lines differ by dash and marker as well as colour (never colour alone).
// (src/modules/programmes/chart.ts and src/modules/missing/committee-chart.ts are two older helpers to fold in here.)

export interface Series {
  label: string;
  /** One value per category; null (e.g. a suppressed count) leaves a gap in the line. */
  values: (number | null)[];
}

export interface LineChartInput {
  id: string;
  title: string;
  description: string;
  categories: string[];
  series: Series[];
  /** Axis label for the values, e.g. "Referrals". */
  unit: string;
}

const W = 720;
const H = 300;
const LEFT = 56;
const RIGHT = 16;
const TOP = 20;
const BOTTOM = 56;
// GOV.UK palette; dash patterns so that lines are told apart without colour.
export const SERIES_STYLES = [
  { colour: '#1d70b8', dash: '' },
  { colour: '#00703c', dash: '8 4' },
  { colour: '#d4351c', dash: '2 4' },
  { colour: '#4c2c92', dash: '12 4 2 4' },
  { colour: '#b58840', dash: '4 2' },
  { colour: '#0b0c0c', dash: '1 3' },
  { colour: '#f47738', dash: '10 2 2 2 2 2' },
  { colour: '#5694ca', dash: '6 6' },
];
export const MAX_SERIES = SERIES_STYLES.length;

const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const r1 = (n: number) => Math.round(n * 10) / 10;

/** A "nice" top of the value axis: 1, 2 or 5 times a power of ten, at least the largest value. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((m) => m * p).find((v) => v >= max) as number;
}

/** The SVG text of the chart (escaped: safe to output unescaped in a template). */
export function lineChartSvg(c: LineChartInput): string {
  const max = niceMax(Math.max(0, ...c.series.flatMap((s) => s.values.filter((v): v is number => v !== null))));
  const n = c.categories.length;
  const step = n > 1 ? (W - LEFT - RIGHT) / (n - 1) : 0;
  const x = (i: number) => r1(n > 1 ? LEFT + step * i : (LEFT + W - RIGHT) / 2);
  const y = (v: number) => r1(TOP + ((H - TOP - BOTTOM) * (max - v)) / max);
  const ticks = [0, max / 2, max].map(
    (v) =>
      `<g><line x1="${LEFT}" x2="${W - RIGHT}" y1="${y(v)}" y2="${y(v)}" stroke="#b1b4b6" stroke-width="1"/><text x="${LEFT - 6}" y="${y(v) + 4}" text-anchor="end" font-size="12">${r1(v)}</text></g>`,
  );
  // At most about 12 labels along the bottom, so they do not overlap.
  const every = Math.max(1, Math.ceil(n / 12));
  const xLabels = c.categories
    .map((label, i) =>
      i % every === 0 || i === n - 1 ? `<text x="${x(i)}" y="${H - BOTTOM + 18}" text-anchor="middle" font-size="11">${esc(label)}</text>` : '',
    )
    .join('');
  const lines = c.series
    .map((s, k) => {
      const st = SERIES_STYLES[k % SERIES_STYLES.length];
      const segments: string[][] = [[]];
      const dots: string[] = [];
      s.values.forEach((v, i) => {
        if (v === null) {
          if (segments[segments.length - 1].length) segments.push([]);
          return;
        }
        segments[segments.length - 1].push(`${x(i)},${y(v)}`);
        dots.push(`<circle cx="${x(i)}" cy="${y(v)}" r="3" fill="${st.colour}"><title>${esc(`${s.label}, ${c.categories[i]}: ${v}`)}</title></circle>`);
      });
      const paths = segments
        .filter((seg) => seg.length)
        .map(
          (seg) =>
            `<polyline points="${seg.join(' ')}" fill="none" stroke="${st.colour}" stroke-width="2.5"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''}/>`,
        )
        .join('');
      return `<g data-series="${esc(s.label)}">${paths}${dots.join('')}</g>`;
    })
    .join('');
  const legend = c.series
    .map((s, k) => {
      const st = SERIES_STYLES[k % SERIES_STYLES.length];
      const lx = LEFT + (k % 4) * 165;
      const ly = H - 18 + Math.floor(k / 4) * 16;
      return `<g><line x1="${lx}" x2="${lx + 24}" y1="${ly - 4}" y2="${ly - 4}" stroke="${st.colour}" stroke-width="2.5"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''}/><text x="${lx + 30}" y="${ly}" font-size="12">${esc(s.label.length > 22 ? `${s.label.slice(0, 21)}…` : s.label)}</text></g>`;
    })
    .join('');
  const height = H + Math.max(0, Math.ceil(c.series.length / 4) - 1) * 16;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="jigsaw-line-chart" viewBox="0 0 ${W} ${height}" width="100%" role="img" aria-labelledby="${esc(c.id)}-title ${esc(c.id)}-desc" font-family="Arial, sans-serif">
<title id="${esc(c.id)}-title">${esc(c.title)}</title><desc id="${esc(c.id)}-desc">${esc(c.description)}</desc>
${ticks.join('')}<text x="12" y="${TOP + 4}" font-size="12">${esc(c.unit)}</text>
<line x1="${LEFT}" x2="${W - RIGHT}" y1="${y(0)}" y2="${y(0)}" stroke="#0b0c0c" stroke-width="1"/>
${xLabels}${lines}${legend}</svg>`;
}
