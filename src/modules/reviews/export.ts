// The executive response table of a review (recommendation, comment, progress, lead officer, status, RAG) as a Word
// document, an accessible HTML page and CSV; each says the day it was made and the review's totals by status.
import type * as Docx from 'docx';
import { formatDate } from '../../platform/time.ts';
import { RECOMMENDATION_STATUSES, STATUS_LABELS } from './domain.ts';
import { leadText, progressText, type RecommendationView, type ReviewView } from './view.ts';

export interface ExportData {
  review: ReviewView;
  exportedOn: string;
}

export const COLUMNS = ['Number', 'Recommendation', 'Comment', 'Timescale/progress so far', 'Lead officer/organisation', 'Status', 'RAG'] as const;

const cells = (r: RecommendationView) => [String(r.number), r.text, r.comment, progressText(r), leadText(r), r.statusLabel, r.ragLabel ?? ''];
const totalsLine = (d: ExportData) =>
  `${d.review.totals.total} recommendations: ${RECOMMENDATION_STATUSES.map((s) => `${d.review.totals[s]} ${STATUS_LABELS[s].toLowerCase()}`).join(', ')}`;
export const exportFileName = (d: ExportData, ext: string) =>
  `${
    d.review.name
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80) || 'review'
  }-${d.exportedOn}.${ext}`;

/** A cell starting =, +, - or @ would be a formula in a spreadsheet: it is kept as text. */
function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function reviewCsv(d: ExportData): string {
  const lines: string[][] = [
    [d.review.name],
    ['Exported', d.exportedOn],
    ...RECOMMENDATION_STATUSES.map((s) => [STATUS_LABELS[s], String(d.review.totals[s])]),
    ['Total', String(d.review.totals.total)],
    [],
    [...COLUMNS],
    ...d.review.recommendations.map(cells),
  ];
  return `${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const paras = (s: string) =>
  s
    .split('\n\n')
    .filter(Boolean)
    .map((p) => `<p>${esc(p)}</p>`)
    .join('');

/** A page that stands alone (no scripts, no external styles): headed, captioned, header cells scoped. */
export function reviewHtml(d: ExportData): string {
  const rows = d.review.recommendations
    .map((r) => {
      const c = cells(r);
      return `<tr><th scope="row">${esc(c[0])}</th><td>${paras(c[1])}</td><td>${esc(c[2])}</td><td>${paras(c[3])}</td><td>${esc(c[4])}</td><td>${esc(c[5])}</td><td>${esc(c[6])}</td></tr>`;
    })
    .join('\n');
  const totals = RECOMMENDATION_STATUSES.map((s) => `<tr><th scope="row">${STATUS_LABELS[s]}</th><td>${d.review.totals[s]}</td></tr>`).join('');
  return `<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(d.review.name)}: executive response</title>
<style>body{font-family:Arial,sans-serif;line-height:1.4;margin:1rem;color:#0b0c0c}table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}th,td{border:1px solid #505a5f;padding:.4rem;text-align:left;vertical-align:top}caption{font-weight:bold;text-align:left;padding:.4rem 0}td p,th p{margin:0 0 .5rem}</style></head>
<body>
<main>
<h1>${esc(d.review.name)}: executive response</h1>
<p>${esc(d.review.kindLabel)}. Exported on ${esc(formatDate(d.exportedOn))}.</p>
<table><caption>Totals by status</caption><tbody>${totals}<tr><th scope="row">Total</th><td>${d.review.totals.total}</td></tr></tbody></table>
<table>
<caption>Recommendations</caption>
<thead><tr>${COLUMNS.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
</main>
</body>
</html>
`;
}

export async function reviewDocx(d: ExportData): Promise<Buffer> {
  // docx is loaded on the first Word export, not when the server starts.
  const { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType }: typeof Docx = await import('docx');
  const cell = (text: string, bold = false) =>
    new TableCell({ children: (text || ' ').split('\n\n').map((p) => new Paragraph({ children: [new TextRun({ text: p, bold })] })) });
  const row = (texts: readonly string[], header = false) => new TableRow({ tableHeader: header, children: texts.map((t) => cell(t, header)) });
  const doc = new Document({
    title: `${d.review.name}: executive response`,
    creator: 'Jigsaw',
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`${d.review.name}: executive response`)] }),
          new Paragraph(`${d.review.kindLabel}. Exported on ${formatDate(d.exportedOn)}.`),
          new Paragraph(totalsLine(d)),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              row(['Status', 'Recommendations'], true),
              ...RECOMMENDATION_STATUSES.map((s) => row([STATUS_LABELS[s], String(d.review.totals[s])])),
              row(['Total', String(d.review.totals.total)]),
            ],
          }),
          new Paragraph(''),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [row(COLUMNS, true), ...d.review.recommendations.map((r) => row(cells(r)))],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
