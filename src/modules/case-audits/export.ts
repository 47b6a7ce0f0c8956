// The round's report as CSV for committee papers: the same tables as the page (grades by question, agency and case
// number), the findings and the actions. No child is named; cells a spreadsheet would run as formulas are kept as text.
import type { getReport } from './report.ts';
import { countsRow } from './view.ts';

type Report = Awaited<ReturnType<typeof getReport.run>>;

function csvCell(v: string | number): string {
  const s = String(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function reportCsv(r: Report, exportedOn: string): string {
  const head = (first: string) => [first, ...r.grades.map((g) => g.label), 'Answers'];
  const lines: (string | number)[][] = [
    [r.name],
    ['Template', r.template.name],
    ['Sample', r.rule.explanation],
    ['Status', r.statusLabel],
    ['Exported', exportedOn],
    [],
    head('Question'),
    ...r.byQuestion.map((q) => [`${q.number}. ${q.text}`, ...countsRow(q.counts)]),
    ['All questions', ...countsRow(r.overall)],
    [],
    head('Agency'),
    ...r.byAgency.map((a) => [a.name, ...countsRow(a.counts)]),
    [],
    head('Case'),
    ...r.byCase.map((c) => [c.label, ...countsRow(c.counts)]),
    [],
    ['Finding', 'Text'],
    ...r.findings.map((f) => [f.number, f.text]),
    [],
    ['Action', 'Agency', 'Due', 'Status', 'Finding'],
    ...r.actions.map((a) => [a.title, a.ownerAgencyName, a.dueOn, a.status, a.finding ?? '']),
  ];
  return `${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export const reportFileName = (r: Report, exportedOn: string) =>
  `${
    r.name
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80) || 'case-audit'
  }-report-${exportedOn}.csv`;
