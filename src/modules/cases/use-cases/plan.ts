// The child's plan: the actions from triage decisions on their referrals, and the choices the case forms offer.
import { assertMayOnCase, maySeePlanAction } from '../../../platform/access/rules.ts';
import { ukDate } from '../../../platform/time.ts';
import { useCase } from '../../../platform/usecase/usecase.ts';
import { actionRag, isOverdue, RAG_LABELS } from '../../triage/domain.ts';
import { ACTION_STATUS_LABELS, type ActionStatus } from '../../triage/vocab.ts';
import { PersonRef } from '../schemas.ts';
import * as store from '../store.ts';
import { caseFacts, closureReasonsOf } from './read.ts';

export const personActions = useCase({
  name: 'cases.actions',
  permission: ['case', 'read'],
  input: PersonRef,
  async run({ db, actor, now }, { personId }) {
    const facts = await caseFacts(db, actor, personId, { caseWorker: true });
    assertMayOnCase(actor, 'read', facts);
    const today = ukDate(now);
    const rows = (await store.actionsOfPerson(db, actor.partnershipId, personId)).filter((a) =>
      maySeePlanAction(actor, facts, { ownerAgencyId: a.owner_agency_id }),
    );
    const items = rows.map((a) => {
      const status = a.status as ActionStatus;
      const rag = actionRag(a.due_date, status, today);
      return {
        id: a.id,
        description: a.description,
        ownerAgencyName: a.owner_agency_name,
        ownerName: a.owner_name,
        dueDate: a.due_date,
        status,
        statusLabel: ACTION_STATUS_LABELS[status] ?? status,
        rag,
        ragLabel: RAG_LABELS[rag],
        overdue: isOverdue(a.due_date, status, today),
        referralId: a.referral_id,
        reference: a.reference,
      };
    });
    return { personId, items, caseWorker: !!facts.caseWorker };
  },
  audit: { read: 'case_actions.viewed', subject: (r) => ({ type: 'triage_action', personId: r.personId, details: { count: r.items.length } }) },
});

/** What the case forms offer: the partnership's agencies, its active users, and its closing reasons. */
export const caseOptions = useCase({
  name: 'cases.options',
  permission: ['case', 'read'],
  input: undefined,
  async run({ db, actor }) {
    const [agencies, users, closureReasons] = await Promise.all([
      store.activeAgencies(db, actor.partnershipId),
      store.activeUsers(db, actor.partnershipId),
      closureReasonsOf(db, actor.partnershipId),
    ]);
    return { agencies, users: users.map((u) => ({ id: u.id, name: u.name, agencyName: u.agency_name })), closureReasons };
  },
  audit: { none: 'reference data: agencies, staff and closing reasons' },
});
