// Why does the model think two records are the same child? A waterfall chart of the field weights from
// the starting point (prior) to the final match weight, as a server-rendered SVG string that needs no
// JavaScript (works under the CSP), plus the same reasons as plain words. Accessible: role="img", a
// <title> and a <desc> that states every step, values written next to every bar (colour is never the only
// cue), all text escaped. Pure: an Explanation (model.ts) in, strings out.
import type { Explanation, FieldContribution } from './model.ts';

/** Plain phrases for the comparison levels, keyed "field|level label"; others fall back to "field: level". */
const PHRASES: Record<string, string> = {
  'given name|exact match': 'same given name',
  'given name|forename and surname swapped': 'given and family names swapped round',
  'given name|nickname or variant': 'given names a nickname or spelling variant of each other',
  'given name|very similar spelling': 'given names spelt very similarly',
  'given name|sounds alike': 'given names sound alike',
  'given name|one of several names matches': 'one of the given names or aliases matches',
  'given name|similar spelling': 'given names spelt similarly',
  'given name|initial matches': 'only the initial of the given name matches',
  'given name|different': 'different given names',
  'family name|exact match': 'same family name',
  'family name|swapped with given name (weighed there)': 'family name swapped with the given name (counted once, above)',
  'family name|known spelling variant': 'family names a known spelling variant',
  'family name|very similar spelling': 'family names spelt very similarly',
  'family name|sounds alike': 'family names sound alike',
  'family name|one part of a double-barrelled name matches': 'one part of a double-barrelled family name matches',
  'family name|similar spelling': 'family names spelt similarly',
  'family name|different': 'different family names',
  'date of birth|exact match': 'same date of birth',
  'date of birth|day and month swapped': 'date of birth with day and month swapped',
  'date of birth|one character different or year one out': 'date of birth one digit or one year out',
  'date of birth|within a month': 'dates of birth within a month of each other',
  'date of birth|two characters different': 'date of birth two digits different',
  'date of birth|same year': 'born in the same year only',
  'date of birth|different': 'different date of birth',
  'sex|same': 'same sex',
  'sex|different': 'different sex',
  'postcode and address|same postcode and address': 'same postcode and address',
  'postcode and address|same postcode, similar address': 'same postcode, address similar',
  'postcode and address|same postcode': 'same postcode, different address',
  'postcode and address|same address, postcode differs or missing': 'same address, postcode differs or missing',
  'postcode and address|postcode one character different': 'postcode one character different',
  'postcode and address|most address words match': 'most words of the address match',
  'postcode and address|same postcode sector': 'postcode in the same sector',
  'postcode and address|same postcode district': 'postcode in the same district',
  'postcode and address|some address words match': 'some words of the address match',
  'postcode and address|same postcode area': 'postcode in the same area only',
  'postcode and address|different': 'different postcode and address',
  'identifier|exact match': 'same NHS number or reference',
  'identifier|one character different': 'NHS number or reference one character different',
  'identifier|different': 'different NHS number or reference',
};

export const signed = (w: number) => `${w >= 0 ? '+' : '-'}${Math.abs(w).toFixed(1)}`;

/** "same date of birth" for a field contribution; missing values say so. */
export function phrase(f: FieldContribution): string {
  if (f.field === 'household') return f.level;
  if (f.weight === 0 && /missing/.test(f.level)) return `${f.field} missing on one record (no evidence either way)`;
  return PHRASES[`${f.field}|${f.level}`] ?? `${f.field}: ${f.level}`;
}

/** Plain-words lines: "starting point ... -17.9", "same date of birth +8.1", ..., "match weight +12.0 (probability 99.98%)". */
export function plainWords(e: Explanation): string[] {
  return [
    `starting point: how likely two records picked at random are the same person ${signed(e.priorWeight)}`,
    ...e.fields.map((f) => `${phrase(f)} ${signed(f.weight)}`),
    `match weight ${signed(e.matchWeight)} (probability ${formatProbability(e.probability)})`,
  ];
}

export function formatProbability(p: number): string {
  if (p >= 0.9999) return 'over 99.99%';
  if (p < 0.0001) return 'under 0.01%';
  return `${(p * 100).toFixed(p > 0.99 || p < 0.01 ? 2 : 1)}%`;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export interface WaterfallOptions {
  /** Prefix for the ids of <title> and <desc> (unique per page when several charts are shown). */
  idPrefix?: string;
  title?: string;
  width?: number;
}

const ROW = 28;
const LABEL = 300;
const POSITIVE = '#00703c'; // GOV.UK green and red, with the value as text beside every bar
const NEGATIVE = '#d4351c';
const TOTAL = '#1d70b8';

/** The waterfall as an SVG string: one row per step, bars from the running total before to after it. */
export function waterfallSvg(e: Explanation, options: WaterfallOptions = {}): string {
  const id = (options.idPrefix ?? 'waterfall').replace(/[^A-Za-z0-9_-]/g, '');
  const width = Math.max(480, options.width ?? 720);
  const steps = [{ label: 'starting point (prior)', weight: e.priorWeight }, ...e.fields.map((f) => ({ label: phrase(f), weight: f.weight }))];
  let running = 0;
  const bars = steps.map((s) => {
    const from = running;
    running += s.weight;
    return { ...s, from, to: running };
  });
  const ends = [0, e.matchWeight, ...bars.flatMap((b) => [b.from, b.to])];
  const lo = Math.min(...ends);
  const hi = Math.max(...ends);
  const plot = width - LABEL - 70;
  const x = (w: number) => LABEL + ((w - lo) / (hi - lo || 1)) * plot;
  const rows = [...bars, { label: 'match weight', weight: e.matchWeight, from: 0, to: e.matchWeight, total: true }];
  const height = rows.length * ROW + 40;
  const body = rows.map((b, i) => {
    const y = 20 + i * ROW;
    const left = Math.min(x(b.from), x(b.to));
    const w = Math.max(1, Math.abs(x(b.to) - x(b.from)));
    const fill = 'total' in b ? TOTAL : b.weight >= 0 ? POSITIVE : NEGATIVE;
    const value = escapeXml(signed(b.weight));
    return [
      `<text x="${LABEL - 8}" y="${y + 17}" text-anchor="end" font-size="13">${escapeXml(b.label)}</text>`,
      `<rect x="${left.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${ROW - 8}" fill="${fill}"/>`,
      `<text x="${(left + w + 4).toFixed(1)}" y="${y + 17}" font-size="13">${value}</text>`,
    ].join('');
  });
  const zero = x(0).toFixed(1);
  const title = escapeXml(
    options.title ?? `Why these records may be the same person: match weight ${signed(e.matchWeight)}, probability ${formatProbability(e.probability)}`,
  );
  const desc = escapeXml(`${plainWords(e).join('; ')}.`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-title ${id}-desc" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Arial, sans-serif" fill="#0b0c0c">`,
    `<title id="${id}-title">${title}</title>`,
    `<desc id="${id}-desc">${desc}</desc>`,
    `<line x1="${zero}" y1="10" x2="${zero}" y2="${height - 10}" stroke="#505a5f" stroke-dasharray="4 3"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}
