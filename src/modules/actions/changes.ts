// Changing an action: its status, its owner and due date, cancelling it with a reason and undoing that. Each change
// locks the row first and is written to the action's history, so two people at once make two ordered changes (or
// one, when the second would repeat the first) and none is lost.

import { typed } from '../../platform/audit/typed.ts';
import { Problem, ValidationProblem } from '../../platform/http/problems.ts';
import { ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { type ActionStatus, mayMove } from './domain.ts';
import { ActionRef, CancelInput, ReassignInput, StatusInput } from './schemas.ts';
import * as store from './store.ts';
import { actionInScope, assignedSubject, ownerErrors } from './use-cases.ts';
import { actionView } from './view.ts';

/** Open, in progress or done. Setting the status it already has changes nothing (a second click). */
export const updateActionStatus = useCase({
  name: 'actions.update_status',
  permission: ['action', 'update'],
  input: StatusInput,
  async run({ db, actor, now }, { id, status }) {
    const a = await actionInScope(db, actor, id, 'update', true);
    const from = a.status as ActionStatus;
    if (!mayMove(from, status)) throw new Problem(409, 'Action cancelled', 'This action is cancelled: reinstate it before changing its status');
    const changed = from !== status;
    if (changed) {
      await store.updateAction(db, actor.partnershipId, id, { status }, actor.userId, now);
      await store.addHistory(db, actor.partnershipId, id, actor.userId, now, 'status', { from, to: status });
    }
    return { ...actionView({ ...a, status }, ukDate(now)), from, changed };
  },
  audit: {
    change: 'action.status_changed',
    subject: (a) => (a.changed ? { type: 'triage_action', id: a.id, personId: a.personId, details: { from: a.from, status: a.status } } : null),
  },
});

/** Gives the action to another agency or person, and may move its due date; `action.assigned` tells the new owner. */
export const reassignAction = useCase({
  name: 'actions.reassign',
  permission: ['action', 'update'],
  input: ReassignInput,
  async run({ db, actor, now }, input) {
    const a = await actionInScope(db, actor, input.id, 'update', true);
    const errors = await ownerErrors(db, actor.partnershipId, input);
    if (input.dueOn && input.dueOn < ukDate(now) && input.dueOn !== a.due_date)
      errors.push({ field: 'dueOn', message: 'Due date must be today or in the future' });
    if (errors.length) throw new ValidationProblem(errors);
    const next = {
      owner_agency_id: input.ownerAgencyId,
      owner_user_id: input.ownerUserId ?? null,
      owner_name: input.ownerName?.trim() || null,
      due_date: input.dueOn ?? a.due_date,
    };
    const changed =
      next.owner_agency_id !== a.owner_agency_id || next.owner_user_id !== a.owner_user_id || next.owner_name !== a.owner_name || next.due_date !== a.due_date;
    if (changed) {
      await store.updateAction(db, actor.partnershipId, input.id, next, actor.userId, now);
      await store.addHistory(db, actor.partnershipId, input.id, actor.userId, now, 'reassigned', {
        from: { ownerAgencyId: a.owner_agency_id, ownerUserId: a.owner_user_id, ownerName: a.owner_name, dueOn: a.due_date },
        to: { ownerAgencyId: next.owner_agency_id, ownerUserId: next.owner_user_id, ownerName: next.owner_name, dueOn: next.due_date },
      });
    }
    const row = await store.actionById(db, actor.partnershipId, input.id);
    return { ...actionView(row ?? a, ukDate(now)), changed };
  },
  audit: { change: 'action.assigned', subject: (a) => (a.changed ? assignedSubject(a) : null) },
});

/** The action, for the page that asks whether to cancel it. */
export const actionToCancel = useCase({
  name: 'actions.to_cancel',
  permission: ['action', 'update'],
  input: ActionRef,
  async run({ db, actor, now }, { id }) {
    return actionView(await actionInScope(db, actor, id, 'update'), ukDate(now));
  },
  audit: { read: 'triage_action.viewed', subject: (a) => ({ type: 'triage_action', id: a.id, personId: a.personId }) },
});

/** Cancels a live action with a reason. Cancelling one already cancelled changes nothing (a second click). */
export const cancelAction = useCase({
  name: 'actions.cancel',
  permission: ['action', 'update'],
  input: CancelInput,
  async run({ db, actor, now }, { id, reason }) {
    const a = await actionInScope(db, actor, id, 'update', true);
    const why = reason.trim();
    if (!why) throw new ValidationProblem([{ field: 'reason', message: 'Enter why the action is being cancelled' }]);
    if (a.status === 'done') throw new Problem(409, 'Action done', 'This action is done: it cannot be cancelled');
    const changed = a.status !== 'cancelled';
    if (changed) {
      await store.updateAction(db, actor.partnershipId, id, { status: 'cancelled', status_reason: why }, actor.userId, now);
      await store.addHistory(db, actor.partnershipId, id, actor.userId, now, 'cancelled', { from: a.status, reason: why });
    }
    return { ...actionView({ ...a, status: 'cancelled', status_reason: changed ? why : a.status_reason }, ukDate(now)), previous: a.status, changed };
  },
  audit: {
    change: 'action.cancelled',
    subject: (a) =>
      a.changed
        ? { type: 'triage_action', id: a.id, personId: a.personId, details: { description: typed(a.title), reason: typed(a.reason), referralId: a.referralId } }
        : null,
  },
});

/** Undoes a cancellation: the action is open again, as it was. */
export const reinstateAction = useCase({
  name: 'actions.reinstate',
  permission: ['action', 'update'],
  input: ActionRef,
  async run({ db, actor, now }, { id }) {
    const a = await actionInScope(db, actor, id, 'update', true);
    const changed = a.status === 'cancelled';
    if (changed) {
      await store.updateAction(db, actor.partnershipId, id, { status: 'open', status_reason: null }, actor.userId, now);
      await store.addHistory(db, actor.partnershipId, id, actor.userId, now, 'reinstated', { cancelledBecause: a.status_reason });
    }
    const status = changed ? 'open' : a.status;
    return { ...actionView({ ...a, status, status_reason: changed ? null : a.status_reason }, ukDate(now)), cancelledBecause: a.status_reason, changed };
  },
  audit: {
    change: 'action.reinstated',
    subject: (a) =>
      a.changed
        ? {
            type: 'triage_action',
            id: a.id,
            personId: a.personId,
            details: { description: typed(a.title), cancelledBecause: typed(a.cancelledBecause), referralId: a.referralId },
          }
        : null,
  },
});
