// Reading intelligence reports: one report with its links, and the recent reports, only those the reader may see.
import { restrictedViewer } from '../../../platform/access/rules.ts';
import { notFound } from '../../../platform/http/problems.ts';
import { useCase } from '../../../platform/usecase/usecase.ts';
import { Id, PersonIntelligenceQuery } from '../schemas.ts';
import * as store from '../store.ts';
import { entityView, type ItemSummary, type ItemView, itemSummary, itemView } from '../view.ts';

/** One report with its visible links; a report the reader may not see is "not found", like one that does not exist. */
export const getItem = useCase({
  name: 'intelligence.get',
  permission: ['intelligence', 'read'],
  input: Id,
  async run({ db, actor }, { id }): Promise<ItemView> {
    const viewer = restrictedViewer(actor);
    const item = await store.visibleItem(db, actor.partnershipId, viewer, id);
    if (!item) throw notFound('The intelligence report');
    const links = await store.itemLinks(db, actor.partnershipId, viewer, id);
    const entities = await store.entitiesByIds(db, actor.partnershipId, viewer, [...new Set(links.flatMap((l) => [l.from_entity, l.to_entity]))]);
    return itemView(item, links, new Map(entities.map((e) => [e.id, entityView(e)])));
  },
  audit: {
    read: 'intelligence_item.viewed',
    subject: (item) => {
      const people = new Set(item.links.flatMap((l) => [l.fromEntity.personId, l.toEntity.personId]).filter((p): p is string => !!p));
      return [{ type: 'intelligence_item', id: item.id }, ...[...people].map((personId) => ({ type: 'intelligence_item', id: item.id, personId }))];
    },
  },
});

/** The latest reports the reader may see (their summaries can name people, so the listing is audited). */
export const recentIntelligence = useCase({
  name: 'intelligence.recent',
  permission: ['intelligence', 'read'],
  input: undefined,
  async run({ db, actor }): Promise<ItemSummary[]> {
    return (await store.recentItems(db, actor.partnershipId, restrictedViewer(actor))).map(itemSummary);
  },
  audit: { read: 'intelligence_item.listed', subject: (items) => ({ type: 'intelligence_item', details: { count: items.length } }) },
});

/**
 * The reports naming a child that the reader may see, with the handling facts a caller needs to share them further
 * (a meeting's agenda shows only those every invitee may see: mayShareWithInvitees).
 */
export const personIntelligence = useCase({
  name: 'intelligence.ofPerson',
  permission: ['intelligence', 'read'],
  input: PersonIntelligenceQuery,
  async run({ db, actor }, { personId, from }) {
    const rows = await store.personItems(db, actor.partnershipId, restrictedViewer(actor), personId, from);
    return {
      personId,
      items: rows.map((r) => ({
        ...itemSummary(r),
        handlingFacts: { handling: r.handling, agencyId: r.agency_id, releaseRoles: r.release_roles, releaseAgencyIds: r.release_agency_ids },
      })),
    };
  },
  audit: { read: 'intelligence_item.listed', subject: (r) => ({ type: 'intelligence_item', personId: r.personId, details: { count: r.items.length } }) },
});
