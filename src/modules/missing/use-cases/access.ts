// Who may see a child's missing records, as helpers the use cases share: the person must be readable, and in agency
// scope the actor's agency must work with the child (the policy's rule, rules.ts).

import { type Actor, requireScope } from '../../../platform/access/actor.ts';
import type { Scope } from '../../../platform/access/policy.ts';
import { assertMayOnChildsMissing } from '../../../platform/access/rules.ts';
import type { Db } from '../../../platform/db/connect.ts';
import { notFound } from '../../../platform/http/problems.ts';
import { withCaseWork } from '../../cases/access.ts';
import { agencyInvolved, readablePerson } from '../../people/use-cases.ts';
import * as store from '../store.ts';

type MissingAction = 'read' | 'update' | 'create';

/** The child's person record if the actor may do `action` on their missing records. */
export async function childInScope(db: Db, actor: Actor, personId: string, action: MissingAction) {
  requireScope(actor, 'missing', action);
  const person = await readablePerson(db, actor, personId);
  assertMayOnChildsMissing(actor, action, await withCaseWork(db, actor, personId, await agencyInvolved(db, actor, personId)));
  return person;
}

/** The episode (with its interview) if the actor may do `action` on the child's missing records. */
export async function episodeInScope(db: Db, actor: Actor, id: string, action: MissingAction) {
  const row = await store.findEpisode(db, actor.partnershipId, id);
  if (!row) throw notFound('The missing episode');
  await childInScope(db, actor, row.person_id, action);
  return row;
}

/** The store's agency filter for lists: none in partnership scope, else the actor's agency. */
export const agencyFilter = (actor: Actor, scope: Scope) => (scope === 'partnership' ? null : actor.agencyId);
