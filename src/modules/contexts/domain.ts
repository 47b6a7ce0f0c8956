// Contexts (issue 19.4): kinds, statuses, the default assessment toolkit (the Contextual Safeguarding Network's
// neighbourhood and peer-group assessment areas, paraphrased) and the pure rules. No I/O.
export const CONTEXT_KINDS = ['place', 'peer_group', 'school', 'online_space'] as const;
export type ContextKind = (typeof CONTEXT_KINDS)[number];
export const KIND_LABELS: Record<ContextKind, string> = { place: 'Place', peer_group: 'Peer group', school: 'School', online_space: 'Online space' };

export const CONTEXT_STATUSES = ['open', 'under_review', 'closed'] as const;
export type ContextStatus = (typeof CONTEXT_STATUSES)[number];
export const STATUS_LABELS: Record<ContextStatus, string> = { open: 'Open', under_review: 'Under review', closed: 'Closed' };

export const RATINGS = ['protective', 'some_concern', 'serious_concern', 'not_known'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating, string> = {
  protective: 'Protective',
  some_concern: 'Some concern',
  serious_concern: 'Serious concern',
  not_known: 'Not known',
};

export const LINK_ROLES = ['frequents', 'member', 'attends', 'targeted', 'other'] as const;
export type LinkRole = (typeof LINK_ROLES)[number];
export const LINK_ROLE_LABELS: Record<LinkRole, string> = {
  frequents: 'Frequents the place',
  member: 'Member of the group',
  attends: 'Attends',
  targeted: 'Targeted there',
  other: 'Other',
};

export const RESPONDENTS = ['children', 'parents', 'schools', 'mixed'] as const;
export const RESPONDENT_LABELS: Record<(typeof RESPONDENTS)[number], string> = {
  children: 'Children',
  parents: 'Parents',
  schools: 'Schools',
  mixed: 'Children, parents and schools',
};

export interface Area {
  code: string;
  label: string;
}
const PLACE_AREAS: Area[] = [
  { code: 'guardianship', label: 'Guardianship and supervision: who watches over the space, and when' },
  { code: 'users', label: 'Who uses the space, and at what times' },
  { code: 'activity', label: 'What happens there' },
  { code: 'safety_features', label: 'Safety features: lighting, sight lines, ways in and out' },
  { code: 'community', label: 'How the community sees the place' },
];
const PEER_AREAS: Area[] = [
  { code: 'relationships', label: 'Relationships and power within the group' },
  { code: 'activities', label: 'What the group does together' },
  { code: 'places', label: 'Places the group uses' },
  { code: 'adults', label: 'Links to adults who may exploit them' },
  { code: 'protective', label: 'Protective factors: trusted adults, school, activities' },
];
/** The default toolkit: schools use the place areas, online spaces the peer-group areas. */
export const DEFAULT_AREAS: Record<ContextKind, Area[]> = {
  place: PLACE_AREAS,
  school: PLACE_AREAS,
  peer_group: PEER_AREAS,
  online_space: PEER_AREAS,
};

/** The defaults with the partnership's own additions, renamings and withdrawals applied. */
export function toolkit(kind: ContextKind, own: readonly { code: string; label: string; active: boolean }[]): Area[] {
  const byCode = new Map(own.map((o) => [o.code, o]));
  const base = DEFAULT_AREAS[kind].flatMap((a) => {
    const o = byCode.get(a.code);
    return o ? (o.active ? [{ code: a.code, label: o.label }] : []) : [a];
  });
  const extra = own.filter((o) => o.active && !DEFAULT_AREAS[kind].some((a) => a.code === o.code)).map((o) => ({ code: o.code, label: o.label }));
  return [...base, ...extra];
}

/** The intelligence entity a context of this kind is recorded as, when it is referred fresh. */
export function entityFor(kind: ContextKind): { kind: string; location_type?: string; group_type?: string } {
  if (kind === 'place') return { kind: 'location', location_type: 'other' };
  if (kind === 'school') return { kind: 'location', location_type: 'school' };
  if (kind === 'peer_group') return { kind: 'group', group_type: 'peer_group' };
  return { kind: 'online_account' };
}

/** The context kind an existing intelligence entity becomes, or null (people, vehicles, phones are not contexts). */
export function kindOfEntity(e: { kind: string; location_type: string | null; organisation_type: string | null }): ContextKind | null {
  if (e.kind === 'location') return e.location_type === 'school' ? 'school' : 'place';
  if (e.kind === 'group') return 'peer_group';
  if (e.kind === 'online_account') return 'online_space';
  if (e.kind === 'organisation' && e.organisation_type === 'school') return 'school';
  return null;
}

export interface ChronologyItem {
  at: string;
  what: string;
  href?: string;
}
/** Oldest first; the same moment keeps the order given. */
export const inDateOrder = (items: ChronologyItem[]) => [...items].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

/** An OpenStreetMap link for the coordinates (no tiles fetched by Jigsaw). */
export const mapLink = (lat: number | null, lon: number | null) =>
  lat === null || lon === null ? null : `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
