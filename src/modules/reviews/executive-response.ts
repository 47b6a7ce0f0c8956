// Reading an executive response document (the shape of seed 003): `Recommendation N.` paragraphs, each followed by a
// "Comment / Timescale/progress so far / Lead Officer/Organisation" heading and a tab-separated row (the comment such
// as "Accepted - completed", the progress paragraphs, the lead officer and organisation), rows continued on lines
// that start with a tab (a table split by a page break). Pure: text in, recommendations and unread lines out.
import type { RecommendationStatus, Response } from './domain.ts';

export interface ParsedProgress {
  datedOn: string | null;
  text: string;
}
export interface ParsedRecommendation {
  line: number;
  number: number;
  text: string;
  addressee: string | null;
  response: Response | null;
  responseComment: string | null;
  status: RecommendationStatus;
  leadOfficer: string | null;
  leadOrganisation: string | null;
  progress: ParsedProgress[];
  /** Requests for an update the progress says were sent and not answered ("wrote to X for an update. This has yet to be received."). */
  awaiting: { requestedOf: string; requestedOn: string | null }[];
}
export interface UnreadLine {
  line: number;
  message: string;
}
export type ParseResult =
  | { ok: true; title: string | null; recommendations: ParsedRecommendation[]; unread: UnreadLine[] }
  | { ok: false; unread: UnreadLine[] };

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const stripTags = (s: string) =>
  s
    .replace(/<\/?[a-z][a-z0-9]*(?:\s[^>]*)?\/?>/gi, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** A cell's paragraphs: its `<p>` elements (lists stay inside the paragraph they follow), tags removed. */
export function paragraphs(cell: string): string[] {
  return cell
    .split(/<\/?p[^>]*>/i)
    .map(stripTags)
    .filter((p) => p !== '');
}

/** The date a progress paragraph opens with: "September 2016 – ...", "Update October 2016:", "Update 1.11.16". */
export function openingDate(text: string): string | null {
  const month = /^(?:update\s+|at the start of\s+)?([a-z]{3,9})\s+(\d{4})\b/i.exec(text);
  if (month) {
    const m = MONTHS[month[1].toLowerCase().slice(0, month[1].toLowerCase().startsWith('sept') ? 4 : 3)];
    const y = Number(month[2]);
    if (m && y >= 1990 && y <= 2100) return `${y}-${String(m).padStart(2, '0')}-01`;
  }
  const day = /^update\s+(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})\b/i.exec(text);
  if (day) {
    const y = day[3].length === 2 ? 2000 + Number(day[3]) : Number(day[3]);
    const m = Number(day[2]);
    const d = Number(day[1]);
    if (m >= 1 && m <= 12 && d >= 1 && d <= 31) return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  return null;
}

/** Progress updates: a paragraph that opens with a date starts a new update; the paragraphs after it belong to it. */
const AWAITING = /wrote to ([^.]{2,120}?) for an update\.\s*This has yet to be received/gi;
const MONTH_BEFORE = /(?:at the start of|in|on)\s+([a-z]{3,9}\s+\d{4})[^.]*$/i;

/** The requests for an update a progress update reports as not yet answered, dated by the month it names. */
export function awaitedUpdates(progress: readonly ParsedProgress[]): ParsedRecommendation['awaiting'] {
  return progress.flatMap((p) =>
    [...p.text.matchAll(AWAITING)].map((m) => {
      const before = MONTH_BEFORE.exec(p.text.slice(0, m.index));
      return { requestedOf: m[1].trim(), requestedOn: (before && openingDate(before[1])) ?? p.datedOn };
    }),
  );
}

export function progressUpdates(paras: readonly string[]): ParsedProgress[] {
  const out: ParsedProgress[] = [];
  for (const p of paras) {
    const datedOn = openingDate(p);
    if (datedOn || out.length === 0) out.push({ datedOn, text: p });
    else out[out.length - 1].text += `\n\n${p}`;
  }
  return out;
}

/** "Accepted - completed", "<p>Accepted</p>", "Partly accepted - outstanding": the response and the status. */
export function readComment(cell: string): { response: Response; status: RecommendationStatus; comment: string } | null {
  const comment = stripTags(cell).replace(/\s*[–—]\s*/g, ' - ');
  const m = /^(not accepted|partly accepted|partially accepted|accepted)\s*(?:[-:,]\s*(.*))?$/i.exec(comment);
  if (!m) return null;
  const said = m[1].toLowerCase();
  const response: Response = said === 'accepted' ? 'accepted' : said === 'not accepted' ? 'not_accepted' : 'partly_accepted';
  const rest = (m[2] ?? '').toLowerCase().trim();
  let status: RecommendationStatus;
  if (/^complete/.test(rest)) status = 'completed';
  else if (/^outstanding/.test(rest)) status = 'outstanding';
  else if (/^not started/.test(rest)) status = 'not_started';
  else if (rest === '' || /^(in progress|on-?going)/.test(rest)) status = response === 'not_accepted' ? 'not_started' : 'in_progress';
  else return null;
  return { response, status, comment };
}

const ORGANISATION = /(Council|Trust|Police|CCG|Board|Committee|Service|Partnership|WSCB)$/;
// "Chair of WSCB" is the officer's role, not their organisation.
const ROLE = /^(Chair|Vice Chair|Head|Director|Lead|Manager|Officer)\b/;

/** "Dawn Williams, Head of Safeguarding, City of Wolverhampton Council": the officer and, when it names one last, the organisation. */
export function readLead(cell: string): { leadOfficer: string | null; leadOrganisation: string | null } {
  const lead = stripTags(cell)
    .replace(/\s+,/g, ',')
    .replace(/,(?=\S)/g, ', ')
    .replace(/\.$/, '')
    .trim();
  if (!lead) return { leadOfficer: null, leadOrganisation: null };
  for (const sep of [', ', ' - ', ' – ']) {
    const at = lead.lastIndexOf(sep);
    if (at <= 0) continue;
    const org = lead.slice(at + sep.length).trim();
    if (ORGANISATION.test(org) && !ROLE.test(org) && !/ and /.test(org) && org.length <= 80)
      return { leadOfficer: lead.slice(0, at).trim(), leadOrganisation: org };
  }
  return { leadOfficer: lead, leadOrganisation: null };
}

/** Whom the recommendation asks: the words before its first " to " ("The Head of Safeguarding to produce ..."). */
export function addresseeOf(text: string): string | null {
  const m = /^(.{3,120}?),?\s+to\s+/.exec(text);
  return m ? m[1].trim() : null;
}

const RECOMMENDATION = /^Recommendation\s+(\d{1,3})\s*[.:]\s*(.*)$/i;
const HEADING = /^Comment\s*\t/i;

type Draft = ParsedRecommendation & { paras: string[]; leadCell: string; state: 'text' | 'heading' | 'row' };

export function parseExecutiveResponse(source: string): ParseResult {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  const unread: UnreadLine[] = [];
  const drafts: Draft[] = [];
  let title: string | null = null;
  let current: Draft | null = null;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const plain = stripTags(raw);
    if (plain === '') return;
    const rec = RECOMMENDATION.exec(plain);
    if (rec) {
      const number = Number(rec[1]);
      if (drafts.some((d) => d.number === number)) {
        unread.push({ line, message: `Recommendation ${number} appears twice: only the first is read` });
        current = null;
        return;
      }
      current = {
        line,
        number,
        text: rec[2].trim(),
        addressee: null,
        response: null,
        responseComment: null,
        status: 'not_started',
        leadOfficer: null,
        leadOrganisation: null,
        progress: [],
        awaiting: [],
        paras: [],
        leadCell: '',
        state: 'text',
      };
      drafts.push(current);
      return;
    }
    const c = current as Draft | null;
    if (HEADING.test(`${raw.trim()}\t`)) {
      if (c && c.state === 'text') c.state = 'heading';
      else unread.push({ line, message: 'A table heading that follows no recommendation' });
      return;
    }
    if (c?.state === 'text') {
      c.text += `\n\n${plain}`;
      return;
    }
    if (c?.state === 'heading') {
      const cells = raw.split('\t');
      if (cells.length < 3) {
        unread.push({ line, message: `Recommendation ${c.number}: expected the comment, progress and lead officer separated by tabs` });
        c.state = 'row';
        return;
      }
      const comment = readComment(cells[0]);
      if (comment) {
        c.response = comment.response;
        c.status = comment.status;
        c.responseComment = comment.comment;
      } else unread.push({ line, message: `Recommendation ${c.number}: the comment "${stripTags(cells[0]).slice(0, 60)}" is not a response Jigsaw knows` });
      c.paras = paragraphs(cells[1]);
      c.leadCell = cells.slice(2).join(' ');
      c.state = 'row';
      return;
    }
    if (c?.state === 'row' && raw.startsWith('\t')) {
      const cells = raw.split('\t');
      const more = paragraphs(cells[1] ?? '');
      const last = c.paras.length - 1;
      // A sentence cut by the page break carries on in the continued row's first paragraph.
      if (more.length && last >= 0 && !/[.!?:]$/.test(c.paras[last])) c.paras[last] += ` ${more.shift()}`;
      c.paras.push(...more);
      if (cells.slice(2).join(' ').trim()) c.leadCell += ` ${cells.slice(2).join(' ')}`;
      return;
    }
    if (drafts.length === 0 && title === null) {
      title = plain;
      return;
    }
    unread.push({ line, message: `Not part of a recommendation: "${plain.slice(0, 60)}${plain.length > 60 ? '…' : ''}"` });
  });
  if (drafts.length === 0)
    return { ok: false, unread: [{ line: 1, message: 'No "Recommendation N." paragraphs: this is not an executive response document' }] };
  if (!drafts.some((d) => d.state === 'row'))
    return { ok: false, unread: [{ line: 1, message: 'No recommendation has a "Comment, Timescale/progress so far, Lead Officer/Organisation" table' }] };
  const recommendations = drafts.map(({ paras, leadCell, state, ...d }) => {
    if (state !== 'row') unread.push({ line: d.line, message: `Recommendation ${d.number} has no comment, progress and lead officer` });
    const progress = progressUpdates(paras);
    return { ...d, addressee: addresseeOf(d.text), progress, awaiting: awaitedUpdates(progress), ...readLead(leadCell) };
  });
  unread.sort((a, b) => a.line - b.line);
  return { ok: true, title, recommendations, unread };
}
