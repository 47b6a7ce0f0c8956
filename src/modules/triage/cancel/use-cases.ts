// Cancelling an action asks why, and can be undone (issue 16.5): `action.cancelled` and `action.reinstated` are
// domain events with the child's personId, so the child's chronology says what was stopped, by whom and why.
import { Type } from '@sinclair/typebox';
import { type Actor, requireScope } from '../../../platform/access/actor.ts';
import type { Db } from '../../../platform/db/connect.ts';
import { notFound, Problem, ValidationProblem } from '../../../platform/http/problems.ts';
import { Uuid } from '../../../platform/http/schemas.ts';
import { useCase } from '../../../platform/usecase/usecase.ts';
import * as store from './store.ts';

export const REASON_MAX = 1000;

const CancelInput = Type.Object(
  {
    id: Uuid,
    reason: Type.String({ maxLength: REASON_MAX, errorMessage: { maxLength: `The reason must be ${REASON_MAX} characters or fewer` } }),
  },
  { additionalProperties: false },
);
const ActionRef = Type.Object({ id: Uuid }, { additionalProperties: false });

async function actionInScope(db: Db, actor: Actor, id: string, action: 'read' | 'update') {
  const scope = requireScope(actor, 'action', action);
  const row = await store.actionForChange(db, actor.partnershipId, id, scope === 'partnership' ? null : actor.agencyId);
  if (!row) throw notFound('The action');
  return row;
}

const view = (a: NonNullable<Awaited<ReturnType<typeof store.actionForChange>>>) => ({
  id: a.id,
  description: a.description,
  status: a.status,
  reason: a.status_reason,
  dueDate: a.due_date,
  ownerAgencyName: a.owner_agency_name,
  referralId: a.referral_id,
  reference: a.reference,
  personId: a.person_id,
});

/** The action, for the page that asks whether to cancel it. */
export const actionToCancel = useCase({
  name: 'triage.action_to_cancel',
  permission: ['action', 'update'],
  input: ActionRef,
  async run({ db, actor }, { id }) {
    return view(await actionInScope(db, actor, id, 'update'));
  },
  audit: { read: 'triage_action.viewed', subject: (a) => ({ type: 'triage_action', id: a.id, personId: a.personId }) },
});

/** Cancels an open action with a reason. Cancelling one already cancelled changes nothing (a second click). */
export const cancelAction = useCase({
  name: 'triage.cancel_action',
  permission: ['action', 'update'],
  input: CancelInput,
  async run({ db, actor, now }, { id, reason }) {
    const a = await actionInScope(db, actor, id, 'update');
    const why = reason.trim();
    if (!why) throw new ValidationProblem([{ field: 'reason', message: 'Enter why the action is being cancelled' }]);
    if (a.status === 'done') throw new Problem(409, 'Action done', 'This action is done: it cannot be cancelled');
    const changed = a.status === 'open' && (await store.changeStatus(db, actor.partnershipId, id, 'open', 'cancelled', why, actor.userId, now));
    return { ...view(a), status: 'cancelled', reason: changed ? why : a.status_reason, changed };
  },
  audit: {
    change: 'action.cancelled',
    subject: (a) =>
      a.changed
        ? { type: 'triage_action', id: a.id, personId: a.personId, details: { description: a.description, reason: a.reason, referralId: a.referralId } }
        : null,
  },
});

/** Undoes a cancellation: the action is open again, as it was. */
export const reinstateAction = useCase({
  name: 'triage.reinstate_action',
  permission: ['action', 'update'],
  input: ActionRef,
  async run({ db, actor, now }, { id }) {
    const a = await actionInScope(db, actor, id, 'update');
    const changed = a.status === 'cancelled' && (await store.changeStatus(db, actor.partnershipId, id, 'cancelled', 'open', null, actor.userId, now));
    return { ...view(a), status: a.status === 'done' ? 'done' : 'open', cancelledBecause: a.status_reason, changed };
  },
  audit: {
    change: 'action.reinstated',
    subject: (a) =>
      a.changed
        ? {
            type: 'triage_action',
            id: a.id,
            personId: a.personId,
            details: { description: a.description, cancelledBecause: a.cancelledBecause, referralId: a.referralId },
          }
        : null,
  },
});
