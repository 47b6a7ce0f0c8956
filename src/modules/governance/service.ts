// Information governance: who viewed a person's record, and when.
import type { Actor } from '../../platform/access/actor.ts';
import { auditActor, requireScope } from '../../platform/access/actor.ts';
import { personAccessLog, recordAudit } from '../../platform/audit/store.ts';
import type { Db } from '../../platform/db/connect.ts';
import { isUuid, notFound } from '../../platform/http/problems.ts';
import { findPerson } from '../people/store.ts';

export function governanceService(db: Db) {
  return {
    /** The access log of one person. Looking at it is itself recorded. */
    async personAccess(actor: Actor, personId: string) {
      requireScope(actor, 'audit', 'read');
      if (!isUuid(personId)) throw notFound('The person');
      return db.transaction().execute(async (tx) => {
        const person = await findPerson(tx, actor.partnershipId, personId);
        if (!person) throw notFound('The person');
        const entries = await personAccessLog(tx, actor.partnershipId, personId);
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'audit.person_access_viewed', resourceType: 'person', resourceId: personId, personId });
        return { person: { id: person.id, name: `${person.given_name} ${person.family_name}`, dateOfBirth: person.date_of_birth }, entries };
      });
    },
  };
}
