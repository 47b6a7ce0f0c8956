// The context assessment toolkit a partnership configures (issue 19.4): the default areas in code, with the
// partnership's renamings, additions and withdrawals (table context_assessment_area) laid over them. No I/O.
import { CONTEXT_KINDS, type ContextKind, DEFAULT_AREAS } from '../domain.ts';

export const AREA_LABEL_MAX = 200;
/** Codes are what ratings store (context_assessment_rating.area_code, up to 40 characters). */
export const AREA_CODE = /^[a-z0-9_]{1,40}$/;
/** Path words of the pages that a code made from a label must not take. */
const RESERVED = new Set(['new']);

/** "peer groups" and so on, for sentences about one kind. */
export const KIND_PLURALS: Record<ContextKind, string> = { place: 'places', peer_group: 'peer groups', school: 'schools', online_space: 'online spaces' };

export const isContextKind = (k: string): k is ContextKind => (CONTEXT_KINDS as readonly string[]).includes(k);

export interface OwnArea {
  code: string;
  label: string;
  active: boolean;
}
/** default: as the toolkit has it; renamed: a default with the partnership's label; own: added by the partnership. */
export type AreaSource = 'default' | 'renamed' | 'own';
export interface ToolkitArea {
  code: string;
  label: string;
  /** The default's label, for a default area (renamed or not); null for the partnership's own. */
  defaultLabel: string | null;
  source: AreaSource;
  active: boolean;
}

/** Every area of the kind, offered or withdrawn: the defaults in their order, then the partnership's own in the order given. */
export function toolkitAreas(kind: ContextKind, own: readonly OwnArea[]): ToolkitArea[] {
  const byCode = new Map(own.map((o) => [o.code, o]));
  const defaults = DEFAULT_AREAS[kind].map((a): ToolkitArea => {
    const o = byCode.get(a.code);
    const label = o?.label ?? a.label;
    return { code: a.code, label, defaultLabel: a.label, source: label === a.label ? 'default' : 'renamed', active: o?.active ?? true };
  });
  const extra = own
    .filter((o) => !DEFAULT_AREAS[kind].some((a) => a.code === o.code))
    .map((o): ToolkitArea => ({ code: o.code, label: o.label, defaultLabel: null, source: 'own', active: o.active }));
  return [...defaults, ...extra];
}

/** A label as typed, tidied: no spaces at either end, runs of spaces as one. */
export const tidyLabel = (label: string) => label.trim().replaceAll(/\s+/g, ' ');

/** Two labels are the same area when they differ only in case and spacing. */
export const sameLabel = (a: string, b: string) => tidyLabel(a).toLowerCase() === tidyLabel(b).toLowerCase();

/** The code for a new area: made from its label (lower case, underscores), numbered when the kind has it already. */
export function areaCodeFrom(label: string, taken: ReadonlySet<string>): string {
  const base =
    label
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 36)
      .replace(/_+$/, '') || 'area';
  const free = (c: string) => !taken.has(c) && !RESERVED.has(c);
  if (free(base)) return base;
  for (let n = 2; ; n++) if (free(`${base}_${n}`)) return `${base}_${n}`;
}
