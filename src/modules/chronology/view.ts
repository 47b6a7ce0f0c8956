// Presenters for the chronology: rows for the page and the overview's MOJ timeline, links to the records the viewer
// may open, the filter's checkboxes and the page links (which keep the filters).
import type { Actor } from '../../platform/access/actor.ts';
import { may } from '../../platform/access/rules.ts';
import { paths } from '../../platform/http/paths.ts';
import { KIND_LABELS, KINDS, type Kind } from './domain.ts';
import type { ChronologyItem, ChronologyPage } from './use-cases.ts';

/** The record an event is about, when the viewer's role may open that kind of record (its page checks the rest). */
export function itemHref(actor: Actor, item: ChronologyItem): string | null {
  const { type, id } = item.subject;
  if (!id) return null;
  if (type === 'referral' && may(actor, 'referral', 'read')) return paths.referral(id);
  if (type === 'missing_episode' && may(actor, 'missing', 'read')) return paths.missingEpisode(id);
  if (type === 'missing_notice' && may(actor, 'missing', 'read')) return paths.missingNoticeShow(id);
  if (type === 'intelligence_item' && may(actor, 'intelligence', 'read')) return paths.intelligenceItem(id);
  return null;
}

export const chronologyRows = (actor: Actor, page: ChronologyPage) =>
  page.items.map((i) => ({ ...i, href: itemHref(actor, i), merged: i.personId !== page.personId }));

/** The latest few events as MOJ timeline items, for the person overview. */
export const timelineItems = (actor: Actor, page: ChronologyPage) =>
  chronologyRows(actor, page).map((i) => ({
    label: { text: i.text },
    html: `${escapeHtml(i.kindLabel)}${i.merged ? ', on a record merged into this one' : ''}${i.href ? `. <a class="govuk-link" href="${i.href}">Open the record<span class="govuk-visually-hidden">: ${escapeHtml(i.text)}</span></a>` : ''}`,
    datetime: { timestamp: i.at.toISOString(), type: 'datetime' },
    byline: { text: i.by },
  }));

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export interface Filters {
  kinds: Kind[];
  from?: string;
  to?: string;
}

/** The kinds a viewer's role could ever see (no "Intelligence" box for a role that reads none). */
export function kindsFor(actor: Actor): Kind[] {
  const hidden = new Set<Kind>();
  if (!may(actor, 'intelligence', 'read')) hidden.add('intelligence');
  if (!may(actor, 'disruption', 'read')) hidden.add('disruption');
  if (!may(actor, 'information_request', 'read')) hidden.add('information_request');
  if (!may(actor, 'missing', 'read')) {
    for (const k of ['missing', 'return_interview', 'notice'] as const) hidden.add(k);
  }
  return KINDS.filter((k) => !hidden.has(k));
}

export const kindItems = (actor: Actor, chosen: readonly Kind[]) =>
  kindsFor(actor).map((k) => ({ value: k, text: KIND_LABELS[k], checked: chosen.includes(k) }));

/** The page's URL with the same filters and another page number. */
export function pageHref(personId: string, f: Filters, page: number): string {
  const q = new URLSearchParams();
  for (const k of f.kinds) q.append('kind', k);
  for (const [name, iso] of [
    ['from', f.from],
    ['to', f.to],
  ] as const) {
    if (!iso) continue;
    const [y, m, d] = iso.split('-');
    q.set(`${name}-day`, String(Number(d)));
    q.set(`${name}-month`, String(Number(m)));
    q.set(`${name}-year`, y);
  }
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return `${paths.personChronology(personId)}${s ? `?${s}` : ''}`;
}

/** GOV.UK pagination: previous, next and up to seven numbered pages around the current one. */
export function pagination(personId: string, f: Filters, p: ChronologyPage) {
  if (p.pages <= 1) return null;
  const first = Math.max(1, Math.min(p.page - 3, p.pages - 6));
  const numbers = Array.from({ length: Math.min(7, p.pages) }, (_, i) => first + i);
  return {
    previous: p.page > 1 ? { href: pageHref(personId, f, p.page - 1) } : undefined,
    next: p.page < p.pages ? { href: pageHref(personId, f, p.page + 1) } : undefined,
    items: numbers.map((n) => ({ number: n, href: pageHref(personId, f, n), current: n === p.page })),
  };
}
