// A report whose first breakdown is the period (month, quarter or year) is a trend: one line per value of the second
// breakdown (or one line), drawn as server-side SVG beside the table of the same figures. A `c` leaves a gap.
import { type LineChartInput, lineChartSvg, MAX_SERIES } from '../../platform/views/charts.ts';
import { isPeriodDimension } from './domain.ts';
import type { ReportView } from './view.ts';

export interface Trend {
  svg: string;
  /** Why there is no chart, when there is none but the report looks like a trend. */
  reason?: string;
}

export function trendOf(r: ReportView): Trend | null {
  const [d0, d1] = r.dimensions;
  if (!d0 || !isPeriodDimension(d0.code)) return null;
  if (r.dimensions.length > 2) return { svg: '', reason: 'A trend is drawn for the period and at most one more breakdown.' };
  const value = (c: (typeof r.cells)[number]) => (typeof c.count === 'number' ? c.count : null);
  const cols = d1 ? d1.values.length : 1;
  if (cols > MAX_SERIES) return { svg: '', reason: `A trend is drawn for at most ${MAX_SERIES} lines; ${d1.label.toLowerCase()} has ${cols} values.` };
  const series = d1
    ? d1.values.map((v, j) => ({ label: v.label, values: d0.values.map((_, i) => value(r.cells[i * cols + j])) }))
    : [{ label: r.measure.unit, values: r.cells.map(value) }];
  const input: LineChartInput = {
    id: 'report-trend',
    title: `${r.measure.unit} by ${d0.label.toLowerCase()}${d1 ? ` and ${d1.label.toLowerCase()}` : ''}, ${r.spec.from} to ${r.spec.to}`,
    description: `Line chart of ${r.measure.unit.toLowerCase()} in each ${d0.label.toLowerCase()}${d1 ? `, one line for each ${d1.label.toLowerCase()}` : ''}. The table beside it holds the same figures${r.exact ? '' : '; hidden counts (c) are gaps in the lines'}.`,
    categories: d0.values.map((v) => v.label),
    series,
    unit: r.measure.unit,
  };
  return { svg: lineChartSvg(input) };
}
