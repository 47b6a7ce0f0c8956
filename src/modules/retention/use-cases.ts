// Retention: the schedule (partnership admin or information governance), the review queue the daily sweep fills,
// information governance's decision on each record (approve: delete or mark reviewed; defer) and legal holds.
import { randomUUID } from 'node:crypto';
import { auditActor } from '../../platform/access/actor.ts';
import { notFound, Problem, ValidationProblem } from '../../platform/http/problems.ts';
import { ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { deleteRecord } from './delete.ts';
import { addYears, deferredUntil, dueOn, isRecordType, reasonErrors, schedule, scheduleErrors } from './domain.ts';
import { DecisionInput, HoldBody, HoldId, ScheduleInput } from './schemas.ts';
import * as store from './store.ts';
import { hold, queueItem } from './view.ts';

const conflict = (message: string) => new Problem(409, 'Conflict', message);

export const getSchedule = useCase({
  name: 'retention.schedule',
  permission: ['retention_schedule', 'read'],
  input: undefined,
  run: async ({ db, actor }) => schedule(await store.scheduleOverrides(db, actor.partnershipId)),
  audit: { none: 'the retention schedule: settings, nothing about a person' },
});

export const setSchedule = useCase({
  name: 'retention.set_schedule',
  permission: ['retention_schedule', 'manage'],
  input: ScheduleInput,
  async run({ db, actor }, { recordType, years, untilAge }) {
    const errors = scheduleErrors(recordType, years, untilAge);
    if (errors.length) throw new ValidationProblem(errors);
    const before = schedule(await store.scheduleOverrides(db, actor.partnershipId)).find((e) => e.recordType === recordType)!;
    const changed = before.years !== years || before.untilAge !== untilAge;
    if (changed) await store.setScheduleEntry(db, actor.partnershipId, recordType, years, untilAge, auditActor(actor).id);
    return { entry: { ...before, years, untilAge }, changed };
  },
  audit: {
    change: 'retention_schedule.changed',
    subject: (r) => (r.changed ? { type: 'retention_schedule', id: r.entry.recordType, details: { years: r.entry.years, untilAge: r.entry.untilAge } } : null),
  },
});

/** The daily sweep: records whose period has run, not on hold, into the queue; deferrals that ran out back into it. */
export const listDue = useCase({
  name: 'retention.list_due',
  permission: ['retention', 'create'],
  input: undefined,
  async run({ db, actor, now }) {
    const today = ukDate(now);
    const listed: { id: string; recordType: string; dueOn: string }[] = [];
    for (const entry of schedule(await store.scheduleOverrides(db, actor.partnershipId))) {
      for (const c of await store.candidates(db, actor.partnershipId, entry.recordType, addYears(today, -entry.years))) {
        const due = dueOn(c.from_day, entry, c.date_of_birth);
        if (due > today) continue;
        const id = randomUUID();
        const r = { partnershipId: actor.partnershipId, id, recordType: entry.recordType, recordId: c.record_id, personId: c.person_id, dueOn: due };
        if (await store.listForReview(db, { ...r, action: entry.action })) listed.push({ id, recordType: entry.recordType, dueOn: due });
      }
    }
    for (const r of await store.reopenDeferred(db, actor.partnershipId, today)) listed.push({ id: r.id, recordType: r.record_type, dueOn: r.due_on });
    return listed;
  },
  audit: {
    change: 'retention.listed',
    subject: (list) => (list.length ? list.map((i) => ({ type: 'retention_review', id: i.id, details: { recordType: i.recordType, dueOn: i.dueOn } })) : null),
  },
});

export const getQueue = useCase({
  name: 'retention.queue',
  permission: ['retention', 'read'],
  input: undefined,
  async run({ db, actor }) {
    const [items, deleted] = await Promise.all([store.queue(db, actor.partnershipId), store.tombstones(db, actor.partnershipId)]);
    return {
      items: items.map(queueItem),
      tombstones: deleted.map((t) => ({
        id: t.id,
        recordType: t.record_type,
        recordId: t.record_id,
        deletedAt: new Date(t.deleted_at).toISOString(),
        approvedBy: t.approved_by_label,
        rows: Object.values(t.rows_deleted).reduce((a, b) => a + b, 0),
      })),
    };
  },
  audit: {
    read: 'retention_queue.viewed',
    // One event per person shown, so "who viewed this person" lists the queue too.
    subject: (r) =>
      r.items.some((i) => i.personId)
        ? r.items.filter((i) => i.personId).map((i) => ({ type: 'retention_review', id: i.id, personId: i.personId }))
        : { type: 'retention_review', details: { count: r.items.length } },
  },
});

export const decideReview = useCase({
  name: 'retention.decide',
  permission: ['retention', 'update'],
  input: DecisionInput,
  async run({ db, actor, now }, { id, decision, reason }) {
    const errors = reasonErrors(reason);
    if (errors.length) throw new ValidationProblem(errors);
    const row = await store.reviewForUpdate(db, actor.partnershipId, id);
    if (!row) throw notFound('The record for review');
    if (row.status !== 'due') throw conflict(`This record was already decided (${row.status})`);
    const who = auditActor(actor);
    const decided = { partnershipId: actor.partnershipId, id, by: who.id, byLabel: who.label, reason: reason.trim() };
    const base = { id, recordType: row.record_type, recordId: row.record_id, decision };
    if (decision === 'defer') {
      const until = deferredUntil(ukDate(now));
      await store.decide(db, { ...decided, status: 'deferred', deferredUntil: until });
      return { ...base, outcome: 'deferred' as const, deferredUntil: until, rowsDeleted: null };
    }
    const held = await store.holdOn(db, actor.partnershipId, row.record_type, row.record_id, row.person_id);
    if (held) throw conflict(`This record is under a legal hold (${held.reason}): it cannot be deleted while the hold stands`);
    if (row.action === 'review' || !isRecordType(row.record_type)) {
      await store.decide(db, { ...decided, status: 'reviewed', deferredUntil: null });
      return { ...base, outcome: 'reviewed' as const, deferredUntil: null, rowsDeleted: null };
    }
    const entry = schedule(await store.scheduleOverrides(db, actor.partnershipId)).find((e) => e.recordType === row.record_type)!;
    const rowsDeleted = await deleteRecord(db, actor.partnershipId, row.record_type, row.record_id, row.person_id);
    await store.tombstone(db, {
      partnershipId: actor.partnershipId,
      id: randomUUID(),
      reviewId: id,
      recordType: row.record_type,
      recordId: row.record_id,
      by: who.id,
      byLabel: who.label,
      entry: { years: entry.years, untilAge: entry.untilAge, basis: entry.basis },
      rows: rowsDeleted,
    });
    await store.decide(db, { ...decided, status: 'deleted', deferredUntil: null });
    return { ...base, outcome: 'deleted' as const, deferredUntil: null, rowsDeleted };
  },
  audit: {
    change: 'retention.decided',
    // Ids and counts only: the reason stays in the queue row, so the chained audit event holds nothing personal.
    subject: (r) => ({
      type: 'retention_review',
      id: r.id,
      details: { recordType: r.recordType, recordId: r.recordId, outcome: r.outcome, deferredUntil: r.deferredUntil, rowsDeleted: r.rowsDeleted },
    }),
  },
});

export const listHolds = useCase({
  name: 'retention.holds',
  permission: ['retention', 'read'],
  input: undefined,
  run: async ({ db, actor }) => (await store.holds(db, actor.partnershipId)).map(hold),
  audit: {
    read: 'retention_holds.viewed',
    subject: (list) =>
      list.some((h) => h.personId)
        ? list.filter((h) => h.personId).map((h) => ({ type: 'retention_hold', id: h.id, personId: h.personId }))
        : { type: 'retention_hold', details: { count: list.length } },
  },
});

export const placeHold = useCase({
  name: 'retention.place_hold',
  permission: ['retention', 'manage'],
  input: HoldBody,
  async run({ db, actor }, input) {
    const personId = input.personId ?? null;
    const recordType = input.recordType ?? null;
    const recordId = input.recordId?.trim() || null;
    if (!personId && !(recordType && recordId)) throw new ValidationProblem([{ field: 'personId', message: 'Enter the id of the person to hold' }]);
    if (!input.reason.trim()) throw new ValidationProblem([{ field: 'reason', message: 'Give the reason for the hold' }]);
    if (personId && !(await store.personExists(db, actor.partnershipId, personId)))
      throw new ValidationProblem([{ field: 'personId', message: 'There is no person with that id' }]);
    const who = auditActor(actor);
    const id = randomUUID();
    await store.placeHold(db, {
      partnershipId: actor.partnershipId,
      id,
      personId,
      recordType,
      recordId,
      reason: input.reason.trim(),
      by: who.id,
      byLabel: who.label,
    });
    return { id, personId, recordType, recordId };
  },
  audit: {
    change: 'retention_hold.placed',
    subject: (h) => ({ type: 'retention_hold', id: h.id, details: { personId: h.personId, recordType: h.recordType, recordId: h.recordId } }),
  },
});

export const releaseHold = useCase({
  name: 'retention.release_hold',
  permission: ['retention', 'manage'],
  input: HoldId,
  async run({ db, actor }, { id }) {
    const who = auditActor(actor);
    const released = await store.releaseHold(db, actor.partnershipId, id, who.id, who.label);
    if (!released) throw notFound('The legal hold');
    return { id, personId: released.person_id };
  },
  audit: { change: 'retention_hold.released', subject: (h) => ({ type: 'retention_hold', id: h.id, details: { personId: h.personId } }) },
});
