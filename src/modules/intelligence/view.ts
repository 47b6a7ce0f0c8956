// Intelligence as pages and the API show it: entities, links, reports and disruption activity.
import type { ActivityRow } from './disruption/store.ts';
import { formatGrading, type NetLink } from './domain.ts';
import type * as store from './store.ts';
import { CATEGORY_LABELS, DISRUPTION_OUTCOME_LABELS, DISRUPTION_STATUS_LABELS, ENTITY_KIND_LABELS, LINK_TYPE_LABELS, type Tactic } from './vocab.ts';

const label = <T extends Record<string, string>>(vocab: T, key: string) => vocab[key as keyof T] ?? key;

export interface EntityView {
  id: string;
  kind: string;
  kindLabel: string;
  label: string;
  personId: string | null;
  locationType: string | null;
  ward: string | null;
  x: number | null;
  y: number | null;
  registration: string | null;
  make: string | null;
  colour: string | null;
}

export type EntityRow = Awaited<ReturnType<typeof store.entitiesByIds>>[number];

/** What stands for an entity whose description the viewer may not see: its plate, else what kind of thing it is. */
export const keyLabel = (e: { kind: string; registration: string | null }) => e.registration ?? label(ENTITY_KIND_LABELS, e.kind);

/**
 * An entity as the viewer may know it. `described` false (store.describedSql): its description was typed only in
 * intelligence they may not see, so they get only what they could know themselves: its kind and its plate.
 */
export const entityView = (e: EntityRow): EntityView =>
  e.described
    ? describedView(e)
    : {
        ...describedView({ ...e, label: keyLabel(e) }),
        locationType: null,
        ward: null,
        x: null,
        y: null,
        make: null,
        colour: null,
      };

const describedView = (e: EntityRow): EntityView => ({
  id: e.id,
  kind: e.kind,
  kindLabel: label(ENTITY_KIND_LABELS, e.kind),
  label: e.label,
  personId: e.person_id,
  locationType: e.location_type,
  ward: e.ward,
  x: e.x,
  y: e.y,
  registration: e.registration,
  make: e.make,
  colour: e.colour,
});

/** A Jigsaw person with no intelligence yet, as the centre of their (empty) network. */
export const personAsEntity = (p: { id: string; given_name: string; family_name: string }): EntityView => ({
  id: p.id,
  kind: 'person',
  kindLabel: 'Person',
  label: `${p.given_name} ${p.family_name}`,
  personId: p.id,
  locationType: null,
  ward: null,
  x: null,
  y: null,
  registration: null,
  make: null,
  colour: null,
});

const grading = (r: { source_grade: number; intel_grade: string; handling: string }) =>
  formatGrading({ source: r.source_grade, intelligence: r.intel_grade, handling: r.handling });

export const linkView = (l: store.LinkRow): NetLink => ({
  id: l.id,
  from: l.from_entity,
  to: l.to_entity,
  type: l.link_type,
  fromRole: l.from_role,
  toRole: l.to_role,
  since: l.since,
  until: l.until,
  grading: grading(l),
  category: l.category,
  occurredOn: l.occurred_on,
});

type ItemRow = NonNullable<Awaited<ReturnType<typeof store.visibleItem>>>;

export interface ItemSummary {
  id: string;
  summary: string;
  category: string;
  categoryLabel: string;
  occurredOn: string;
  grading: string;
  agencyName: string;
}

export const itemSummary = (i: ItemRow): ItemSummary => ({
  id: i.id,
  summary: i.summary,
  category: i.category,
  categoryLabel: label(CATEGORY_LABELS, i.category),
  occurredOn: i.occurred_on,
  grading: grading(i),
  agencyName: i.agency_name,
});

export type ItemLinkView = NetLink & { typeLabel: string; fromEntity: EntityView; toEntity: EntityView };

export interface ItemView extends ItemSummary {
  handling: string;
  handlingConditions: string | null;
  sourceRecord: string | null;
  links: ItemLinkView[];
}

export function itemView(item: ItemRow, links: store.LinkRow[], entities: ReadonlyMap<string, EntityView>): ItemView {
  return {
    ...itemSummary(item),
    handling: item.handling,
    handlingConditions: item.handling_conditions,
    sourceRecord: item.source_record,
    links: links.map((l) => ({
      ...linkView(l),
      typeLabel: label(LINK_TYPE_LABELS, l.link_type),
      fromEntity: entities.get(l.from_entity)!,
      toEntity: entities.get(l.to_entity)!,
    })),
  };
}

export interface DisruptionView {
  id: string;
  tactic: string;
  tacticLabel: string;
  targetEntityId: string;
  targetLabel: string;
  targetKind: string;
  /** The Jigsaw person the target is, if it is one: for the audit trail. */
  targetPersonId: string | null;
  ownerAgencyId: string;
  ownerAgencyName: string;
  ownerName: string | null;
  startedOn: string;
  endedOn: string | null;
  status: string;
  statusLabel: string;
  outcome: string | null;
  outcomeLabel: string | null;
  outcomeNotes: string | null;
}

export const disruptionView = (d: ActivityRow, tactics: readonly Tactic[]): DisruptionView => ({
  id: d.id,
  tactic: d.tactic,
  tacticLabel: tactics.find((t) => t.code === d.tactic)?.label ?? d.tactic,
  targetEntityId: d.target_entity_id,
  targetLabel: d.target_described ? d.target_label : keyLabel({ kind: d.target_kind, registration: d.target_registration }),
  targetKind: d.target_kind,
  targetPersonId: d.target_person_id,
  ownerAgencyId: d.owner_agency_id,
  ownerAgencyName: d.owner_agency_name,
  ownerName: d.owner_name,
  startedOn: d.started_on,
  endedOn: d.ended_on,
  status: d.status,
  statusLabel: label(DISRUPTION_STATUS_LABELS, d.status),
  outcome: d.outcome,
  outcomeLabel: d.outcome ? label(DISRUPTION_OUTCOME_LABELS, d.outcome) : null,
  outcomeNotes: d.outcome_notes,
});
