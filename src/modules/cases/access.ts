// The facts the person and case rules turn on (rules.ts decides): agency involved, and case work looked up only
// when the matrix alone does not already decide.
import type { Actor } from '../../platform/access/actor.ts';
import { needsCaseWorkFacts, type PersonFacts } from '../../platform/access/rules.ts';
import type { Db } from '../../platform/db/connect.ts';
import * as store from './store.ts';

/** Case-work facts about a person for the actor (allocated or key worker, open action owned by their agency). */
export const caseWork = (db: Db, actor: Actor, personId: string) => store.caseWorkFacts(db, actor.partnershipId, personId, actor.userId, actor.agencyId);

/** Completes `agencyInvolved` with case work unless the person matrix entry already grants or wholly denies. */
export async function withCaseWork(db: Db, actor: Actor, personId: string, agencyInvolved: boolean): Promise<PersonFacts> {
  if (!needsCaseWorkFacts(actor, agencyInvolved)) return { agencyInvolved };
  return { agencyInvolved, ...(await caseWork(db, actor, personId)) };
}
