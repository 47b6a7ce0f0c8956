// Entities (people, places, vehicles, phones, accounts, groups, organisations): finding them, and one by id, among
// those the reader may know of: an entity named only in intelligence they may not see is not there for them.
import { restrictedViewer } from '../../../platform/access/rules.ts';
import { typed } from '../../../platform/audit/typed.ts';
import { notFound } from '../../../platform/http/problems.ts';
import { useCase } from '../../../platform/usecase/usecase.ts';
import { EntitySearch, Id } from '../schemas.ts';
import * as store from '../store.ts';
import { type EntityView, entityView } from '../view.ts';

export const searchEntities = useCase({
  name: 'intelligence.searchEntities',
  permission: ['intelligence', 'read'],
  input: EntitySearch,
  async run({ db, actor }, { q, kind }): Promise<EntityView[]> {
    return (await store.searchEntities(db, actor.partnershipId, restrictedViewer(actor), (q ?? '').trim().slice(0, 100), kind)).map(entityView);
  },
  audit: {
    read: 'intelligence_entity.searched',
    subject: (found, q) => ({ type: 'intelligence_entity', details: { query: typed(q.q), kind: q.kind ?? null, results: found.length } }),
  },
});

export const getEntity = useCase({
  name: 'intelligence.getEntity',
  permission: ['intelligence', 'read'],
  input: Id,
  async run({ db, actor }, { id }): Promise<EntityView> {
    const [found] = await store.knownEntities(db, actor.partnershipId, restrictedViewer(actor), [id]);
    if (!found) throw notFound('The person, place or thing');
    return entityView(found);
  },
  audit: { read: 'intelligence_entity.viewed', subject: (e) => ({ type: 'intelligence_entity', id: e.id, personId: e.personId }) },
});
