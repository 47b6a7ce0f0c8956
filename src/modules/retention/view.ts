// Retention view models: the queue, holds and tombstones as the API and pages show them.
import { DEFAULT_SCHEDULE, isRecordType } from './domain.ts';
import type { HoldRow, QueueRow } from './store.ts';

export const recordLabel = (type: string | null) => (type && isRecordType(type) ? DEFAULT_SCHEDULE[type].label : (type ?? ''));

export const queueItem = (r: QueueRow) => ({
  id: r.id,
  recordType: r.record_type,
  recordLabel: recordLabel(r.record_type),
  recordId: r.record_id,
  personId: r.person_id,
  personName: r.person_name,
  dueOn: r.due_on,
  action: r.action,
});
export type QueueItem = ReturnType<typeof queueItem>;

export const hold = (h: HoldRow) => ({
  id: h.id,
  personId: h.person_id,
  personName: h.person_name,
  recordType: h.record_type,
  recordLabel: recordLabel(h.record_type),
  recordId: h.record_id,
  reason: h.reason,
  placedBy: h.placed_by_label,
  placedAt: new Date(h.placed_at).toISOString(),
});
