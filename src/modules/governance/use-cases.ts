// Information governance: who viewed or changed a person's record, and when.
import { personAccessLog } from '../../platform/audit/store.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { PersonId } from '../people/schemas.ts';
import { readablePerson } from '../people/use-cases.ts';

/** The access log of one person. Looking at it is itself recorded. */
export const getPersonAccess = useCase({
  name: 'governance.person_access',
  permission: ['audit', 'read'],
  input: PersonId,
  async run({ db, actor }, { id }) {
    const person = await readablePerson(db, actor, id);
    const entries = await personAccessLog(db, actor.partnershipId, id);
    return { person: { id: person.id, name: `${person.given_name} ${person.family_name}`, dateOfBirth: person.date_of_birth }, entries };
  },
  audit: { read: 'person_access_log.viewed', subject: (log) => ({ type: 'person', id: log.person.id, personId: log.person.id }) },
});
