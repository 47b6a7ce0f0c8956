// The problem profile as the page and the Word file lay it out: the same sections and the same shown tables.
import type { ShownTable } from './domain.ts';

export interface ProfileSectionView {
  key: string;
  heading: string;
  intro: string;
  tables: ShownTable[];
}

export interface ProfileView {
  from: string;
  to: string;
  /** Disclosure control applied (the reader may not see exact figures). */
  published: boolean;
  /** The rule in words, or that the figures are exact. */
  disclosure: string;
  producedOn: string;
  sections: ProfileSectionView[];
}

/** Rows of a table as lines of text cells: heading row, body rows (with a row total when there are columns), the total row. */
export function tableLines(t: ShownTable): { head: string[]; body: string[][]; foot: string[] | null } {
  const many = t.columns.length > 1;
  const head = [t.rowHeading, ...t.columns, ...(many ? ['Total'] : [])];
  const body = t.rows.map((label, i) => [label, ...t.cells[i].map(String), ...(many ? [String(t.rowTotals[i])] : [])]);
  const foot = t.columnTotals.length ? ['Total', ...(many ? t.columnTotals.map(String) : []), String(t.total)] : null;
  return { head, body, foot };
}

export const fileName = (v: ProfileView, ext: string) => `problem-profile-${v.from}-to-${v.to}${v.published ? '-published' : ''}.${ext}`;
