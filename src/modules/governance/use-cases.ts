// Information governance: who viewed or changed a person's record, and when; the whole audit trail, filtered.
import type { Resource } from '../../platform/access/policy.ts';
import { may } from '../../platform/access/rules.ts';
import { personAccessLog } from '../../platform/audit/store.ts';
import { ValidationProblem } from '../../platform/http/problems.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { PersonId } from '../people/schemas.ts';
import { readablePerson } from '../people/use-cases.ts';
import { actionChoices, describeAction, recordHref, recordLabel } from './domain.ts';
import { AUDIT_PAGE_SIZE, AuditTrailInput } from './schemas.ts';
import * as governanceStore from './store.ts';

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

/** The export's cap: more than this many events is a database question, not a spreadsheet. */
const EXPORT_LIMIT = 50_000;

/**
 * The partnership's audit trail, newest first: who did what, to which record, filtered by user, agency, action
 * and UK dates, a page at a time (or every match, for the CSV export). Looking at it is recorded too.
 */
export const getAuditTrail = useCase({
  name: 'governance.audit_trail',
  permission: ['audit', 'read'],
  input: AuditTrailInput,
  async run({ db, actor }, input) {
    const filter = {
      userId: input.userId || undefined,
      agencyId: input.agencyId || undefined,
      action: input.action || undefined,
      from: input.from || undefined,
      to: input.to || undefined,
    };
    if (filter.from && filter.to && filter.from > filter.to) throw new ValidationProblem([{ field: 'to', message: 'To must be the same as or after From' }]);
    const page = input.page ?? 1;
    const limit = input.all ? EXPORT_LIMIT : AUDIT_PAGE_SIZE;
    const [{ rows, total }, choices] = await Promise.all([
      governanceStore.auditPage(db, actor.partnershipId, filter, limit, input.all ? 0 : (page - 1) * AUDIT_PAGE_SIZE),
      governanceStore.filterChoices(db, actor.partnershipId),
    ]);
    const events = rows.map((r) => {
      const e = { resourceType: r.resource_type, resourceId: r.resource_id, personId: r.person_id };
      return {
        at: r.at,
        who: r.actor_label,
        agency: r.agency_name ?? '',
        action: r.action,
        actionText: describeAction(r.action),
        record: recordLabel(r.resource_type),
        recordHref: recordHref(e, (resource) => may(actor, resource as Resource, 'read')),
      };
    });
    return {
      filter,
      page,
      pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
      total,
      events,
      choices: { ...choices, actions: actionChoices(choices.actions) },
    };
  },
  audit: { read: 'audit_trail.viewed', subject: (t) => ({ type: 'audit_trail', details: { ...t.filter, page: t.page, shown: t.events.length } }) },
});
